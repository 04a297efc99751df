package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.SourceWarning;

/** Collects per-source warnings during one discovery. */
final class Warnings {
    private final List<SourceWarning> list = new ArrayList<>();

    void add(String source, String message) {
        list.add(new SourceWarning(source, message));
    }

    List<SourceWarning> list() {
        return List.copyOf(list);
    }
}
