package org.networktool.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time goes, for {@code --timings}: named spans, nested, recorded as the run goes and printed only when
 * asked. Always recorded, because the command line is built before its options are read; a span costs two clock reads.
 * One per process (the shell's commands add to it, so it is cleared before each).
 */
public final class Timings {
    /** A phase and how long it took; {@code depth} 0 for a phase of the command, 1 for a part of one, and so on. */
    public record Span(String phase, long startNanos, long nanos, int depth) {
    }

    private static final List<Span> SPANS = new ArrayList<>();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Timings() {
    }

    /** Starts a span; it is recorded when the returned mark is closed (try-with-resources). */
    public static Mark start(String phase) {
        int[] depth = DEPTH.get();
        return new Mark(phase, System.nanoTime(), depth[0]++);
    }

    /** A span that ended already (started at {@code startNanos}, a {@link System#nanoTime()}). */
    public static void record(String phase, long startNanos, int depth) {
        synchronized (SPANS) {
            SPANS.add(new Span(phase, startNanos, System.nanoTime() - startNanos, depth));
        }
    }

    public static List<Span> spans() {
        synchronized (SPANS) {
            return SPANS.stream().sorted(java.util.Comparator.comparingLong(Span::startNanos)).toList();
        }
    }

    public static void clear() {
        synchronized (SPANS) {
            SPANS.clear();
        }
    }

    /** The spans in the order they started, each indented by its depth, in milliseconds. */
    public static String report() {
        StringBuilder b = new StringBuilder();
        for (Span s : spans()) {
            String name = "  ".repeat(s.depth() + 1) + s.phase();
            b.append(String.format("%-56s %9.1f ms%n", name.length() > 56 ? name.substring(0, 53) + "..." : name, s.nanos() / 1e6));
        }
        return b.toString();
    }

    /** An open span. */
    public static final class Mark implements AutoCloseable {
        private final String phase;
        private final long start;
        private final int depth;

        private Mark(String phase, long start, int depth) {
            this.phase = phase;
            this.start = start;
            this.depth = depth;
        }

        @Override
        public void close() {
            DEPTH.get()[0] = depth;
            record(phase, start, depth);
        }
    }
}
