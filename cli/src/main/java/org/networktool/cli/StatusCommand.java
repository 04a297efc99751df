package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Where the shell's run stands: each step done or still to do.")
final class StatusCommand extends BaseCommand {
    private final Stepper stepper;

    StatusCommand(Stepper stepper) {
        this.stepper = stepper;
    }

    @Override
    protected int doCall() {
        stepper.status(out());
        return ExitCodes.OK;
    }
}
