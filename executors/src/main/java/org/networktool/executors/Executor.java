package org.networktool.executors;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.networktool.layout.HostLayout;
import org.networktool.planners.Action;
import org.networktool.planners.Gate;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;

/**
 * Walks a plan: for each step, pre-gates, then each action journaled (and synced) before its
 * command runs and after, then post-gates. A failed command or gate stops forward progress and
 * rolls back automatically through the {@link Restorer}.
 */
public final class Executor {
    private final CommandRunner runner;
    private final GateChecker gates;
    private final Restorer restorer;
    private final ProgressListener progress;
    private final BooleanSupplier stopRequested;

    public Executor(CommandRunner runner, GateChecker gates, Restorer restorer, ProgressListener progress) {
        this(runner, gates, restorer, progress, () -> false);
    }

    private Executor(CommandRunner runner, GateChecker gates, Restorer restorer, ProgressListener progress, BooleanSupplier stop) {
        this.runner = runner;
        this.gates = gates;
        this.restorer = restorer;
        this.progress = progress;
        this.stopRequested = stop;
    }

    /** The same executor, stopping a step between two commands once {@code stop} says so (the shell's Ctrl-C). */
    public Executor stoppedWhen(BooleanSupplier stop) {
        return new Executor(runner, gates, restorer, progress, stop);
    }

    /** Journals the run's start; the first record holds everything a later rollback needs. */
    public static void start(Journal journal, HostLayout snapshot, Plan plan, java.util.Map<String, String> meta) {
        journal.append(JournalRecord.of(RecordType.RUN_START).start(snapshot, plan, meta));
    }

    public Outcome apply(Journal journal, Plan plan) {
        return apply(journal, plan, 0);
    }

    /** The steps from {@code from} on (a resumed run goes on where its journal stopped). */
    public Outcome apply(Journal journal, Plan plan, int from) {
        GateChecker handedOver = null;
        for (int i = from; i < plan.steps().size(); i++) {
            StepRun run = runStep(journal, plan, i, handedOver);
            if (run.outcome().kind() != Outcome.Kind.APPLIED) {
                return run.outcome();
            }
            handedOver = run.afterRound();
        }
        return new Outcome(Outcome.Kind.APPLIED, "all " + plan.steps().size() + " steps done", List.of());
    }

    /**
     * One step: pre-gates, its actions journaled before and after each command, post-gates. A
     * failure (or the operator's interrupt between commands) rolls the whole run back, as in
     * {@link #apply}. The shell's `next` is this, one step at a time.
     */
    public Outcome runStep(Journal journal, Plan plan, int i) {
        return runStep(journal, plan, i, null).outcome();
    }

    /**
     * {@code handedOver}: the after-gates' round of the step just done, when this step follows it at once (apply): the
     * before-gates start from that round's read of the host instead of reading it again — nothing ran in between, and
     * a read costs tens of seconds on an emulated CPU. The shell's `next`, which may come minutes later, reads afresh.
     */
    private StepRun runStep(Journal journal, Plan plan, int i, GateChecker handedOver) {
        Step step = plan.steps().get(i);
        try (var t = org.networktool.layout.Timings.start("step " + (i + 1) + "/" + plan.steps().size() + " " + step.id())) {
            return runStepUnguarded(journal, plan, i, handedOver);
        } catch (RuntimeException e) {
            // Anything thrown mid-step (a gate, the host reader, the journal, the runner) ends the run restored, as a failed
            // command does; never with the host half-changed and the journal saying RUNNING.
            String why = step.id() + " stopped: " + describe(e);
            try {
                return new StepRun(rollback(journal, step, why, false), null);
            } catch (RuntimeException again) {
                return new StepRun(new Outcome(Outcome.Kind.NOT_RESTORED, why + "; the rollback failed too: " + describe(again),
                        List.of("the changes the journal " + journal.path() + " records; run `network-tool rollback` once the cause is fixed")), null);
            }
        }
    }

    private static String describe(RuntimeException e) {
        return e instanceof org.networktool.layout.NetworkToolException ? e.getMessage()
                : "internal error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    private record StepRun(Outcome outcome, GateChecker afterRound) {
    }

