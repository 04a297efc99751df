package org.networktool.executors;

import org.networktool.planners.Gate;

/** Checks one gate. Implementations must not change the host. */
public interface GateChecker {
    GateResult check(Gate gate);
}
