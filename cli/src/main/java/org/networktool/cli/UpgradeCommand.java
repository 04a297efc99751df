package org.networktool.cli;

import java.io.Console;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.networktool.executors.Executor;
import org.networktool.executors.Outcome;
import org.networktool.executors.ProgressListener;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import org.networktool.planners.Verdict;
import org.networktool.rollback.Journal;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
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
            "  network-tool upgrade --peer 10.10.1.12 --key-file KEY --rdma-stream   measure the RDMA interruption"})
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

    @Override
    protected int doCall() {
        if (dryRun) {
            return Render.plan(planOptions.plan(host.inspect(), host), output.format(), out(), err(), spec.qualifiedName());
        }
        if (confirmTimeout < 0) {
            throw NetworkToolException.invalidInput("--confirm-timeout " + confirmTimeout + ": give 0 (no window) or a number of seconds");
        }
        rdmaStream.check(host, planOptions);
        HostSession session = HostSession.of(host, "upgrade", planOptions.probe);
        StateDir state = stateOption.state();
        boolean json = output.format() == OutputOption.Format.json;
        ProgressListener progress = json ? ProgressListener.QUIET : new TextProgress(err());
        String runId;
        Outcome outcome;
        try (RunLock lock = Runs.lock(state, "network-tool upgrade", err())) {
            Runs.refuseIfUnfinished(state);
            HostLayout layout = session.reader.read();
            Plan plan = planOptions.plan(layout, host);
            if (plan.verdict() != Verdict.APPLYABLE || !json) {
                int code = Render.plan(plan, json ? output.format() : OutputOption.Format.text, out(), err(), spec.qualifiedName());
                if (plan.verdict() != Verdict.APPLYABLE) {
                    return code;
                }
            }
            ask(plan);
            runId = state.newRunId();
            Journal journal = Journal.create(state.journal(runId));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("run", runId);
            meta.put("pid", String.valueOf(ProcessHandle.current().pid()));
            meta.put("host", layout.hostname());
            if (!plan.files().isEmpty()) {
                meta.put("config_root", host.configRoot().map(java.nio.file.Path::toString).orElse(""));
            }
            meta.put("command", "upgrade");
            Executor.start(journal, layout, plan, meta);
            err().println("journal: " + journal.path());
            var stream = rdmaStream.start(planOptions, layout, err());
            outcome = session.executor(progress).apply(journal, plan);
            RdmaStreamOption.finish(stream, journal, err());
            if (outcome.kind() != Outcome.Kind.APPLIED || confirmTimeout == 0) {
                if (outcome.kind() == Outcome.Kind.APPLIED) {
                    journal.append(JournalRecord.of(RecordType.RUN_DONE));
                }
                journal.close();
                return report(runId, outcome);
            }
            Instant deadline = Instant.now().plusSeconds(confirmTimeout);
            journal.append(JournalRecord.of(RecordType.CONFIRM_WINDOW).meta(Map.of("deadline", deadline.toString(),
                    "timeout", String.valueOf(confirmTimeout))));
            journal.close();
            long pid = Watchdog.spawn(state.dir(), runId, host.argv(), state.runs().resolve(runId + ".watchdog.log"));
            err().println("Applied. Run `network-tool confirm` within " + confirmTimeout + " s (by " + deadline
                    + "), or the host reverts by itself (watchdog pid " + pid + ").");
        }
        return waitForConfirm(state, runId);
    }

    private void ask(Plan plan) {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw NetworkToolException.invalidInput("refusing to change the host without confirmation and there is no terminal to ask on:"
                    + " review with --dry-run, then add --yes");
        }
        String answer = console.readLine("Apply these %d steps to %s? [y/N] ", plan.steps().size(), plan.hostname());
        if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            throw NetworkToolException.invalidInput("not confirmed: nothing was changed");
        }
    }

    /** The watchdog decides at the deadline; this process only reports what the journal then says. */
    private int waitForConfirm(StateDir state, String runId) {
        while (true) {
            RunState s = RunState.of(JournalReader.read(state.journal(runId)));
            switch (s) {
                case CONFIRMED:
                    return report(runId, new Outcome(Outcome.Kind.APPLIED, "confirmed", java.util.List.of()));
                case ROLLED_BACK:
                    return report(runId, new Outcome(Outcome.Kind.RESTORED_AFTER_COMMAND,
                            "not confirmed in time: the watchdog reverted the host", java.util.List.of()));
                case FAILED:
                    return report(runId, new Outcome(Outcome.Kind.NOT_RESTORED, "not confirmed in time and the revert was incomplete: "
                            + "see `network-tool journal show " + runId + "`", java.util.List.of()));
                default:
                    break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report(runId, new Outcome(Outcome.Kind.APPLIED, "stopped waiting: the watchdog still reverts unless confirmed", java.util.List.of()));
            }
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
        err().println("network-tool upgrade: run " + runId + ": " + o.message());
        o.remaining().forEach(line -> err().println("  left: " + line));
        err().flush();
        return o.kind().exitCode();
    }
}