    private StepRun runStepUnguarded(Journal journal, Plan plan, int i, GateChecker handedOver) {
        List<Step> steps = plan.steps();
        Step step = steps.get(i);
        long t0 = System.nanoTime();
        progress.stepStarted(i + 1, steps.size(), step);
        GateChecker before = handedOver == null ? gates.round() : gates.roundAfter(handedOver);
        List<String> drift = drift(journal, plan, i, before);
        if (!drift.isEmpty()) {
            return new StepRun(rollback(journal, step, "the host changed under the run before " + step.id() + ": "
                    + String.join("; ", drift) + " (changed by someone else?)", false), null);
        }
        String failedGate = gates(journal, step, "before", step.preGates(), before);
        if (failedGate != null) {
            return new StepRun(rollback(journal, step, "gate before " + step.id() + " failed: " + failedGate, true), null);
        }
        journal.append(JournalRecord.of(RecordType.STEP_BEGIN).step(step.id()));
        for (int a = 0; a < step.actions().size(); a++) {
            if (stopRequested.getAsBoolean()) {
                return new StepRun(rollback(journal, step, "interrupted by the operator during " + step.id(), false), null);
            }
            Action action = step.actions().get(a);
            journal.append(JournalRecord.of(RecordType.ACTION_BEGIN).step(step.id()).action(a, action.run()));
            CommandOutcome o;
            try (var t = org.networktool.layout.Timings.start("$ " + action.run().display())) {
                o = runner.run(action.run());
            }
            progress.commandRan(action.run(), o);
            boolean ok = o.ok() || action.run().tolerateFailure();
            journal.append(JournalRecord.of(ok ? RecordType.ACTION_DONE : RecordType.ACTION_FAILED).step(step.id())
                    .action(a, action.run()).result(o.exitCode(), o.output(), o.durationMs()));
            if (!ok) {
                return new StepRun(rollback(journal, step, "`" + action.run().display() + "` failed (exit " + o.exitCode() + "): "
                        + firstLine(o.output()), false), null);
            }
        }
        GateChecker after = gates.round();
        failedGate = gates(journal, step, "after", step.postGates(), after);
        if (failedGate != null) {
            return new StepRun(rollback(journal, step, "gate after " + step.id() + " failed: " + failedGate, true), null);
        }
        if (i == steps.size() - 1) {
            String mismatch = verify(journal, plan, after);
            if (mismatch != null) {
                return new StepRun(rollback(journal, step, "after the last step the host does not match the target: " + mismatch, true), null);
            }
        }
        journal.append(JournalRecord.of(RecordType.STEP_DONE).step(step.id()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        progress.stepDone(i + 1, steps.size(), step, ms);
        return new StepRun(new Outcome(Outcome.Kind.APPLIED, "step " + (i + 1) + "/" + steps.size() + " " + step.id() + " done in " + ms + " ms",
                List.of()), after);
    }

    /**
     * nmstate's verify: after the last step the live host is checked against the target, read again for as long as gates
     * retry when it differs (OVS applies some settings a moment after its database holds them); journaled as the
     * [target] gate. Null
     * when it matches, or when the checker reads no host.
     */
    private String verify(Journal journal, Plan plan, GateChecker round) {
        java.util.Optional<HostLayout> snapshot = snapshot(journal);
        if (plan.target() == null || snapshot.isEmpty() || snapshot.get().storage() == null || round.host().isEmpty()) {
            return null;
        }
        long t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + round.settleMs();
        GateChecker r = round;
        List<String> left;
        while (true) {
            left = org.networktool.planners.TargetCheck.mismatches(r.host().orElseThrow(), plan.target(), snapshot.get().storage().addresses());
            if (left.isEmpty() || System.currentTimeMillis() >= deadline) {
                break;
            }
            sleep(500);
            r = gates.round();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String message = left.isEmpty() ? "the host matches the target" : String.join("; ", left);
        GateResult result = new GateResult(new Gate.Target("the host matches the target"), left.isEmpty(),
                message, java.util.Map.of("mismatches", String.valueOf(left.size())), ms);
        journal.append(JournalRecord.of(RecordType.GATE).step(plan.steps().get(plan.steps().size() - 1).id())
                .gate(result.passed(), result.figures(), "after [target] " + message, ms));
        progress.gateChecked("after", result);
        return left.isEmpty() ? null : message;
    }

    /** The host as the run found it, from the journal's first record: what drift and verification compare with. */
    private static java.util.Optional<HostLayout> snapshot(Journal journal) {
        return JournalReader.read(journal.path()).first(RecordType.RUN_START).map(JournalRecord::snapshot);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What differs from the plan's expectation before step {@code i}, on the host the round read. */
    private static List<String> drift(Journal journal, Plan plan, int i, GateChecker round) {
        java.util.Optional<HostLayout> live = round.host();
        java.util.Optional<HostLayout> snapshot = snapshot(journal);
        if (live.isEmpty() || snapshot.isEmpty()) {
            return List.of();
        }
        try (var t = org.networktool.layout.Timings.start("drift check before " + plan.steps().get(i).id())) {
            return org.networktool.planners.Drift.before(snapshot.get(), plan, i, live.get());
        }
    }

    private String gates(Journal journal, Step step, String when, List<Gate> list, GateChecker round) {
        for (Gate g : list) {
            GateResult r;
            try (var t = org.networktool.layout.Timings.start("gate " + when + " " + g.label())) {
                r = round.check(g);
            }
            journal.append(JournalRecord.of(RecordType.GATE).step(step.id()).gate(r.passed(), r.figures(),
                    when + " " + g.label() + " " + r.message(), r.durationMs()));
            progress.gateChecked(when, r);
            if (!r.passed()) {
                return g.label() + " " + r.message();
            }
        }
        return null;
    }

    private Outcome rollback(Journal journal, Step step, String why, boolean gate) {
        journal.append(JournalRecord.of(RecordType.STEP_FAILED).step(step.id()).message(why));
        Outcome restored = restorer.restore(journal, JournalReader.read(journal.path()), why);
        if (restored.kind() == Outcome.Kind.NOT_RESTORED) {
            return new Outcome(Outcome.Kind.NOT_RESTORED, why + "; then " + restored.message(), restored.remaining());
        }
        return new Outcome(gate ? Outcome.Kind.RESTORED_AFTER_GATE : Outcome.Kind.RESTORED_AFTER_COMMAND,
                why + "; the host was restored", List.of());
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
