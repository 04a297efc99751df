package org.networktool.cli;

import org.networktool.layout.ErrorKind;

/** The exit statuses network-tool promises (see {@code network-tool --help}). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED_RESTORED = ErrorKind.OPERATION_FAILED.exitCode();
    public static final int USAGE = ErrorKind.INVALID_INPUT.exitCode();
    public static final int GATE_FAILED_RESTORED = ErrorKind.GATE_FAILED.exitCode();
    public static final int NOT_RESTORED = ErrorKind.NOT_RESTORED.exitCode();
    public static final int LOCKED = ErrorKind.LOCKED.exitCode();

    private ExitCodes() {
    }

    static final String HELP_SECTION = "  0  success%n"
            + "  1  the operation failed (the host was restored or never touched)%n"
            + "  2  bad input or usage: nothing was changed%n"
            + "  3  a gate failed and the host was restored%n"
            + "  4  the host could not be restored: the journal says what is left%n"
            + "  5  another run holds the lock";
}
