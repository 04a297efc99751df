package org.networktool.cli;

import java.io.PrintWriter;
import org.networktool.layout.NetworkToolException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place an exception becomes what the user sees: one line on stderr (what, where, what to
 * do) and the exit code of its kind. The stack trace only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof NetworkToolException nte) {
            err.println("network-tool: " + SafeText.oneLine(String.valueOf(nte.getMessage())));
        } else {
            err.println("network-tool: internal error: " + SafeText.oneLine(String.valueOf(ex))
                    + " (run again with --debug for the stack trace and report it)");
        }
        if (debug(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String where = cl.getCommandSpec().qualifiedName();
        String hint = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = "; did you mean " + u.getSuggestions().get(0) + "?";
        }
        err.println(where + ": " + SafeText.oneLine(String.valueOf(ex.getMessage())) + hint + " (see '" + where + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof NetworkToolException nte) {
            return nte.kind().exitCode();
        }
        return ex instanceof ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED_RESTORED;
    }

    private static boolean debug(ParseResult pr) {
        return matched(pr, "--debug");
    }

    /** Whether the command line gave {@code option}, before or after the subcommand (the global options are inherited). */
    static boolean matched(ParseResult pr, String option) {
        for (ParseResult p = pr; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }
}
