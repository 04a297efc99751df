package org.networktool.executors;

import org.networktool.planners.Gate;

/** Checks one gate. Implementations must not change the host. */
public interface GateChecker {
    GateResult check(Gate gate);

    /**
     * A checker for one round of gates checked back to back (a step's gates before or after its actions): the
     * round may share one read of the host among its gates, since nothing changes the host in between. A gate
     * that retries reads afresh, and the gates after it see that newer read.
     */
    default GateChecker round() {
        return this;
    }
}
