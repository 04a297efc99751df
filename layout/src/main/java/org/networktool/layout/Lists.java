package org.networktool.layout;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-tolerant immutable copies, so records read from YAML with missing lists stay usable. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A field the value cannot be without (a name, an address): a document that leaves it out is refused where it is read. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static Map<String, String> copy(Map<String, String> map) {
        // Sorted so YAML output and equality do not depend on discovery order.
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
