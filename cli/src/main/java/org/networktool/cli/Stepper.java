package org.networktool.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.networktool.executors.Outcome;
import org.networktool.executors.ProgressListener;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import org.networktool.planners.Verdict;
import org.networktool.planners.Step;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
import picocli.CommandLine;

/**
 * A plan walked one step at a time from the shell: `next` runs the next step with its gates,
 * `back` undoes the last step done, `abort` rolls the whole run back. Journaled exactly like
 * `upgrade` (same records, same lock), so a run left mid-plan is picked up by `rollback` or by the
 * next shell. The plan is the one `plan` showed, recomputed from the same options and refused if
 * the host changed in between.
 */
final class Stepper implements AutoCloseable {
    private final PrintWriter err;
    private final StateDir state;
    private final ProgressListener progress;
    private final BooleanSupplier stopRequested;
    private List<String> planArgs;
    private Plan shown;
    private String runId;
    private Plan plan;
    private Journal journal;
    private RunLock lock;
    private HostSession session;

    Stepper(StateDir state, PrintWriter err, BooleanSupplier stopRequested) {
        this.state = state;
        this.err = err;
        this.progress = new TextProgress(err);
        this.stopRequested = stopRequested;
    }

    /** `plan ARGS` succeeded in the shell: these are the options `next` will run with. */
    void planShown(List<String> args) {
        PlanCommand cmd = parse(args);
        this.planArgs = List.copyOf(args);
        this.shown = cmd.planOptions.plan(cmd.host.inspect(), cmd.host);
    }

    Optional<Plan> plan() {
        return Optional.ofNullable(plan != null ? plan : shown);
    }

    boolean inRun() {
        return runId != null;
    }

    int stepsDone() {
        return inRun() ? JournalReader.read(journal.path()).stepsDone().size() : 0;
    }

    /** "step 2/5" while a run is open, empty otherwise. */
    String position() {
        return inRun() ? "step " + stepsDone() + "/" + plan.steps().size() : "";
    }

    /**
     * A run this shell (or an earlier one that was left mid-plan) can continue: the newest
     * unfinished run made by a shell. Takes the lock for it.
     */
    Optional<String> pickUp() {
        List<String> ids = state.runIds();
        for (int i = ids.size() - 1; i >= 0; i--) {
            JournalContents j = JournalReader.read(state.journal(ids.get(i)));
            Optional<JournalRecord> start = j.first(RecordType.RUN_START);
            if (RunState.of(j) == RunState.RUNNING && start.isPresent() && start.get().meta() != null
                    && "shell".equals(start.get().meta().get("command")) && start.get().meta().get("args") != null) {
                // Only the run picked up is acted on: it alone must be a journal nobody else could have changed.
                j = Runs.trusted(state, ids.get(i));
                lock = Runs.lock(state, "network-tool shell", err);
                runId = ids.get(i);
                plan = start.get().plan();
                planArgs = List.of(start.get().meta().get("args").split("\u001f"));
                PlanCommand resumed = parse(planArgs);
                session = HostSession.of(resumed.host, "next", resumed.planOptions.probe);
                journal = Journal.reopen(state.journal(runId), j);
                return Optional.of(runId);
            }
        }
        return Optional.empty();
    }

    int next() {
        if (!inRun()) {
            int code = start();
            if (code != ExitCodes.OK) {
                return code;
            }
        }
        int i = stepsDone();
        Outcome o = session.executor(progress).stoppedWhen(stopRequested).runStep(journal, plan, i);
        if (o.kind() != Outcome.Kind.APPLIED) {
            return end(o);
        }
        if (i + 1 == plan.steps().size()) {
            journal.append(JournalRecord.of(RecordType.RUN_DONE));
            return end(new Outcome(Outcome.Kind.APPLIED, "all " + plan.steps().size() + " steps done", List.of()));
        }
        err.println("step " + (i + 1) + "/" + plan.steps().size() + " done; `next` runs " + plan.steps().get(i + 1).id()
                + ", `back` undoes " + plan.steps().get(i).id());
        return ExitCodes.OK;
    }

