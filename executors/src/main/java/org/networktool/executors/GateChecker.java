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

    /**
     * A round that goes on from {@code previous}'s newest read of the host: for the next step's before-gates checked
     * right after a step's after-gates, with nothing run on the host in between.
     */
    default GateChecker roundAfter(GateChecker previous) {
        return round();
    }

    /** How long a retried check goes on reading the host before it gives up (the live host settles; a model does not). */
    default long settleMs() {
        return 0;
    }

    /** The round's read of the host, for the drift check before a step; empty where the checker reads no host. */
    default java.util.Optional<org.networktool.layout.HostLayout> host() {
        return java.util.Optional.empty();
    }
}
