package org.networktool.cli;

import org.networktool.executors.Runs;
import org.networktool.layout.LayoutCodec;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "journal", mixinStandardHelpOptions = true, description = "The runs journaled on this host.",
        subcommands = {JournalCommand.ListRuns.class, JournalCommand.Show.class})
final class JournalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Runs with their state: running, awaiting confirm, done, confirmed, rolled back, failed.")
    static final class ListRuns extends BaseCommand {
        @Mixin
        StateOption stateOption;

        @Override
        protected int doCall() {
            StateDir state = stateOption.state();
            Table t = new Table("RUN", "STATE", "HOST", "STARTED", "STEPS", "NOTE");
            for (String id : state.runIds()) {
                JournalContents j = JournalReader.read(state.journal(id));
                JournalRecord start = j.first(RecordType.RUN_START).orElse(null);
                long done = j.records().stream().filter(r -> r.type() == RecordType.STEP_DONE).count();
                int total = start == null ? 0 : start.plan().steps().size();
                t.row(id, RunState.of(j).label(), start == null ? "-" : start.snapshot().hostname(), start == null ? "-" : start.time(),
                        done + "/" + total, j.problem() == null ? "" : "journal damaged: " + j.problem());
            }
            StringBuilder b = new StringBuilder();
            t.appendTo(b, "");
            out().print(b);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run: its steps, commands with results and timings, gate figures, rollback.")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", completionCandidates = Candidates.RunIds.class, description = "Run id (default: the latest).")
        String run;

        @Mixin
        StateOption stateOption;

        @Mixin
        OutputOption output;

        @Override
        protected int doCall() {
            StateDir state = stateOption.state();
            String id = Runs.latestOr(state, run);
            JournalContents j = JournalReader.read(state.journal(id));
            switch (output.format()) {
                case json -> out().print(LayoutCodec.toJson(j.records()));
                case yaml -> out().print(LayoutCodec.toYaml(j.records()));
                default -> out().print(JournalText.render(id, j));
            }
            return ExitCodes.OK;
        }
    }
}
