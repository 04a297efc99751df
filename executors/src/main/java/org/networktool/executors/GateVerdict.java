package org.networktool.executors;

import java.util.Map;

/** What one check of a gate found, before it becomes a journaled {@link GateResult}. */
record GateVerdict(boolean ok, String message, Map<String, String> figures) {

    static GateVerdict pass(String msg, Map<String, String> fig) {
        return new GateVerdict(true, msg, fig);
    }

    static GateVerdict fail(String msg, Map<String, String> fig) {
        return new GateVerdict(false, msg, fig);
    }
}
