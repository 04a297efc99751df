package org.networktool.planners;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One command a step runs: an argv (never a shell string), optional standard input (for
 * {@code ip -batch -}), and whether a failure may be tolerated. Only inverses and announcements
 * tolerate failure; what they leave behind is checked by verifying the layout afterwards.
 * A configuration file write has no argv: the executor puts {@code file} in place itself.
 * {@code background}: an announcement started and not waited for (gratuitous ARP: arping cannot send
 * faster than one packet a second, and the step it follows must not wait for its repeats).
 */
public record Command(List<String> argv, String stdin, boolean tolerateFailure, FileWrite file,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean background) {

    public Command {
        argv = argv == null ? List.of() : List.copyOf(argv);
    }

    public Command(List<String> argv, String stdin, boolean tolerateFailure) {
        this(argv, stdin, tolerateFailure, null, false);
    }

    public Command(List<String> argv, String stdin, boolean tolerateFailure, FileWrite file) {
        this(argv, stdin, tolerateFailure, file, false);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, false);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, false);
    }

    public static Command write(FileWrite file) {
        return new Command(List.of(), null, false, file);
    }

    public Command tolerant() {
        return new Command(argv, stdin, true, file, background);
    }

    /** Started and not waited for; its failure is tolerated (nothing could act on it). */
    public Command inBackground() {
        return new Command(argv, stdin, true, file, true);
    }

    public static Command batch(boolean force, List<String> lines) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (force) {
            argv.add("-force");
        }
        argv.addAll(List.of("-batch", "-"));
        return new Command(argv, String.join("\n", lines) + "\n", force);
    }

    /** The command as an engineer would read or type it. */
    public String display() {
        if (file != null) {
            return file.display();
        }
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(a.isEmpty() || a.matches(".*[\\s\"'$`\\\\|&;<>(){}*?!].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        if (stdin != null) {
            b.append(" <<EOF\n").append(stdin.indent(4)).append("    EOF");
        }
        return b.toString();
    }
}
