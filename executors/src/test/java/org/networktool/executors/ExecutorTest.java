package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.UncheckedIOException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.layout.Ovs;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.planners.Command;
import org.networktool.planners.Gate;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;
import org.networktool.planners.Step;
import org.networktool.planners.sim.HostSimulator;
import org.networktool.planners.sim.SimulationException;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RecordType;

/** Every branch of the step loop, on an in-memory model host with failures injected by Mockito. */
class ExecutorTest {
    @TempDir
    Path tmp;

    static HostLayout sample(String name) {
        Path root = Path.of("..", "samples", name).toAbsolutePath();
        HostLayout l = new HostInspector(new HostRoot(root), new CapturedCommands(root), name).inspect(StorageSelector.AUTO);
        return new HostLayout(l.schema(), l.hostname(), l.source(), l.storage(), l.nics(), l.netdevs(), l.bonds(), l.routes(),
                new Ovs(true, "3.1.0", List.of()), l.rdma(), l.warnings());
    }

    /** The model host: runs commands, reads back its layout. */
    static final class Model implements CommandRunner, HostReader {
        final HostSimulator sim;

        Model(HostLayout l) {
            sim = new HostSimulator(l);
        }

        @Override
        public CommandOutcome run(Command c) {
            try {
                sim.run(c);
                return new CommandOutcome(0, "", 1);
            } catch (SimulationException e) {
                return new CommandOutcome(1, e.getMessage(), 1);
            }
        }

        @Override
        public HostLayout read() {
            return sim.layout();
        }
    }

    private record Run(Outcome outcome, JournalContents journal, Model model) {
    }

    private Run execute(HostLayout l, Plan plan, CommandRunner runner, GateChecker gates, Model model) {
        Path p = tmp.resolve("run-" + System.nanoTime() + ".journal");
        try (Journal j = Journal.create(p)) {
            Executor.start(j, l, plan, Map.of());
            Restorer restorer = new Restorer(runner, model, gates, ProgressListener.QUIET);
            Outcome o = new Executor(runner, gates, restorer, ProgressListener.QUIET).apply(j, plan);
            return new Run(o, JournalReader.read(p), model);
        }
    }

    private static GateChecker passing(Model model) {
        return new HostGates(model, GateProbes.practice(), 0);
    }

    private static Plan plan(HostLayout l) {
        return Planner.plan(PlanRequest.of(l).peers(List.of("10.10.1.12")).datapath("system"));
    }

