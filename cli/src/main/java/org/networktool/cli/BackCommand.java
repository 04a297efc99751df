package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "back", aliases = "undo", mixinStandardHelpOptions = true,
        description = "Undo the last step done (its inverse, newest command first), then check the gates that held before it.")
final class BackCommand extends BaseCommand {
    private final Stepper stepper;

    BackCommand(Stepper stepper) {
        this.stepper = stepper;
    }

    @Override
    protected int doCall() {
        return stepper.back();
    }
}
