package org.networktool.cli;

import java.io.Console;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.networktool.verbscheck.StreamGroup;
import org.networktool.rollback.StateDir;
import org.networktool.executors.Outcome;
import org.networktool.executors.RunController;
import org.networktool.executors.RunEnds;
import org.networktool.executors.RunHost;
import org.networktool.executors.ProgressListener;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import org.networktool.planners.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "upgrade",
        header = "Migrate the storage network step by step, with gates and automatic rollback.", mixinStandardHelpOptions = true,
        description = {
            "The one-click migration: inspect, derive the target (or --target), plan, show the plan, ask, then",
            "execute step by step with gates, journaling every command before it runs, and roll back by itself",
            "if a command or gate fails. Then a confirm-or-revert window: unless `network-tool confirm` runs",
            "within --confirm-timeout, the host is reverted, even if this process or your session dies.",
            "With --dry-run, print the plan exactly as `plan` does and change nothing."},
        footer = {"%nExamples:",
            "  network-tool upgrade --dry-run                     review first",
            "  network-tool upgrade --peer 10.10.1.12             asks before changing anything",
            "  network-tool upgrade --yes --confirm-timeout 300   unattended, five minutes to confirm",
            "  network-tool upgrade --peer 10.10.1.12 --key-file KEY --rdma-stream   measure the RDMA interruption",
            "  network-tool upgrade --resume 20261205-140102 --yes   go on with a run a crash stopped"})
final class UpgradeCommand extends BaseCommand {
    @Mixin
    HostOptions host;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    OutputOption output;

    @Mixin
    StateOption stateOption;

    @Mixin
    RdmaStreamOption rdmaStream;

    @Option(names = "--dry-run", description = "Print the plan; touch nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before changing the host (required without a terminal).")
    boolean yes;

    @Option(names = "--confirm-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Seconds to run `network-tool confirm` before the host reverts by itself; 0 disables (default: ${DEFAULT-VALUE}).")
    int confirmTimeout;

    @Option(names = "--resume", paramLabel = "RUN", completionCandidates = Candidates.RunIds.class,
            description = {"Go on with RUN, stopped by a crash or an operator, from its journal: a step it left half-done is undone,",
                "the host is checked against where the journal says it is, then the remaining steps run with their gates.",
                "The plan is the journal's: the plan options are not used; give the same host options (and --key-file)."})
    String resume;

    @Override
    protected int doCall() {
        if (confirmTimeout < 0) {
            throw NetworkToolException.invalidInput("--confirm-timeout " + confirmTimeout + ": give 0 (no window) or a number of seconds");
        }
        if (resume != null && (dryRun || rdmaStream.on)) {
            throw NetworkToolException.invalidInput("--resume goes on with a journaled run: not with " + (dryRun ? "--dry-run" : "--rdma-stream")
                    + " (`network-tool journal show " + resume + "` shows its plan and where it stopped)");
        }
        if (dryRun) {
            return Render.plan(planOptions.plan(host.inspect(), host), output.format(), out(), err(), spec.qualifiedName());
        }
        if (resume == null) {
            rdmaStream.check(host, planOptions);
        }
        RunHost session = HostSession.of(host, "upgrade", planOptions.probe);
        StateDir state = stateOption.state();
        boolean json = output.format() == OutputOption.Format.json;
        ProgressListener progress = json ? ProgressListener.QUIET : new TextProgress(err());
        String runId;
        Outcome outcome;
        Optional<Instant> deadline;
        try (RunController run = resume == null ? RunController.open(state, "network-tool upgrade", session, progress, () -> false, err())
                : RunController.resume(state, resume, "network-tool upgrade --resume", host.configRoot(), session, progress, () -> false, err())) {
            StreamGroup stream = null;
            if (resume == null) {
                HostLayout layout = run.readHost();
                Plan plan = planOptions.plan(layout, host);
                if (plan.verdict() != Verdict.APPLYABLE || !json) {
                    int code = Render.plan(plan, json ? output.format() : OutputOption.Format.text, out(), err(), spec.qualifiedName());
                    if (plan.verdict() != Verdict.APPLYABLE) {
                        return code;
                    }
                }
                ask("Apply these %d steps to %s? [y/N] ", plan.steps().size(), plan.hostname());
                run.start(layout, plan, meta(plan));
                err().println("journal: " + run.journalPath());
                stream = rdmaStream.start(planOptions, layout, err());
            } else {
                ask("Go on with run %s on %s from step %d of %d? [y/N] ", resume, run.plan().hostname(), run.stepsDone() + 1,
                        run.plan().steps().size());
            }
            runId = run.id();
            outcome = run.applyRest();
            RdmaStreamOption.finish(stream, run::record, err());
            if (outcome.kind() != Outcome.Kind.APPLIED) {
                return report(runId, outcome);
            }
            deadline = run.finish(confirmTimeout);
            if (deadline.isPresent()) {
                long pid = Watchdog.spawn(state.dir(), runId, host.argv(), state.runs().resolve(runId + ".watchdog.log"));
                err().println("Applied. Run `network-tool confirm` within " + confirmTimeout + " s (by " + deadline.get()
                        + "), or the host reverts by itself (watchdog pid " + pid + ").");
            }
        }
        return report(runId, deadline.isEmpty() ? outcome : RunEnds.awaitConfirm(state, runId));
    }

    private Map<String, String> meta(Plan plan) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!plan.files().isEmpty()) {
            meta.put("config_root", host.configRoot().map(java.nio.file.Path::toString).orElse(""));
        }
        meta.put("command", "upgrade");
        return meta;
    }

    private void ask(String question, Object... args) {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw NetworkToolException.invalidInput("refusing to change the host without confirmation and there is no terminal to ask on:"
                    + " review with --dry-run, then add --yes");
        }
        String answer = console.readLine(question, args);
        if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            throw NetworkToolException.invalidInput("not confirmed: nothing was changed");
        }
    }

    private int report(String runId, Outcome o) {
        if (output.format() == OutputOption.Format.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", runId);
            r.put("outcome", o.kind().name());
            r.put("exitCode", o.kind().exitCode());
            r.put("message", o.message());
            r.put("remaining", o.remaining());
            out().print(org.networktool.layout.LayoutCodec.toJson(r));
            out().flush();
        }
        if (o.kind() == Outcome.Kind.APPLIED) {
            err().println("run " + runId + ": " + o.message());
            return 0;
        }
        return Render.failure("upgrade: run " + runId, o, err());
    }
}
