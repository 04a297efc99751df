package org.networktool.cli;

import java.io.PrintWriter;
import java.time.Instant;
import org.networktool.layout.Timings;
import picocli.CommandLine;

/** Entry point of the jar: builds the configured command line and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** One command, start to end; with --timings, where its time went, on {@code err} after everything else. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Instant main = Instant.now();
        long t0 = System.nanoTime();
        Timings.clear();
        CommandLine cl;
        try (var t = Timings.start("command line")) {
            cl = CommandLineFactory.forArgs(args, out, err);
        }
        int code;
        try (var t = Timings.start("the command (parse, run, print)")) {
            code = cl.execute(args);
        }
        if (cl.getParseResult() != null && ErrorHandler.matched(cl.getParseResult(), "--timings")) {
            cl.getErr().print(timings(main, t0));
            cl.getErr().flush();
        }
        return code;
    }

    /** From the JVM's start (its own record: the kernel's is to the second) to now, the spans in between. */
    private static String timings(Instant main, long mainNanos) {
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long toMain = Math.max(0, main.toEpochMilli() - started);
        long total = toMain + (System.nanoTime() - mainNanos) / 1_000_000;
        return String.format("timings:%n%-56s %9d ms%n", "  JVM start to main", toMain) + Timings.report()
                + String.format("%-56s %9d ms%n", "  total, JVM start to exit", total);
    }
}
