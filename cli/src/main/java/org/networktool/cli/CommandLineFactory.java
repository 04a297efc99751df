package org.networktool.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Builds the configured {@link CommandLine}: commands, error handling and exit codes. Used by
 * {@link Main}, by the tests and by the shell, so all three behave the same.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create() {
        return create(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** {@code out}/{@code err} are wrapped so that no control character reaches them raw ({@link SafeText}). */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return build(NetworkToolCommand.SUBCOMMANDS, out, err);
    }

    /** The commands that bind libibverbs first thing. */
    private static final List<Class<?>> VERBS = List.of(VerbsCheckCommand.class, ProbeCommand.class);

    /**
     * The command line for {@code args} alone: when they name a command, only that command's model is
     * built. picocli reflects over every class it is given, and the whole tree cost a third of a
     * {@code plan}'s start; the top's --help, `help`, completion and a mistyped name still get all of it.
     */
    public static CommandLine forArgs(String[] args, PrintWriter out, PrintWriter err) {
        String word = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        List<Class<?>> named = NetworkToolCommand.SUBCOMMANDS.stream()
                .filter(c -> !c.equals(CommandLine.HelpCommand.class) && !c.equals(AutoComplete.GenerateCompletion.class))
                .filter(c -> names(c).contains(word)).toList();
        List<String> given = Arrays.asList(args);
        if (named.isEmpty() && word.isEmpty() && (given.contains("--version") || given.contains("-V")) && !given.contains("--help")
                && !given.contains("-h")) {
            named = List.of(); // the version alone needs no command
        } else if (named.isEmpty()) {
            named = NetworkToolCommand.SUBCOMMANDS;
        }
        if (named.size() == 1 && VERBS.contains(named.get(0))) {
            org.networktool.verbscheck.Verbs.preload(); // bound while picocli builds the command
        }
        return build(named, out, err);
    }

    private static List<String> names(Class<?> command) {
        CommandLine.Command a = command.getAnnotation(CommandLine.Command.class);
        List<String> names = new ArrayList<>(List.of(a.aliases()));
        names.add(a.name());
        return names;
    }

    private static CommandLine build(List<Class<?>> subcommands, PrintWriter out, PrintWriter err) {
        out = new PrintWriter(SafeText.writer(out), true);
        err = new PrintWriter(SafeText.writer(err), true);
        CommandLine cl = new CommandLine(new NetworkToolCommand());
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        if (completion != null) {
            // picocli hides it by default; engineers should find it in --help.
            completion.getCommandSpec().usageMessage().hidden(false)
                    .description("Print a bash/zsh completion script: source <(network-tool generate-completion)");
        }
        return configure(cl, out, err);
    }

    /** Streams, error handling and exit codes for {@code cl} and every subcommand it has now (the shell adds its own first). */
    static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Plain help: the streams escape control characters (SafeText), so help's colour codes would print as text.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        reflow(cl);
        return cl;
    }

    /**
     * Descriptions are written as source lines of ~100 characters; picocli prints each element on its
     * own line and wraps it again at the help width, which leaves ragged half-lines. Joined into
     * paragraphs, picocli wraps them evenly; example lines (indented) and blank lines stay as written.
     */
    private static void reflow(CommandLine cl) {
        String[] lines = cl.getCommandSpec().usageMessage().description();
        List<String> out = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        for (String line : lines) {
            boolean verbatim = line.isEmpty() || line.startsWith(" ");
            if (verbatim) {
                if (para.length() > 0) {
                    out.add(para.toString());
                    para.setLength(0);
                }
                out.add(line);
            } else {
                para.append(para.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        if (para.length() > 0) {
            out.add(para.toString());
        }
        cl.getCommandSpec().usageMessage().description(out.toArray(String[]::new));
        cl.getSubcommands().values().stream().distinct().forEach(CommandLineFactory::reflow);
    }
}
