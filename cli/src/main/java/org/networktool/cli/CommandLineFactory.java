package org.networktool.cli;

import java.io.PrintWriter;
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

    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NetworkToolCommand());
        // picocli hides it by default; engineers should find it in --help.
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(network-tool generate-completion)");
        return configure(cl, out, err);
    }

    /** Streams, error handling and exit codes for {@code cl} and every subcommand it has now (the shell adds its own first). */
    static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cl;
    }
}
