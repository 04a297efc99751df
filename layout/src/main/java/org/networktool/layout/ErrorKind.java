package org.networktool.layout;

/**
 * What went wrong, from the user's point of view. The exit status belongs to the kind so that
 * every module reports the same failure the same way (see DESIGN.md, exit codes).
 */
public enum ErrorKind {
    /** The operation failed and the host was restored (or never touched). */
    OPERATION_FAILED(1),
    /** Bad input or usage: nothing on the host was changed. */
    INVALID_INPUT(2),
    /** A gate failed and the host was restored. */
    GATE_FAILED(3),
    /** The host could not be restored; the journal says what is left. */
    NOT_RESTORED(4),
    /** Another run holds the per-host lock. */
    LOCKED(5);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