    @Test
    void appliesEveryStepAndJournalsEachActionBeforeAndAfter() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        Run r = execute(l, plan, m, passing(m), m);
        assertEquals(Outcome.Kind.APPLIED, r.outcome().kind());
        long actions = plan.steps().stream().mapToLong(s -> s.actions().size()).sum();
        assertEquals(actions, r.journal().records().stream().filter(x -> x.type() == RecordType.ACTION_BEGIN).count());
        assertEquals(actions, r.journal().records().stream().filter(x -> x.type() == RecordType.ACTION_DONE).count());
        assertEquals("storage", m.read().storage().interfaceName());
    }

    /**
     * Steps run back to back hand the after-gates' read of the host to the next step's before-gates: one read fewer per
     * step than the shell's `next`, which reads afresh; the gates pass on the same host either way.
     */
    @Test
    void applyHandsTheAfterGatesReadToTheNextStepsBeforeGates() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        // Before each step one read serves the drift check and the before-gates; after it, one serves the after-gates.
        long rounds = plan.steps().stream().mapToLong(s -> 1 + (s.postGates().isEmpty() ? 0 : 1)).sum();
        long handed = java.util.stream.IntStream.range(1, plan.steps().size())
                .filter(i -> !plan.steps().get(i - 1).postGates().isEmpty()).count();
        assertTrue(handed >= 2, "the plan has steps whose before-gates follow after-gates: " + handed);
        int[] reads = new int[2];
        for (int mode = 0; mode < 2; mode++) {
            Model m = new Model(l);
            int which = mode;
            HostReader counting = () -> {
                reads[which]++;
                return m.read();
            };
            GateChecker gates = new HostGates(counting, GateProbes.practice(), 0);
            Path p = tmp.resolve("reads-" + mode + ".journal");
            try (Journal j = Journal.create(p)) {
                Executor.start(j, l, plan, Map.of());
                Executor ex = new Executor(m, gates, new Restorer(m, m, gates, ProgressListener.QUIET), ProgressListener.QUIET);
                if (mode == 0) {
                    assertEquals(Outcome.Kind.APPLIED, ex.apply(j, plan).kind());
                } else {
                    for (int i = 0; i < plan.steps().size(); i++) {
                        assertEquals(Outcome.Kind.APPLIED, ex.runStep(j, plan, i).kind(), plan.steps().get(i).id());
                    }
                }
            }
        }
        assertEquals(rounds, reads[1], "one step at a time: one read before each step, one per round of after-gates");
        assertEquals(rounds - handed, reads[0], "apply: the before-gates after a step's after-gates read nothing new");
    }

    /**
     * Someone else changes the host between two steps (takes a slave out of bond0): the next step does not start, the
     * run's own changes are undone, and the one it did not make is named as left.
     */
    @Test
    void driftBeforeAStepStopsTheRunAndNamesTheChange() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        int firstStepWithCommands = java.util.stream.IntStream.range(0, plan.steps().size())
                .filter(i -> !plan.steps().get(i).actions().isEmpty()).findFirst().orElseThrow();
        int commands = plan.steps().get(firstStepWithCommands).actions().size();
        AtomicInteger ran = new AtomicInteger();
        CommandRunner meddled = c -> {
            CommandOutcome o = m.run(c);
            if (ran.incrementAndGet() == commands) { // that step's last command: the next step expects ens1f1 in bond0
                m.sim.run(Command.of("ip", "link", "set", "dev", "ens1f1", "nomaster"));
            }
            return o;
        };
        Run r = execute(l, plan, meddled, passing(m), m);
        String next = plan.steps().get(firstStepWithCommands + 1).id();
        assertTrue(r.outcome().message().contains("the host changed under the run before " + next
                + ": ens1f1 is free, expected in Linux bond bond0"), r.outcome().message());
        assertEquals(Outcome.Kind.NOT_RESTORED, r.outcome().kind(), r.outcome().message());
        assertTrue(String.join(" ", r.outcome().remaining()).contains("ens1f1"), r.outcome().remaining().toString());
        assertTrue(r.journal().has(RecordType.ROLLBACK_BEGIN));
        assertEquals(0, r.journal().records().stream().filter(x -> x.type() == RecordType.STEP_BEGIN && next.equals(x.step())).count(),
                "the drifted step did not begin");
        m.sim.run(Command.of("ip", "link", "set", "dev", "ens1f1", "down"));
        m.sim.run(Command.of("ip", "link", "set", "dev", "ens1f1", "master", "bond0"));
        m.sim.run(Command.of("ip", "link", "set", "dev", "ens1f1", "up"));
        assertEquals(List.of(), LayoutDiff.between(l, m.read()), "with the foreign change put back, the host is as it was");
    }

    /** nmstate's verify: the steps and their gates passed, but the host is not the target (an MTU set back): rolled back, exit 3. */
    @Test
    void theLastStepIsVerifiedAgainstTheTarget() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        long all = plan.steps().stream().mapToLong(s -> s.actions().size()).sum();
        AtomicInteger ran = new AtomicInteger();
        CommandRunner meddled = c -> {
            CommandOutcome o = m.run(c);
            if (ran.incrementAndGet() == all) {
                m.sim.run(Command.of("ip", "link", "set", "dev", "storage", "mtu", "1400"));
            }
            return o;
        };
        Run r = execute(l, plan, meddled, passing(m), m);
        assertEquals(Outcome.Kind.RESTORED_AFTER_GATE, r.outcome().kind(), r.outcome().message());
        assertTrue(r.outcome().message().contains("after the last step the host does not match the target: internal port MTU 1400, expected 9000"),
                r.outcome().message());
        assertTrue(r.journal().records().stream().anyMatch(x -> x.type() == RecordType.GATE && Boolean.FALSE.equals(x.passed())
                && x.message().startsWith("after [target] internal port MTU 1400")), "journaled as a gate");
        assertEquals(List.of(), LayoutDiff.between(l, m.read()));
        Model clean = new Model(l);
        Run ok = execute(l, plan, clean, passing(clean), clean);
        assertTrue(ok.journal().records().stream().anyMatch(x -> x.type() == RecordType.GATE && Boolean.TRUE.equals(x.passed())
                && x.message().equals("after [target] the host matches the target")), "a run that reaches it says so");
    }

    /** The shell's Ctrl-C: the step stops after the command that is running, and the run is rolled back. */
    @Test
    void anOperatorStopBetweenCommandsRollsBack() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        AtomicInteger ran = new AtomicInteger();
        CommandRunner counting = c -> {
            ran.incrementAndGet();
            return m.run(c);
        };
        Path p = tmp.resolve("stop.journal");
        try (Journal j = Journal.create(p)) {
            Executor.start(j, l, plan, Map.of());
            Restorer restorer = new Restorer(counting, m, passing(m), ProgressListener.QUIET);
            Executor ex = new Executor(counting, passing(m), restorer, ProgressListener.QUIET).stoppedWhen(() -> ran.get() >= 1);
            assertEquals(Outcome.Kind.APPLIED, ex.runStep(j, plan, 0).kind(), "preflight has no commands");
            Outcome o = ex.runStep(j, plan, 1);
            assertEquals(Outcome.Kind.RESTORED_AFTER_COMMAND, o.kind(), o.message());
            assertTrue(o.message().contains("interrupted by the operator"), o.message());
        }
        JournalContents journal = JournalReader.read(p);
        assertEquals(1, journal.records().stream().filter(x -> x.type() == RecordType.ACTION_BEGIN).count(), "no second command began");
        assertTrue(journal.has(RecordType.ROLLBACK_DONE));
        assertEquals(List.of(), LayoutDiff.between(l, m.read()));
    }

    /** The shell's `back` then `next` again, then a full rollback: every undo runs once per run of its action. */
    @Test
    void aStepUndoneAndRunAgainIsStillRolledBack() {
        HostLayout l = sample("softroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        Path p = tmp.resolve("back.journal");
        try (Journal j = Journal.create(p)) {
            Executor.start(j, l, plan, Map.of());
            Restorer restorer = new Restorer(m, m, passing(m), ProgressListener.QUIET);
            Executor ex = new Executor(m, passing(m), restorer, ProgressListener.QUIET);
            for (int i = 0; i < 3; i++) {
                assertEquals(Outcome.Kind.APPLIED, ex.runStep(j, plan, i).kind());
            }
            Step third = plan.steps().get(2);
            assertEquals(Outcome.Kind.RESTORED, restorer.undoStep(j, JournalReader.read(p), third).kind());
            assertEquals(plan.steps().subList(0, 2).stream().map(Step::id).toList(), JournalReader.read(p).stepsDone());
            assertEquals(Outcome.Kind.APPLIED, ex.runStep(j, plan, 2).kind(), "the undone step runs again");
            assertEquals(Outcome.Kind.RESTORED, restorer.restore(j, JournalReader.read(p), "test").kind());
        }
        assertEquals(List.of(), LayoutDiff.between(l, m.read()), "back, next, rollback: the host as it was");
    }

    /** A command failing at any action of any step: forward progress stops, the host is restored, exit 1. */
    @Test
    void commandFailureAtEveryActionRollsBack() {
        HostLayout l = sample("softroce");
        Plan plan = plan(l);
        int total = plan.steps().stream().mapToInt(s -> s.actions().size()).sum();
        for (int failAt = 1; failAt <= total; failAt++) {
            Model m = new Model(l);
            CommandRunner runner = mock(CommandRunner.class);
            AtomicInteger calls = new AtomicInteger();
            int n = failAt;
            when(runner.run(any())).thenAnswer(inv -> {
                Command c = inv.getArgument(0);
                return calls.incrementAndGet() == n && !c.tolerateFailure() ? new CommandOutcome(2, "injected failure", 1) : m.run(c);
            });
            Run r = execute(l, plan, runner, passing(m), m);
            Command failed = plan.steps().stream().flatMap(s -> s.forward().stream()).toList().get(failAt - 1);
            Outcome.Kind expected = failed.tolerateFailure() ? Outcome.Kind.APPLIED : Outcome.Kind.RESTORED_AFTER_COMMAND;
            assertEquals(expected, r.outcome().kind(), "fail at action " + failAt + ": " + r.outcome());
            if (expected != Outcome.Kind.APPLIED) {
                assertEquals(1, r.outcome().kind().exitCode());
                assertEquals(List.of(), LayoutDiff.between(l, m.read()), "fail at " + failAt);
                assertTrue(r.journal().has(RecordType.ACTION_FAILED) && r.journal().has(RecordType.ROLLBACK_DONE));
            }
        }
    }

    /** For each gate of the plan in turn, a run whose Nth gate check does {@code failure} instead of checking. */
    private void atEveryGate(java.util.function.Function<Gate, GateResult> failure, java.util.function.BiConsumer<Integer, Run> then) {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        int gates = plan.steps().stream().mapToInt(s -> s.preGates().size() + s.postGates().size()).sum();
        for (int failAt = 1; failAt <= gates; failAt++) {
            Model m = new Model(l);
            GateChecker real = passing(m);
            AtomicInteger calls = new AtomicInteger();
            int n = failAt;
            Run r = execute(l, plan, m, g -> calls.incrementAndGet() == n ? failure.apply(g) : real.check(g), m);
            assertEquals(List.of(), LayoutDiff.between(l, m.read()), "gate " + failAt + ": " + r.outcome());
            then.accept(failAt, r);
        }
    }

    /** Any gate failing, before or after any step: restored, exit 3. */
    @Test
    void gateFailureAtEveryGateRollsBack() {
        atEveryGate(g -> new GateResult(g, false, "injected", Map.of(), 1), (n, r) -> {
            assertEquals(Outcome.Kind.RESTORED_AFTER_GATE, r.outcome().kind(), "gate " + n);
            assertEquals(3, r.outcome().kind().exitCode());
        });
    }

    /** An exception from any gate (a reader or prober that throws) mid-run: restored, exit 1, the cause journaled. */
    @Test
    void anExceptionFromAnyGateRollsBack() {
        atEveryGate(g -> {
            throw new IllegalStateException("injected reader failure");
        }, (n, r) -> {
            assertEquals(Outcome.Kind.RESTORED_AFTER_COMMAND, r.outcome().kind(), "gate " + n + ": " + r.outcome());
            assertEquals(1, r.outcome().kind().exitCode());
            assertTrue(r.outcome().message().contains("internal error (IllegalStateException: injected reader failure)"), r.outcome().message());
            assertTrue(r.journal().has(RecordType.STEP_FAILED) && r.journal().has(RecordType.ROLLBACK_DONE), "gate " + n);
        });
    }

    /** An exception from the runner at any action, after some changes were made: restored. */
    @Test
    void anExceptionFromTheRunnerAtAnyActionRollsBack() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        int actions = plan.steps().stream().mapToInt(s -> s.actions().size()).sum();
        for (int failAt = 1; failAt <= actions; failAt++) {
            Model m = new Model(l);
            AtomicInteger calls = new AtomicInteger();
            int n = failAt;
            boolean[] forward = {true};
            CommandRunner runner = c -> {
                if (forward[0] && calls.incrementAndGet() == n) {
                    forward[0] = false;
                    throw new UncheckedIOException(new java.io.IOException("injected: fork failed"));
                }
                return m.run(c);
            };
            Run r = execute(l, plan, runner, passing(m), m);
            assertEquals(Outcome.Kind.RESTORED_AFTER_COMMAND, r.outcome().kind(), "action " + failAt + ": " + r.outcome());
            assertEquals(List.of(), LayoutDiff.between(l, m.read()), "action " + failAt);
        }
    }

    /** The rollback itself failing leaves the host changed: exit 4, and what is left is named. */
    @Test
    void failureDuringRollbackIsNotRestoredAndSaysWhatIsLeft() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        CommandRunner runner = mock(CommandRunner.class);
        when(runner.run(any())).thenAnswer(inv -> {
            Command c = inv.getArgument(0);
            if (c.argv().contains("del")) {
                return new CommandOutcome(2, "injected: bond0 is busy", 1); // the last forward action fails...
            }
            if (c.argv().contains("del-br")) {
                return new CommandOutcome(1, "injected: ovsdb unreachable", 1); // ...and an undo fails too
            }
            return m.run(c);
        });
        Run r = execute(l, plan, runner, passing(m), m);
        assertEquals(Outcome.Kind.NOT_RESTORED, r.outcome().kind());
        assertEquals(4, r.outcome().kind().exitCode());
        assertTrue(r.outcome().remaining().stream().anyMatch(x -> x.contains("del-br") && x.contains("ovsdb unreachable")), r.outcome().remaining().toString());
        assertTrue(r.outcome().remaining().stream().anyMatch(x -> x.contains("ovs bridge br-storage")), r.outcome().remaining().toString());
        assertTrue(r.journal().has(RecordType.ROLLBACK_INCOMPLETE));
        assertFalse(r.journal().has(RecordType.ROLLBACK_DONE));
    }

    @Test
    void preflightGateFailureChangesNothing() {
        HostLayout l = sample("ab-hwroce");
        Plan plan = plan(l);
        Model m = new Model(l);
        CommandRunner runner = mock(CommandRunner.class);
        GateChecker checker = g -> new GateResult(g, false, "no ovs", Map.of(), 1);
        Run r = execute(l, plan, runner, checker, m);
        assertEquals(Outcome.Kind.NOT_RESTORED, r.outcome().kind(), "baseline gates fail too, so it cannot prove the host is back");
        org.mockito.Mockito.verifyNoInteractions(runner);
        Step first = plan.steps().get(0);
        assertEquals("preflight", first.id());
    }
}