    int back() {
        requireRun("back");
        List<String> done = JournalReader.read(journal.path()).stepsDone();
        if (done.isEmpty()) {
            throw NetworkToolException.invalidInput("back: no step of run " + runId + " is done yet; `abort` ends the run");
        }
        Step step = plan.steps().get(done.size() - 1);
        Outcome o = session.restorer(progress).undoStep(journal, JournalReader.read(journal.path()), step);
        if (o.kind() != Outcome.Kind.RESTORED) {
            err.println("network-tool back: " + o.message() + "; `abort` rolls the whole run back");
            o.remaining().forEach(line -> err.println("  left: " + line));
            return o.kind().exitCode();
        }
        err.println(o.message() + "; now at step " + (done.size() - 1) + "/" + plan.steps().size());
        return ExitCodes.OK;
    }

    int abort() {
        requireRun("abort");
        Outcome o = session.restorer(progress).restore(journal, JournalReader.read(journal.path()), "aborted in the shell");
        return end(o);
    }

    /** What `status` prints: the run, and each step done, undone or still to do. */
    void status(PrintWriter out) {
        if (!inRun()) {
            out.println(shown == null ? "no plan: `plan` shows one, then `next` runs it step by step"
                    : "plan for " + shown.hostname() + " shown (" + shown.steps().size() + " steps); `next` starts the run");
            return;
        }
        JournalContents j = JournalReader.read(journal.path());
        List<String> done = j.stepsDone();
        out.println("run " + runId + " (" + journal.path() + "): " + position());
        for (int i = 0; i < plan.steps().size(); i++) {
            Step s = plan.steps().get(i);
            String mark = i < done.size() ? "done" : (i == done.size() ? "next" : "    ");
            out.printf("  %-4s %d. %s — %s%n", mark, i + 1, s.id(), s.title());
        }
    }

    private int start() {
        if (planArgs == null) {
            throw NetworkToolException.invalidInput("next: no plan yet; run `plan` (with the options for this migration) first");
        }
        PlanCommand cmd = parse(planArgs);
        session = HostSession.of(cmd.host, "next", cmd.planOptions.probe);
        lock = Runs.lock(state, "network-tool shell", err);
        try {
            Runs.refuseIfUnfinished(state);
            HostLayout layout = session.reader.read();
            Plan fresh = cmd.planOptions.plan(layout, cmd.host);
            if (fresh.verdict() != Verdict.APPLYABLE) {
                releaseLock();
                return Render.plan(fresh, OutputOption.Format.text, new PrintWriter(err, true), err, "next");
            }
            if (shown != null && !fresh.steps().equals(shown.steps())) {
                shown = fresh;
                releaseLock();
                throw new NetworkToolException(ErrorKind.INVALID_INPUT,
                        "next: the host changed since `plan` showed the plan; review it again with `plan`");
            }
            plan = fresh;
            runId = state.newRunId();
            journal = Journal.create(state.journal(runId));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("run", runId);
            meta.put("pid", String.valueOf(ProcessHandle.current().pid()));
            meta.put("host", layout.hostname());
            if (!plan.files().isEmpty()) {
                meta.put("config_root", cmd.host.configRoot().map(java.nio.file.Path::toString).orElse(""));
            }
            meta.put("command", "shell");
            meta.put("args", String.join("\u001f", planArgs));
            org.networktool.executors.Executor.start(journal, layout, plan, meta);
            err.println("journal: " + journal.path());
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            if (runId == null) {
                releaseLock();
            }
            throw e;
        }
    }

    private int end(Outcome o) {
        journal.close();
        String id = runId;
        runId = null;
        journal = null;
        plan = null;
        shown = null;
        planArgs = null;   // the next run starts from a fresh `plan`
        releaseLock();
        if (o.kind() == Outcome.Kind.APPLIED || o.kind() == Outcome.Kind.RESTORED) {
            err.println("run " + id + ": " + o.message());
            return ExitCodes.OK;
        }
        err.println("network-tool: run " + id + ": " + o.message());
        o.remaining().forEach(line -> err.println("  left: " + line));
        return o.kind().exitCode();
    }

    private void requireRun(String command) {
        if (!inRun()) {
            throw NetworkToolException.invalidInput(command + ": no run in progress in this shell (`status` says where things stand)");
        }
    }

    private void releaseLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private static PlanCommand parse(List<String> args) {
        PlanCommand cmd = new PlanCommand();
        // --debug belongs to the top command; the plan's own options are what matter here.
        new CommandLine(cmd).parseArgs(args.stream().filter(a -> !a.equals("--debug")).toArray(String[]::new));
        return cmd;
    }

    /** Leaves an open run as it is (journaled, for `rollback` or the next shell) and frees the lock. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
        releaseLock();
    }
}
