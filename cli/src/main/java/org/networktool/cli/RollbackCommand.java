package org.networktool.cli;

import org.networktool.executors.Outcome;
import org.networktool.executors.RunEnds;
import org.networktool.executors.RunHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "rollback",
        header = "Return the host to a run's journaled snapshot.", mixinStandardHelpOptions = true,
        description = {
            "Return the host to the snapshot journaled when RUN started (default: the latest run): undo every",
            "action the journal says began, newest first, then verify the host against the snapshot and re-run",
            "the baseline gates (the RC ping-pong ones need --key-file; without it they say \"not checked\").",
            "Safe to repeat: a run already rolled back is left alone.",
            "Exit 0 restored, 4 not restored (what is left is printed), 5 another run holds the lock."})
final class RollbackCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", completionCandidates = Candidates.RunIds.class, description = "Run id (`network-tool journal list`).")
    String run;

    @Mixin
    HostOptions host;

    @Mixin
    StateOption stateOption;

    /** With the cluster key, the baseline RC ping-pong gates of a run planned with --key-file are checked too. */
    @Mixin
    ProbeOptions probe;

    @Override
    protected int doCall() {
        RunHost session = HostSession.of(host, "rollback", probe);
        Outcome o = RunEnds.rollback(stateOption.state(), run, host.configRoot(), session, new TextProgress(err()), err());
        if (o.kind() == Outcome.Kind.RESTORED) {
            out().println(o.message());
            return ExitCodes.OK;
        }
        return Render.failure("rollback", o, err());
    }
}
