package org.networktool.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.planners.Action;
import org.networktool.planners.Command;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;
import org.networktool.planners.Verdict;

class RecoveryTest {
    @TempDir
    Path tmp;

    private static final Step S1 = new Step("one", "t", List.of(
            Action.of(Command.of("a1"), Command.of("u1")), Action.of(Command.of("a2"), Command.of("u2a"), Command.of("u2b"))),
            List.of(), List.of(), false, "");
    private static final Step S2 = new Step("two", "t", List.of(Action.of(Command.of("b1"), Command.of("v1")),
            Action.of(Command.of("b2"), Command.of("v2"))), List.of(), List.of(), false, "");
    private static final Plan PLAN = new Plan(null, "h", Verdict.APPLYABLE, List.of(), null, List.of(), List.of(S1, S2), List.of());

    private Journal started(Path p) {
        Journal j = Journal.create(p);
        j.append(JournalRecord.of(RecordType.RUN_START).start(new HostLayout(null, "h", "t", null, null, null, null, null, null, null, null), PLAN, null));
        return j;
    }

    @Test
    void undoesWhatBeganNewestFirstAndTheUncertainActionTolerantly() {
        Path p = tmp.resolve("r.journal");
        try (Journal j = started(p)) {
            for (int a = 0; a < 2; a++) {
                j.append(JournalRecord.of(RecordType.ACTION_BEGIN).step("one").action(a, Command.of("run")));
                j.append(JournalRecord.of(RecordType.ACTION_DONE).step("one").action(a, Command.of("run")));
            }
            j.append(JournalRecord.of(RecordType.ACTION_BEGIN).step("two").action(0, Command.of("run"))); // crash: no result
        }
        List<Recovery.Undo> u = Recovery.undos(JournalReader.read(p));
        assertEquals(List.of("v1", "u2a", "u2b", "u1"), u.stream().map(x -> x.command().argv().get(0)).toList());
        assertTrue(u.get(0).tolerant(), "the unrecorded action may not have run");
        assertTrue(u.subList(1, 4).stream().noneMatch(Recovery.Undo::tolerant));
    }

    @Test
    void aSecondRollbackSkipsWhatTheFirstUndid() {
        Path p = tmp.resolve("r.journal");
        try (Journal j = started(p)) {
            j.append(JournalRecord.of(RecordType.ACTION_BEGIN).step("one").action(0, Command.of("run")));
            j.append(JournalRecord.of(RecordType.ACTION_DONE).step("one").action(0, Command.of("run")));
            j.append(JournalRecord.of(RecordType.ACTION_BEGIN).step("one").action(1, Command.of("run")));
            j.append(JournalRecord.of(RecordType.ACTION_DONE).step("one").action(1, Command.of("run")));
            j.append(JournalRecord.of(RecordType.ROLLBACK_BEGIN));
            j.append(JournalRecord.of(RecordType.UNDO_DONE).message("one/1/0"));
            j.append(JournalRecord.of(RecordType.UNDO_DONE).message("one/1/1"));
        }
        List<Recovery.Undo> u = Recovery.undos(JournalReader.read(p));
        assertEquals(List.of("u1"), u.stream().map(x -> x.command().argv().get(0)).toList());
    }

    @Test
    void runStates() {
        Path p = tmp.resolve("r.journal");
        try (Journal j = started(p)) {
            assertEquals(RunState.RUNNING, RunState.of(JournalReader.read(p)));
            j.append(JournalRecord.of(RecordType.CONFIRM_WINDOW));
            assertEquals(RunState.AWAITING_CONFIRM, RunState.of(JournalReader.read(p)));
            j.append(JournalRecord.of(RecordType.ROLLBACK_BEGIN));
            j.append(JournalRecord.of(RecordType.ROLLBACK_DONE));
            assertEquals(RunState.ROLLED_BACK, RunState.of(JournalReader.read(p)));
        }
    }
}
