package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "next", mixinStandardHelpOptions = true,
        description = "Run the next step of the plan `plan` showed, with its gates before and after (the first `next` opens the run).")
final class NextCommand extends BaseCommand {
    private final Stepper stepper;

    NextCommand(Stepper stepper) {
        this.stepper = stepper;
    }

    @Override
    protected int doCall() {
        return stepper.next();
    }
}
