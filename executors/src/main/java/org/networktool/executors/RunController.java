package org.networktool.executors;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.Recovery;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;

/**
 * One run's life, whoever drives it: `upgrade` (every step, then the confirm window), the shell's `next`, `back` and
 * `abort`, and `upgrade --resume`. It holds the per-host lock while it is open, journals the start before the first
 * change, and when closed leaves an unfinished run journaled as it is, for `rollback`, `--resume` or the next shell.
 * The ways back that need no open run (`rollback`, `confirm`, the watchdog's revert) are in {@link RunEnds}.
 */
public final class RunController implements AutoCloseable {
    private final StateDir state;
    private final RunHost host;
    private final ProgressListener progress;
    private final BooleanSupplier stop;
    private RunLock lock;
    private String id;
    private Plan plan;
    private Journal journal;

    private RunController(StateDir state, RunHost host, ProgressListener progress, BooleanSupplier stop, RunLock lock) {
        this.state = state;
        this.host = host;
        this.progress = progress;
        this.stop = stop;
        this.lock = lock;
    }

    /**
     * Before a new run: takes the lock and refuses while another run is unfinished or waits for its confirmation.
     * {@code stop}: asked between two commands, true ends the step and rolls the run back (the shell's Ctrl-C).
     */
    public static RunController open(StateDir state, String holder, RunHost host, ProgressListener progress, BooleanSupplier stop,
                                     PrintWriter err) {
        RunLock lock = Runs.lock(state, holder, err);
        try {
            Runs.refuseIfUnfinished(state);
            return new RunController(state, host, progress, stop, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A run a crash or an operator stopped, continued from its journal. It must still be running (not failed, not being
     * rolled back, not in its confirm window), and write its files where it wrote them; the host must be readable before
     * the journal is touched. The plan is the journal's, whatever the options say now.
     */
    public static RunController resume(StateDir state, String runId, String holder, Optional<Path> configRoot, RunHost host,
                                       ProgressListener progress, BooleanSupplier stop, PrintWriter err) {
        RunLock lock = Runs.lock(state, holder, err);
        try {
            JournalContents j = Runs.trusted(state, runId);
            String refusal = notResumable(j, runId);
            if (refusal != null) {
                throw NetworkToolException.invalidInput(refusal);
            }
            Runs.requireSameConfigRoot(j, configRoot, runId);
            host.reader().read();
            RunController c = new RunController(state, host, progress, stop, lock);
            c.id = runId;
            c.plan = j.first(RecordType.RUN_START).orElseThrow().plan();
            c.journal = Journal.reopen(state.journal(runId), j);
            return c;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Why a journal cannot be gone on with (and what to do instead), or null when it can. */
    static String notResumable(JournalContents j, String runId) {
        String rollback = "`network-tool rollback " + runId + "`";
        if (j.problem() != null) {
            return "run " + runId + ": its journal is damaged (" + j.problem() + "); " + rollback + " undoes what it records";
        }
        Optional<JournalRecord> start = j.first(RecordType.RUN_START);
        if (start.isEmpty() || start.get().plan() == null || start.get().snapshot() == null) {
            return "run " + runId + " has no readable start record (snapshot and plan): nothing to resume";
        }
        if (j.has(RecordType.STEP_FAILED) || j.has(RecordType.ROLLBACK_BEGIN)) {
            return "run " + runId + " failed or was being rolled back (" + j.last(RecordType.STEP_FAILED).map(JournalRecord::message)
                    .orElse("a rollback began") + "): it cannot go on; " + rollback + " finishes the way back";
        }
        RunState s = RunState.of(j);
        return switch (s) {
            case RUNNING -> null;
            case AWAITING_CONFIRM -> "run " + runId + " has done every step and waits for `network-tool confirm " + runId + "` (or "
                    + rollback + "): nothing to resume";
            default -> "run " + runId + " is " + s.label() + ": nothing to resume";
        };
    }

    /** The host as it is now: what a plan is computed from, and the snapshot a rollback returns to. */
    public HostLayout readHost() {
        return host.reader().read();
    }

    /** Journals the run's start (snapshot, plan, who): the host is untouched before this record is on disk. */
    public String start(HostLayout snapshot, Plan newPlan, Map<String, String> meta) {
        if (id != null) {
            throw new IllegalStateException("run " + id + " is already open");
        }
        String runId = state.newRunId();
        Journal j = Journal.create(state.journal(runId));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", runId);
        m.put("pid", String.valueOf(ProcessHandle.current().pid()));
        m.put("host", snapshot.hostname());
        m.putAll(meta);
        Executor.start(j, snapshot, newPlan, m);
        this.id = runId;
        this.plan = newPlan;
        this.journal = j;
        return runId;
    }

    public String id() {
        return id;
    }

    public Plan plan() {
        return plan;
    }

    public Path journalPath() {
        return journal.path();
    }

    /** Journals a record of the run's own that no step writes (what an RDMA stream held across the run saw). */
    public void record(JournalRecord r) {
        journal.append(r);
    }

    /** Steps done and not undone. */
    public int stepsDone() {
        return contents().stepsDone().size();
    }

    public boolean allStepsDone() {
        return stepsDone() == plan.steps().size();
    }

    /** Every step not done yet, each with its gates; a failure rolls the whole run back. */
    public Outcome applyRest() {
        Outcome settled = settleHalfDoneStep();
        if (settled != null) {
            return settled;
        }
        int from = stepsDone();
        if (from > 0) {
            progress.note("going on from step " + (from + 1) + "/" + plan.steps().size() + " of run " + id);
        }
        return host.executor(progress).stoppedWhen(stop).apply(journal, plan, from);
    }

    /** The next step only (the shell's `next`). */
    public Outcome next() {
        Outcome settled = settleHalfDoneStep();
        if (settled != null) {
            return settled;
        }
        if (allStepsDone()) {
            // A run that stopped between its last step and its end record: nothing left but to finish it.
            return new Outcome(Outcome.Kind.APPLIED, "all " + plan.steps().size() + " steps done", List.of());
        }
        return host.executor(progress).stoppedWhen(stop).runStep(journal, plan, stepsDone());
    }

    /** Undoes the last step done (the shell's `back`); the rest of the run stays. */
    public Outcome back() {
        List<String> done = contents().stepsDone();
        if (done.isEmpty()) {
            throw NetworkToolException.invalidInput("back: no step of run " + id + " is done yet; `abort` ends the run");
        }
        return host.restorer(progress).undoStep(journal, contents(), plan.steps().get(done.size() - 1));
    }

    /** Rolls the whole run back to its snapshot. */
    public Outcome abort(String why) {
        return host.restorer(progress).restore(journal, contents(), why);
    }

    /**
     * After the last step: the run is done, or, with {@code confirmSeconds} above 0, waits for `confirm` until the
     * returned deadline, which the watchdog enforces even if this process dies.
     */
    public Optional<Instant> finish(int confirmSeconds) {
        if (confirmSeconds <= 0) {
            journal.append(JournalRecord.of(RecordType.RUN_DONE));
            return Optional.empty();
        }
        Instant deadline = Instant.now().plusSeconds(confirmSeconds);
        journal.append(JournalRecord.of(RecordType.CONFIRM_WINDOW).meta(Map.of("deadline", deadline.toString(),
                "timeout", String.valueOf(confirmSeconds))));
        return Optional.of(deadline);
    }

    /**
     * A step a crash or an interrupt left half-done (begun, neither done nor failed) is undone before the run goes on, so
     * the drift check before it finds the host where the steps before leave it. Null when there was nothing to settle or
     * it settled; else the outcome of rolling the whole run back because the step could not be undone.
     */
    private Outcome settleHalfDoneStep() {
        JournalContents j = contents();
        int i = j.stepsDone().size();
        if (i >= plan.steps().size()) {
            return null;
        }
        Step step = plan.steps().get(i);
        if (Recovery.undos(j).stream().noneMatch(u -> u.step().equals(step.id()))) {
            return null;
        }
        progress.note("step " + step.id() + " was left half-done: undoing what it began");
        Outcome undone = host.restorer(progress).undoStep(journal, j, step);
        if (undone.kind() == Outcome.Kind.RESTORED) {
            return null;
        }
        String why = "the half-done step " + step.id() + " could not be undone: " + String.join("; ", undone.remaining());
        journal.append(JournalRecord.of(RecordType.STEP_FAILED).step(step.id()).message(why));
        Outcome restored = abort(why);
        return restored.kind() == Outcome.Kind.RESTORED
                ? new Outcome(Outcome.Kind.RESTORED_AFTER_COMMAND, why + "; the host was restored", List.of())
                : new Outcome(Outcome.Kind.NOT_RESTORED, why + "; then " + restored.message(), restored.remaining());
    }

    private JournalContents contents() {
        return JournalReader.read(journal.path());
    }

    /** Frees the lock; an unfinished run stays journaled as it is. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
