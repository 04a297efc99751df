package org.networktool.planners;

public enum Verdict {
    /** Steps to run. */
    APPLYABLE,
    /** The host already is the target: nothing to do. */
    EMPTY,
    /** Validation failed: see the plan's errors; nothing may be applied. */
    ERRORED
}
