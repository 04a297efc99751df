package org.networktool.executors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunLock;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;

/** Finding runs in the state directory: the latest, the unfinished ones, a confirm deadline. */
public final class Runs {
    private Runs() {
    }

    /**
     * A run's journal, read to act on: its undo commands run as root, so it must be root's (or the user's), mode 0600, in a
     * folder nobody else can write (else exit 2 with the reason, and nothing runs from it).
     */
    public static JournalContents trusted(StateDir state, String id) {
        org.networktool.layout.PrivateFile.require(state.journal(id), "the journal of run " + id);
        return JournalReader.read(state.journal(id));
    }

    public static String latestOr(StateDir state, String given) {
        if (given != null) {
            return given;
        }
        List<String> ids = state.runIds();
        if (ids.isEmpty()) {
            throw NetworkToolException.invalidInput("no runs in " + state.runs() + " (give --state-dir if they are elsewhere)");
        }
        return ids.get(ids.size() - 1);
    }

    /** A run that changed the host and neither finished nor was rolled back blocks a new upgrade. */
    public static void refuseIfUnfinished(StateDir state) {
        for (String id : state.runIds()) {
            JournalContents j = JournalReader.read(state.journal(id));
            RunState s = RunState.of(j);
            if (s.unfinished() || s == RunState.AWAITING_CONFIRM) {
                throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "run " + id + " is " + s.label()
                        + " (crash residue or an open confirm window): run `network-tool rollback " + id
                        + "` (or `network-tool confirm " + id + "`) before a new upgrade");
            }
        }
    }

    /** Takes the per-host lock, saying so when it takes over from a run that died. */
    public static RunLock lock(StateDir state, String command, java.io.PrintWriter err) {
        return lock(state, command, err, 0);
    }

    public static RunLock lock(StateDir state, String command, java.io.PrintWriter err, long waitMs) {
        RunLock lock = RunLock.acquire(state, command, waitMs);
        lock.staleHolder().ifPresent(h -> err.println("network-tool: took over the lock of a run that died (" + h + ")"));
        return lock;
    }

    public static Optional<Instant> deadline(JournalContents j) {
        return j.last(RecordType.CONFIRM_WINDOW).map(JournalRecord::meta).map(m -> Instant.parse(m.get("deadline")));
    }

    /**
     * A rollback restores configuration files where the run wrote them: refuses (exit 2, nothing
     * touched) when this command would look elsewhere, e.g. a lab run rolled back without its --config-root.
     */
    public static void requireSameConfigRoot(JournalContents j, Optional<java.nio.file.Path> configRoot, String id) {
        String wrote = j.first(RecordType.RUN_START).map(JournalRecord::meta)
                .map(m -> m.get("config_root")).orElse(null);
        String here = configRoot.map(java.nio.file.Path::toString).orElse(null);
        if (wrote != null && !wrote.equals(here)) {
            throw NetworkToolException.invalidInput("run " + id + " wrote its configuration files under " + wrote
                    + ", this command would restore them under " + (here == null ? "(none: a practice host)" : here)
                    + ": give --config-root " + wrote);
        }
    }
}
