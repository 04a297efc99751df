package org.networktool.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.networktool.executors.Outcome;
import org.networktool.executors.RunController;
import org.networktool.executors.ProgressListener;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import org.networktool.planners.Verdict;
import org.networktool.planners.Step;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
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
    private RunController run;

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
        return Optional.ofNullable(run != null ? run.plan() : shown);
    }

    boolean inRun() {
        return run != null;
    }

    /** "step 2/5" while a run is open, empty otherwise. */
    String position() {
        return inRun() ? "step " + run.stepsDone() + "/" + run.plan().steps().size() : "";
    }

    /** A run this shell (or an earlier one that was left mid-plan) can continue: the newest unfinished run made by a shell. */
    Optional<String> pickUp() {
        List<String> ids = state.runIds();
        for (int i = ids.size() - 1; i >= 0; i--) {
            JournalContents j = JournalReader.read(state.journal(ids.get(i)));
            Optional<JournalRecord> start = j.first(RecordType.RUN_START);
            if (RunState.of(j) == RunState.RUNNING && start.isPresent() && start.get().meta() != null
                    && "shell".equals(start.get().meta().get("command")) && start.get().meta().get("args") != null) {
                planArgs = List.of(start.get().meta().get("args").split("\u001f"));
                PlanCommand resumed = parse(planArgs);
                run = RunController.resume(state, ids.get(i), "network-tool shell", resumed.host.configRoot(),
                        HostSession.of(resumed.host, "next", resumed.planOptions.probe), progress, stopRequested, err);
                return Optional.of(ids.get(i));
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
        Outcome o = run.next();
        if (o.kind() != Outcome.Kind.APPLIED) {
            return end(o);
        }
        Plan plan = run.plan();
        int done = run.stepsDone();
        if (run.allStepsDone()) {
            run.finish(0);
            return end(new Outcome(Outcome.Kind.APPLIED, "all " + plan.steps().size() + " steps done", List.of()));
        }
        err.println("step " + done + "/" + plan.steps().size() + " done; `next` runs " + plan.steps().get(done).id()
                + ", `back` undoes " + plan.steps().get(done - 1).id());
        return ExitCodes.OK;
    }

    int back() {
        requireRun("back");
        Outcome o = run.back();
        if (o.kind() != Outcome.Kind.RESTORED) {
            return Render.failure("back", new Outcome(o.kind(), o.message() + "; `abort` rolls the whole run back", o.remaining()), err);
        }
        err.println(o.message() + "; now at " + position());
        return ExitCodes.OK;
    }

    int abort() {
        requireRun("abort");
        return end(run.abort("aborted in the shell"));
    }

    /** What `status` prints: the run, and each step done, undone or still to do. */
    void status(PrintWriter out) {
        if (!inRun()) {
            out.println(shown == null ? "no plan: `plan` shows one, then `next` runs it step by step"
                    : "plan for " + shown.hostname() + " shown (" + shown.steps().size() + " steps); `next` starts the run");
            return;
        }
        int done = run.stepsDone();
        out.println("run " + run.id() + " (" + run.journalPath() + "): " + position());
        for (int i = 0; i < run.plan().steps().size(); i++) {
            Step s = run.plan().steps().get(i);
            String mark = i < done ? "done" : (i == done ? "next" : "    ");
            out.printf("  %-4s %d. %s — %s%n", mark, i + 1, s.id(), s.title());
        }
    }

    private int start() {
        if (planArgs == null) {
            throw NetworkToolException.invalidInput("next: no plan yet; run `plan` (with the options for this migration) first");
        }
        PlanCommand cmd = parse(planArgs);
        RunController opened = RunController.open(state, "network-tool shell", HostSession.of(cmd.host, "next", cmd.planOptions.probe),
                progress, stopRequested, err);
        try {
            HostLayout layout = opened.readHost();
            Plan fresh = cmd.planOptions.plan(layout, cmd.host);
            if (fresh.verdict() != Verdict.APPLYABLE) {
                opened.close();
                return Render.plan(fresh, OutputOption.Format.text, new PrintWriter(err, true), err, "next");
            }
            if (shown != null && !fresh.steps().equals(shown.steps())) {
                shown = fresh;
                throw new NetworkToolException(ErrorKind.INVALID_INPUT,
                        "next: the host changed since `plan` showed the plan; review it again with `plan`");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            if (!fresh.files().isEmpty()) {
                meta.put("config_root", cmd.host.configRoot().map(java.nio.file.Path::toString).orElse(""));
            }
            meta.put("command", "shell");
            meta.put("args", String.join("\u001f", planArgs));
            opened.start(layout, fresh, meta);
            run = opened;
            err.println("journal: " + run.journalPath());
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private int end(Outcome o) {
        String id = run.id();
        run.close();
        run = null;
        shown = null;
        planArgs = null;   // the next run starts from a fresh `plan`
        if (o.kind() == Outcome.Kind.APPLIED || o.kind() == Outcome.Kind.RESTORED) {
            err.println("run " + id + ": " + o.message());
            return ExitCodes.OK;
        }
        return Render.failure("run " + id, o, err);
    }

    private void requireRun(String command) {
        if (!inRun()) {
            throw NetworkToolException.invalidInput(command + ": no run in progress in this shell (`status` says where things stand)");
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
        if (run != null) {
            run.close();
        }
    }
}
