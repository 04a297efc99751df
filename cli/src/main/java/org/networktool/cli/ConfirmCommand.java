package org.networktool.cli;

import java.time.Instant;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Keep the migration of RUN (default: the latest run): closes its confirm-or-revert window before the deadline.")
final class ConfirmCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", completionCandidates = Candidates.RunIds.class, description = "Run id (`network-tool journal list`).")
    String run;

    @Mixin
    StateOption stateOption;

    @Override
    protected int doCall() {
        StateDir state = stateOption.state();
        try (RunLock lock = Runs.lock(state, "network-tool confirm", err(), 10_000)) {
            String id = Runs.latestOr(state, run);
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
            out().println("run " + id + " confirmed: the migration stays");
            return ExitCodes.OK;
        }
    }
}
