package org.networktool.executors;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;

/**
 * How a run ends when no process holds it open: `rollback` (after a crash, or by choice), `confirm` closing the
 * confirm window, and the watchdog reverting at the window's deadline. Each takes the per-host lock and acts only on a
 * journal it can trust; each returns an {@link Outcome} whose message names the run.
 */
public final class RunEnds {
    private RunEnds() {
    }

    /**
     * Returns the host to the snapshot journaled when the run started; a run already rolled back is left alone. The host
     * must be readable before the journal is touched, so a bad host leaves no ROLLBACK_BEGIN behind.
     */
    public static Outcome rollback(StateDir state, String given, Optional<Path> configRoot, RunHost host, ProgressListener progress,
                                   PrintWriter err) {
        try (RunLock lock = Runs.lock(state, "network-tool rollback", err)) {
            String id = Runs.latestOr(state, given);
            JournalContents j = Runs.trusted(state, id);
            if (j.problem() != null) {
                err.println("network-tool: journal " + id + ": " + j.problem());
            }
            Runs.requireSameConfigRoot(j, configRoot, id);
            if (RunState.of(j) == RunState.ROLLED_BACK) {
                return new Outcome(Outcome.Kind.RESTORED, "run " + id + " is already rolled back: nothing to do", List.of());
            }
            if (j.first(RecordType.RUN_START).map(r -> r.snapshot() == null || r.plan() == null).orElse(true)) {
                throw NetworkToolException.invalidInput("journal " + state.journal(id) + " has no readable start record (snapshot and"
                        + " plan): nothing to roll back from; it is left as it is. `network-tool journal show " + id + "` shows what it holds");
            }
            host.reader().read();
            try (Journal journal = Journal.reopen(state.journal(id), j)) {
                return named(id, host.restorer(progress).restore(journal, j, "rollback requested"));
            }
        }
    }

    /** Closes the confirm window before its deadline: the migration stays. */
    public static Outcome confirm(StateDir state, String given, PrintWriter err) {
        try (RunLock lock = Runs.lock(state, "network-tool confirm", err, 10_000)) {
            String id = Runs.latestOr(state, given);
            JournalContents j = Runs.trusted(state, id);
            RunState s = RunState.of(j);
            if (s != RunState.AWAITING_CONFIRM) {
                throw NetworkToolException.invalidInput("run " + id + " is " + s.label() + ": there is no open window to confirm");
            }
            Instant deadline = Runs.deadline(j).orElseThrow();
            if (Instant.now().isAfter(deadline)) {
                throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "run " + id + ": the confirm window closed at " + deadline
                        + "; the watchdog is reverting the host (`network-tool journal show " + id + "`)");
            }
            try (Journal journal = Journal.reopen(state.journal(id), j)) {
                journal.append(JournalRecord.of(RecordType.CONFIRMED));
                journal.append(JournalRecord.of(RecordType.RUN_DONE));
            }
            return new Outcome(Outcome.Kind.APPLIED, "run " + id + " confirmed: the migration stays", List.of());
        }
    }

    /**
     * The watchdog: sleeps until the run's confirm deadline, then reverts it unless `confirm` was journaled first.
     * {@code host} is wired only at the deadline, so the watchdog holds nothing of the host while it waits.
     */
    public static Outcome revertAtDeadline(StateDir state, String id, Supplier<RunHost> host) throws InterruptedException {
        JournalContents j = Runs.trusted(state, id);
        Instant deadline = Runs.deadline(j).orElseThrow(() -> NetworkToolException.invalidInput("run " + id + " has no confirm window"));
        long wait = Duration.between(Instant.now(), deadline).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        RunHost h = host.get();
        // `confirm` may hold the lock for a moment at the deadline.
        try (RunLock lock = RunLock.acquire(state, "network-tool watchdog " + id, 60_000)) {
            j = Runs.trusted(state, id);
            if (RunState.of(j) != RunState.AWAITING_CONFIRM) {
                return new Outcome(Outcome.Kind.APPLIED, "run " + id + " is " + RunState.of(j).label() + ": nothing to revert", List.of());
            }
            try (Journal journal = Journal.reopen(state.journal(id), j)) {
                return named(id, h.restorer(ProgressListener.QUIET).restore(journal, j, "not confirmed before " + deadline));
            }
        }
    }

    /** Waits for the confirm window to end; the watchdog decides at the deadline, this only reports what the journal says. */
    public static Outcome awaitConfirm(StateDir state, String id) {
        while (true) {
            RunState s = RunState.of(JournalReader.read(state.journal(id)));
            switch (s) {
                case CONFIRMED:
                    return new Outcome(Outcome.Kind.APPLIED, "confirmed", List.of());
                case ROLLED_BACK:
                    return new Outcome(Outcome.Kind.RESTORED_AFTER_COMMAND, "not confirmed in time: the watchdog reverted the host", List.of());
                case FAILED:
                    return new Outcome(Outcome.Kind.NOT_RESTORED, "not confirmed in time and the revert was incomplete: "
                            + "see `network-tool journal show " + id + "`", List.of());
                default:
                    break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Outcome.Kind.APPLIED, "stopped waiting: the watchdog still reverts unless confirmed", List.of());
            }
        }
    }

    private static Outcome named(String id, Outcome o) {
        return new Outcome(o.kind(), "run " + id + ": " + o.message(), o.remaining());
    }
}
