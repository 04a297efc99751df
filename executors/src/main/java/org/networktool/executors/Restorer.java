package org.networktool.executors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.networktool.layout.Change;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.planners.Gate;
import org.networktool.planners.GateKind;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.Recovery;

/**
 * Returns the host to a run's snapshot: runs the undo of every action the journal says began,
 * newest first, each journaled before and after; then verifies the host against the snapshot on
 * what the plan touches and re-runs the baseline gates. One wrapper for every way back: a failed
 * step, `rollback` after a crash, and the confirm window's revert.
 */
public final class Restorer {
    private final CommandRunner runner;
    private final HostReader reader;
    private final GateChecker gates;
    private final ProgressListener progress;

    public Restorer(CommandRunner runner, HostReader reader, GateChecker gates, ProgressListener progress) {
        this.runner = runner;
        this.reader = reader;
        this.gates = gates;
        this.progress = progress;
    }

    public Outcome restore(Journal journal, JournalContents contents, String why) {
        JournalRecord start = contents.first(RecordType.RUN_START).orElseThrow();
        journal.append(JournalRecord.of(RecordType.ROLLBACK_BEGIN).message(why));
        progress.rollbackStarted(why);
        List<String> failures = runUndos(journal, Recovery.undos(contents));
        List<String> remaining = verify(start.snapshot(), start.plan());
        GateChecker round = gates.round();
        for (Gate g : baseline(start.plan())) {
            GateResult r = round.check(g);
            journal.append(JournalRecord.of(RecordType.GATE).step("baseline").gate(r.passed(), r.figures(), r.message(), r.durationMs()));
            progress.gateChecked("baseline", r);
            if (!r.passed()) {
                remaining.add("baseline gate " + g.label() + " failed: " + r.message());
            }
        }
        if (remaining.isEmpty()) {
            journal.append(JournalRecord.of(RecordType.ROLLBACK_DONE).message("host matches the snapshot"
                    + (failures.isEmpty() ? "" : " (" + failures.size() + " undo commands failed but left nothing behind)")));
            return new Outcome(Outcome.Kind.RESTORED, "host restored to the snapshot of " + start.time(), List.of());
        }
        remaining.addAll(0, failures);
        journal.append(JournalRecord.of(RecordType.ROLLBACK_INCOMPLETE).message(String.join("\n", remaining)));
        return new Outcome(Outcome.Kind.NOT_RESTORED, "the host could not be restored", remaining);
    }

    /**
     * The shell's `back`: undoes one step (newest action first), then checks the step's own
     * pre-gates, which describe the host as it was before the step. The rest of the run stays.
     */
    public Outcome undoStep(Journal journal, JournalContents contents, Step step) {
        List<Recovery.Undo> undos = Recovery.undos(contents).stream().filter(u -> u.step().equals(step.id())).toList();
        List<String> failures = runUndos(journal, undos);
        GateChecker round = gates.round();
        for (Gate g : step.preGates()) {
            GateResult r = round.check(g);
            journal.append(JournalRecord.of(RecordType.GATE).step(step.id()).gate(r.passed(), r.figures(),
                    "after undo " + g.label() + " " + r.message(), r.durationMs()));
            progress.gateChecked("after undo", r);
            if (!r.passed()) {
                failures.add("gate " + g.label() + " failed: " + r.message());
            }
        }
        if (!failures.isEmpty()) {
            return new Outcome(Outcome.Kind.NOT_RESTORED, "step " + step.id() + " could not be undone cleanly", failures);
        }
        journal.append(JournalRecord.of(RecordType.STEP_UNDONE).step(step.id()));
        return new Outcome(Outcome.Kind.RESTORED, "step " + step.id() + " undone (" + undos.size() + " commands)", List.of());
    }

    /** Each undo journaled before and after; returns what failed (a tolerant undo never fails). */
    private List<String> runUndos(Journal journal, List<Recovery.Undo> undos) {
        List<String> failures = new ArrayList<>();
        for (Recovery.Undo u : undos) {
            journal.append(JournalRecord.of(RecordType.UNDO_BEGIN).step(u.step()).action(-1, u.command()).message(u.key()));
            CommandOutcome o = runner.run(u.command());
            progress.undoRan(u.command(), o);
            boolean ok = o.ok() || u.tolerant();
            journal.append(JournalRecord.of(ok ? RecordType.UNDO_DONE : RecordType.UNDO_FAILED).step(u.step())
                    .action(-1, u.command()).result(o.exitCode(), o.output(), o.durationMs()).message(u.key()));
            if (!ok) {
                failures.add(u.command().display() + " → exit " + o.exitCode() + ": " + o.output().strip());
            }
        }
        return failures;
    }

    /** Differences from the snapshot on the objects the plan touches (other changes on the host are not ours). */
    private List<String> verify(HostLayout snapshot, Plan plan) {
        Set<String> touched = new LinkedHashSet<>();
        if (plan.target() != null) {
            touched.add(plan.target().bridge());
            touched.add(plan.target().internalPort());
            touched.add(plan.target().bond().name());
            touched.addAll(plan.target().bond().members());
            touched.addAll(plan.target().softRoce());
            if (plan.target().storageInterface() != null) {
                touched.add(plan.target().storageInterface());
            }
        }
        if (snapshot.storage() != null) {
            touched.addAll(snapshot.storage().addresses());
        }
        List<String> left = new ArrayList<>();
        for (Change c : LayoutDiff.between(snapshot, reader.read())) {
            String text = c.subject() + " " + c.before() + " " + c.after();
            if (touched.stream().anyMatch(t -> text.matches("(?s).*(^|[\\s/(,:])" + java.util.regex.Pattern.quote(t) + "($|[\\s/),:]).*"))) {
                left.add(c.line());
            }
        }
        return left;
    }

    private static List<Gate> baseline(Plan plan) {
        if (plan.steps().isEmpty()) {
            return List.of();
        }
        Step first = plan.steps().get(0);
        return first.preGates().stream().filter(g -> g.kind() != GateKind.PREFLIGHT).toList();
    }
}
