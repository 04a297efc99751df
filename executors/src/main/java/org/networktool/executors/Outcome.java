package org.networktool.executors;

import java.util.List;
import org.networktool.layout.ErrorKind;

/**
 * How a run or a rollback ended, with the exit status it maps to and, when the host could not be
 * restored, what is left (from the verification against the snapshot).
 */
public record Outcome(Kind kind, String message, List<String> remaining) {

    public enum Kind {
        APPLIED(0), RESTORED_AFTER_COMMAND(ErrorKind.OPERATION_FAILED.exitCode()), RESTORED_AFTER_GATE(ErrorKind.GATE_FAILED.exitCode()),
        RESTORED(0), NOT_RESTORED(ErrorKind.NOT_RESTORED.exitCode());

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public Outcome {
        remaining = List.copyOf(remaining);
    }
}
