package org.networktool.cli;

import java.time.Duration;
import java.time.Instant;
import org.networktool.executors.Outcome;
import org.networktool.executors.ProgressListener;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Started by `upgrade` in its own session; reverts the run at the deadline unless it was confirmed. */
@Command(name = "watchdog", hidden = true, description = "Internal: the confirm window's revert timer.")
final class WatchdogCommand extends BaseCommand {
    @Option(names = "--run", required = true)
    String run;

    @Mixin
    HostOptions host;

    @Mixin
    StateOption stateOption;

    @Override
    protected int doCall() throws InterruptedException {
        StateDir state = stateOption.state();
        JournalContents j = Runs.trusted(state, run);
        Instant deadline = Runs.deadline(j).orElseThrow(() -> NetworkToolException.invalidInput("run " + run + " has no confirm window"));
        long wait = Duration.between(Instant.now(), deadline).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        HostSession session = HostSession.of(host, "watchdog");
        // `confirm` may hold the lock for a moment at the deadline.
        try (RunLock lock = RunLock.acquire(state, "network-tool watchdog " + run, 60_000)) {
            j = Runs.trusted(state, run);
            if (RunState.of(j) != RunState.AWAITING_CONFIRM) {
                out().println(Instant.now() + " run " + run + " is " + RunState.of(j).label() + ": nothing to revert");
                return ExitCodes.OK;
            }
            try (Journal journal = Journal.reopen(state.journal(run), j)) {
                Outcome o = session.restorer(ProgressListener.QUIET).restore(journal, j, "not confirmed before " + deadline);
                out().println(Instant.now() + " run " + run + ": " + o.message() + " " + o.remaining());
                return o.kind().exitCode();
            }
        }
    }
}
