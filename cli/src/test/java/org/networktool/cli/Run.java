package org.networktool.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs network-tool in-process through the same factory as main, capturing both streams. */
record Run(int exitCode, String out, String err) {

    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLineFactory.forArgs(args, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    long errLines() {
        return err.lines().count();
    }
}
