package org.networktool.cli;

import org.networktool.executors.RunEnds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Keep the migration of RUN (default: the latest run): closes its confirm-or-revert window before the deadline.")
final class ConfirmCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", completionCandidates = Candidates.RunIds.class, description = "Run id (`network-tool journal list`).")
    String run;

    @Mixin
    StateOption stateOption;

    @Override
    protected int doCall() {
        out().println(RunEnds.confirm(stateOption.state(), run, err()).message());
        return ExitCodes.OK;
    }
}
