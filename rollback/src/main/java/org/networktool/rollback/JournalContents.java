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

    public boolean has(RecordType type) {
        return records.stream().anyMatch(r -> r.type() == type);
    }
}
