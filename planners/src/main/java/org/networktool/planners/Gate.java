package org.networktool.planners;

import java.util.Map;
import java.util.TreeMap;

/**
 * A check that must hold before or after a step. The planner names it and its parameters; the
 * executor runs it and journals its figures.
 */
public record Gate(GateKind kind, String description, Map<String, String> params) {

    public Gate {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static Gate of(GateKind kind, String description, String... keyValues) {
        Map<String, String> p = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return new Gate(kind, description, p);
    }
}
