package org.networktool.rollback;

import java.util.List;
import java.util.Optional;

/**
 * What a journal file holds: the good records, how many bytes they take, and the problem that
 * ended reading early (a torn or corrupted record), if any.
 */
public record JournalContents(List<JournalRecord> records, long goodBytes, String problem) {

    public JournalContents {
        records = List.copyOf(records);
    }

    public Optional<JournalRecord> first(RecordType type) {
        return records.stream().filter(r -> r.type() == type).findFirst();
    }

    public Optional<JournalRecord> last(RecordType type) {
        JournalRecord found = null;
        for (JournalRecord r : records) {
            if (r.type() == type) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The steps done and not undone since, in order: where a stepped run (the shell) stands. */
    public List<String> stepsDone() {
        List<String> done = new java.util.ArrayList<>();
        for (JournalRecord r : records) {
            if (r.type() == RecordType.STEP_DONE) {
                done.add(r.step());
            } else if (r.type() == RecordType.STEP_UNDONE) {
                done.remove(r.step());
            }
        }
        return done;
    }

    public boolean has(RecordType type) {
        return records.stream().anyMatch(r -> r.type() == type);
    }
}
