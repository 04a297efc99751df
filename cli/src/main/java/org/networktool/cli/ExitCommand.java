package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "exit", aliases = "quit", mixinStandardHelpOptions = true,
        description = "Leave the shell (as Ctrl-D does); asks first if a run is half-applied.")
final class ExitCommand extends BaseCommand {
    private final Shell shell;

    ExitCommand(Shell shell) {
        this.shell = shell;
    }

    @Override
    protected int doCall() {
        shell.requestExit();
        return ExitCodes.OK;
    }
}
