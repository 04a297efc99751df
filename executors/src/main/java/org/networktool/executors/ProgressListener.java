package org.networktool.executors;

import org.networktool.planners.Command;
import org.networktool.planners.Step;

/** Progress hooks for a terminal display; all default to doing nothing. */
public interface ProgressListener {
    default void stepStarted(int index, int total, Step step) {
    }

    default void commandRan(Command command, CommandOutcome outcome) {
    }

    default void gateChecked(String when, GateResult result) {
    }

    default void stepDone(int index, int total, Step step, long ms) {
    }

    default void rollbackStarted(String why) {
    }

    default void undoRan(Command command, CommandOutcome outcome) {
    }

    ProgressListener QUIET = new ProgressListener() {
    };

    /** A line about the run itself (going on from a step, undoing a half-done one). */
    default void note(String line) {
    }
}
