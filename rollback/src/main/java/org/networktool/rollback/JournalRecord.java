package org.networktool.rollback;

import java.util.Map;
import org.networktool.layout.HostLayout;
import org.networktool.planners.Command;
import org.networktool.planners.Plan;

/**
 * One line of the journal. {@code seq} and {@code time} are set when it is appended; the other
 * fields are used by the record types that need them (null otherwise).
 */
public record JournalRecord(
        long seq,
        String time,
        RecordType type,
        String step,
        Integer action,
        Command command,
        Integer exitCode,
        String output,
        Long durationMs,
        Boolean passed,
        Map<String, String> figures,
        String message,
        HostLayout snapshot,
        Plan plan,
        Map<String, String> meta) {

    public static JournalRecord of(RecordType type) {
        return new JournalRecord(0, null, type, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public JournalRecord step(String id) {
        return new JournalRecord(seq, time, type, id, action, command, exitCode, output, durationMs, passed, figures, message, snapshot, plan, meta);
    }

    public JournalRecord action(int index, Command c) {
        return new JournalRecord(seq, time, type, step, index, c, exitCode, output, durationMs, passed, figures, message, snapshot, plan, meta);
    }

    public JournalRecord result(int exit, String out, long ms) {
        return new JournalRecord(seq, time, type, step, action, command, exit, out, ms, passed, figures, message, snapshot, plan, meta);
    }

    public JournalRecord gate(boolean ok, Map<String, String> fig, String msg, long ms) {
        return new JournalRecord(seq, time, type, step, action, command, exitCode, output, ms, ok, fig, msg, snapshot, plan, meta);
    }

    public JournalRecord message(String msg) {
        return new JournalRecord(seq, time, type, step, action, command, exitCode, output, durationMs, passed, figures, msg, snapshot, plan, meta);
    }

    public JournalRecord start(HostLayout layout, Plan p, Map<String, String> m) {
        return new JournalRecord(seq, time, type, step, action, command, exitCode, output, durationMs, passed, figures, message, layout, p, m);
    }

    public JournalRecord meta(Map<String, String> m) {
        return new JournalRecord(seq, time, type, step, action, command, exitCode, output, durationMs, passed, figures, message, snapshot, plan, m);
    }

    /** Why this record, read back, cannot be what its type says (a field its readers need is absent); null when whole. */
    String incomplete(long expectedSeq) {
        if (seq != expectedSeq) {
            return "says it is record " + seq;
        }
        if (type == null) {
            return "has no type";
        }
        try {
            java.time.Instant.parse(String.valueOf(time));
        } catch (java.time.format.DateTimeParseException e) {
            return "has no valid time";
        }
        return switch (type) {
            case RUN_START -> snapshot == null || plan == null ? "has no snapshot or plan" : null;
            case STEP_BEGIN, STEP_DONE, STEP_FAILED, STEP_UNDONE, GATE -> step == null ? "has no step" : null;
            case ACTION_BEGIN, UNDO_BEGIN -> step == null || action == null || command == null ? "has no step, action or command" : null;
            case ACTION_DONE, ACTION_FAILED -> step == null || action == null ? "has no step or action" : null;
            case UNDO_DONE, UNDO_FAILED -> message == null ? "does not say which undo" : null;
            default -> null;
        };
    }

    JournalRecord stamped(long newSeq, String newTime) {
        return new JournalRecord(newSeq, newTime, type, step, action, command, exitCode, output, durationMs, passed, figures, message, snapshot, plan, meta);
    }
}
