package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Roll the whole run back to its snapshot, as `rollback` does, and end it.")
final class AbortCommand extends BaseCommand {
    private final Stepper stepper;

    AbortCommand(Stepper stepper) {
        this.stepper = stepper;
    }

    @Override
    protected int doCall() {
        return stepper.abort();
    }
}
