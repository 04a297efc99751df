package org.networktool.rollback;

/** What a journal record says happened. */
public enum RecordType {
    /** First record: the layout snapshot, the plan, who ran it. */
    RUN_START,
    STEP_BEGIN,
    /** Written and synced before the action's command runs. */
    ACTION_BEGIN,
    ACTION_DONE,
    ACTION_FAILED,
    GATE,
    STEP_DONE,
    STEP_FAILED,
    /** The shell's `back`: the step's actions were undone and the host is as before the step. */
    STEP_UNDONE,
    ROLLBACK_BEGIN,
    UNDO_BEGIN,
    UNDO_DONE,
    UNDO_FAILED,
    /** Rollback finished and the host matches the snapshot. */
    ROLLBACK_DONE,
    /** Rollback finished but the host differs from the snapshot: the message lists what is left. */
    ROLLBACK_INCOMPLETE,
    /** All steps done; the confirm-or-revert window is open until the deadline. */
    CONFIRM_WINDOW,
    CONFIRMED,
    RUN_DONE
}
