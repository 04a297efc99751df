package org.networktool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Timings;
import org.networktool.planners.Plan;
import org.networktool.rollback.StateDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The REPL: reads a line (JLine: editing, completion, history), hands the shell's host, plan and
 * state options to the command unless it gives its own, runs it through the same command line as
 * the CLI, and keeps the stepping state in a {@link Stepper}.
 */
final class Shell implements AutoCloseable {
    private static final Set<String> HOST_SOURCE = Set.of("--root", "--sample", "--simulated-host");

    private final Terminal terminal;
    private final PrintWriter out;
    private final LineReader reader;
    private final CommandLine cli;
    private final Stepper stepper;
    private final List<String> defaults = new ArrayList<>();
    private final boolean unicode;
    private String hostname = "host";
    private String storageIf = "?";
    private volatile boolean stopRequested;
    private boolean exitRequested;

    static Shell onSystemTerminal(HostOptions host, PlanOptions plan, StateOption state, Path history) throws IOException {
        return new Shell(TerminalBuilder.builder().system(true).build(), host, plan, state, history);
    }

    /** A dumb terminal over streams: the tests type lines into it and read the screen back. */
    static Shell onStreams(InputStream in, OutputStream outStream, HostOptions host, PlanOptions plan, StateOption state, Path history)
            throws IOException {
        // The exec provider's terminal writes output straight to the stream; a pty-backed one copies it in a
        // thread that closing the terminal can cut short, losing the last lines (seen: Ctrl-D's question).
        Terminal t = TerminalBuilder.builder().system(false).provider("exec").streams(in, outStream).type(Terminal.TYPE_DUMB)
                .encoding(StandardCharsets.UTF_8).build();
        return new Shell(t, host, plan, state, history);
    }

    private Shell(Terminal terminal, HostOptions host, PlanOptions plan, StateOption state, Path history) throws IOException {
        this.terminal = terminal;
        this.out = new java.io.PrintWriter(SafeText.writer(terminal.writer()), true);
        this.unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
        StateDir stateDir = state.state();
        this.stepper = new Stepper(stateDir, out, () -> stopRequested);
        this.cli = CommandLineFactory.create(out, out);
        CommandSpec root = cli.getCommandSpec();
        root.removeSubcommand("shell");
        root.removeSubcommand("watchdog");
        cli.addSubcommand(new NextCommand(stepper));
        cli.addSubcommand(new BackCommand(stepper));
        cli.addSubcommand(new StatusCommand(stepper));
        cli.addSubcommand(new AbortCommand(stepper));
        cli.addSubcommand(new ExitCommand(this));
        CommandLineFactory.configure(cli, out, out);
        defaults.addAll(host.argv());
        defaults.addAll(plan.argv());
        defaults.addAll(List.of("--state-dir", stateDir.dir().toString()));
        HostLayout layout = null;
        try {
            layout = host.inspect();
            hostname = layout.hostname();
            storageIf = layout.storage() == null ? "no storage network" : layout.storage().interfaceName();
        } catch (RuntimeException e) {
            out.println("network-tool shell: cannot read the host yet: " + e.getMessage());
        }
        Candidates.forShell(layout, stateDir);
        if (history.getParent() != null) {
            Files.createDirectories(history.getParent());
        }
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);   // paths and argv as typed: a backslash is not an escape
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("network-tool")
                .completer(new PicocliJLineCompleter(root)).parser(parser)
                .variable(LineReader.HISTORY_FILE, history).build();
    }

    int run() {
        out.println("network-tool shell on " + hostname + ": `help` lists the commands, Tab completes, Ctrl-D leaves.");
        try {
            stepper.pickUp().ifPresent(id -> out.println("picked up run " + id + ", left mid-plan at " + stepper.position()
                    + ": `status`, then `next`, `back` or `abort`"));
        } catch (RuntimeException e) {
            out.println("network-tool shell: " + e.getMessage());
        }
        int last = ExitCodes.OK;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                if (mayLeave()) {
                    break;
                }
                continue;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isBlank()).toList();
            if (words.isEmpty()) {
                continue;
            }
            last = execute(words);
            out.flush();
            if (exitRequested) {
                exitRequested = false;
                if (mayLeave()) {
                    break;
                }
            }
        }
        return ExitCodes.OK;
    }

    CommandSpec commandSpec() {
        return cli.getCommandSpec();
    }

    void requestExit() {
        exitRequested = true;
    }

    private int execute(List<String> words) {
        List<String> args = withDefaults(words);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> stopRequested = true);
        int code;
        Timings.clear();
        long t0 = System.nanoTime();
        try {
            code = cli.execute(args.toArray(String[]::new));
            if (cli.getParseResult() != null && ErrorHandler.matched(cli.getParseResult(), "--timings")) {
                out.print("timings:\n" + Timings.report() + String.format("%-56s %9.1f ms%n", "  total, this command", (System.nanoTime() - t0) / 1e6));
            }
            if (code == ExitCodes.OK && "plan".equals(words.get(0)) && !args.contains("--help") && !args.contains("-h")) {
                stepper.planShown(args.subList(1, args.size()));
            }
        } catch (RuntimeException e) {
            out.println("network-tool: " + e.getMessage());
            code = ExitCodes.USAGE;
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            stopRequested = false;
            Thread.interrupted();
        }
        return code;
    }

    /** The shell's own host, plan and state options, for each the typed command accepts and did not give. */
    private List<String> withDefaults(List<String> words) {
        CommandLine sub = cli.getSubcommands().get(words.get(0));
        List<String> args = new ArrayList<>(words);
        if (sub == null) {
            return args;
        }
        CommandSpec spec = sub.getCommandSpec();
        boolean sourceGiven = words.stream().anyMatch(w -> HOST_SOURCE.contains(w.split("=", 2)[0]));
        for (int i = 0; i + 1 < defaults.size(); i += 2) {
            String name = defaults.get(i);
            if (spec.findOption(name) == null || (HOST_SOURCE.contains(name) && sourceGiven)
                    || words.stream().anyMatch(w -> w.split("=", 2)[0].equals(name))) {
                continue;
            }
            args.add(name);
            args.add(defaults.get(i + 1));
        }
        return args;
    }

    /** [node3 · bond0 → br-storage · step 2/5] */
    String prompt() {
        String dot = unicode ? " · " : " - ";
        StringBuilder b = new StringBuilder("[").append(hostname).append(dot).append(storageIf);
        Plan p = stepper.plan().orElse(null);
        if (p != null && p.target() != null) {
            b.append(unicode ? " → " : " -> ").append(p.target().bridge());
        }
        if (stepper.inRun()) {
            b.append(dot).append(stepper.position());
        }
        return b.append("] ").toString();
    }

    private boolean mayLeave() {
        if (!stepper.inRun()) {
            return true;
        }
        try {
            String answer = reader.readLine("A run is half-applied (" + stepper.position() + "). Leave anyway? Its journal stays for"
                    + " `rollback` or the next shell. [y/N] ");
            return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
        } catch (UserInterruptException e) {
            return false;
        } catch (EndOfFileException e) {
            return true;   // nobody left to ask: the journal keeps the run
        }
    }

    @Override
    public void close() throws IOException {
        stepper.close();
        Candidates.forShell(null, null);
        try {
            reader.getHistory().save();
        } finally {
            terminal.close();
        }
    }
}
