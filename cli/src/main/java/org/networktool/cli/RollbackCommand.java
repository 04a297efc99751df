package org.networktool.cli;

import org.networktool.executors.Outcome;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
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
        HostSession session = HostSession.of(host, "rollback", probe);
        StateDir state = stateOption.state();
        try (RunLock lock = Runs.lock(state, "network-tool rollback", err())) {
            String id = Runs.latestOr(state, run);
            JournalContents j = Runs.trusted(state, id);
            if (j.problem() != null) {
                err().println("network-tool: journal " + id + ": " + j.problem());
            }
            Runs.requireSameConfigRoot(j, host, id);
            if (RunState.of(j) == RunState.ROLLED_BACK) {
                out().println("run " + id + " is already rolled back: nothing to do");
                return ExitCodes.OK;
            }
            if (j.first(RecordType.RUN_START).map(r -> r.snapshot() == null || r.plan() == null).orElse(true)) {
                throw NetworkToolException.invalidInput("journal " + state.journal(id) + " has no readable start record (snapshot and"
                        + " plan): nothing to roll back from; it is left as it is. `network-tool journal show " + id + "` shows what it holds");
            }
            // The host must be readable before the journal is touched: a bad --simulated-host or an unreadable host
            // must not leave a ROLLBACK_BEGIN that makes a finished run read as running.
            session.reader.read();
            try (Journal journal = Journal.reopen(state.journal(id), j)) {
                Outcome o = session.restorer(new TextProgress(err())).restore(journal, j, "rollback requested");
                if (o.kind() == Outcome.Kind.RESTORED) {
                    out().println("run " + id + ": " + o.message());
                    return ExitCodes.OK;
                }
                err().println("network-tool rollback: run " + id + ": " + o.message());
                o.remaining().forEach(line -> err().println("  left: " + line));
                return o.kind().exitCode();
            }
        }
    }
}
