package org.networktool.executors;

import java.util.Map;
import org.networktool.planners.Gate;

/** A gate's verdict with the figures that back it (journaled). */
public record GateResult(Gate gate, boolean passed, String message, Map<String, String> figures, long durationMs) {
}
