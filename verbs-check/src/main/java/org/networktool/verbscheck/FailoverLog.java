package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a stream's acknowledgements say about its interruptions: the gap between each two, the largest of them, and for
 * every failover the gap from the last acknowledgement before it to the first after it. Keeps {@link #KEPT} failovers
 * (and counts them all), so hours of flapping stay in bounded memory.
 */
final class FailoverLog {
    static final int KEPT = 100;
    private final long start;
    private final Consumer<String> events;
    private final List<StreamResult.Failover> kept = new ArrayList<>();
    private StreamResult.Failover open; // moved off a lane, no acknowledgement since
    private long count;
    private long lastAck;
    private long largestGap;

    FailoverLog(long start, Consumer<String> events) {
        this.start = start;
        this.events = events;
    }

    /** A first acknowledgement of a message, arrived on {@code lane}: closes an open failover with its gap. */
    void acked(long now, String lane) {
        if (lastAck != 0) {
            largestGap = Math.max(largestGap, now - lastAck);
        }
        if (open != null) {
            close(now, lane);
        }
        lastAck = now;
    }

    /** The stream moves off {@code from}; a failover still open (no acknowledgement since) is closed without a gap. */
    void movedOff(long now, String from, String why, int resent) {
        if (open != null) {
            close(now, null);
        }
        count++;
        open = new StreamResult.Failover(ms(now - start), from, null, why, resent, null);
        events.accept(at(now) + "moving off " + from + " (" + why + "), " + resent + " to resend");
    }

    /** The lane chosen to carry after a move. */
    void movedTo(String lane) {
        if (open != null && open.to() == null) {
            open = new StreamResult.Failover(open.atMs(), open.from(), lane, open.why(), open.resent(), null);
        }
    }

    /** {@code ackLane}: where the first acknowledgement since came in (null: none came). */
    private void close(long now, String ackLane) {
        Double gap = lastAck == 0 || ackLane == null ? null : ms(now - lastAck);
        String to = open.to() != null ? open.to() : ackLane;
        if (kept.size() < KEPT) {
            kept.add(new StreamResult.Failover(open.atMs(), open.from(), to, open.why(), open.resent(), gap));
        }
        if (gap != null) {
            events.accept(at(now) + "on " + to + " after " + String.format(Locale.ROOT, "%.1f", gap) + " ms without an acknowledgement");
        }
        open = null;
    }

    /** At the end: an open failover is closed; a stream that ends stuck ({@code waiting}) counts its silence as a gap too. */
    void end(long now, boolean waiting) {
        if (open != null) {
            close(now, null);
        }
        if (waiting && lastAck != 0) {
            largestGap = Math.max(largestGap, now - lastAck);
        }
    }

    long count() {
        return count;
    }

    List<StreamResult.Failover> kept() {
        return List.copyOf(kept);
    }

    double largestGapMs() {
        return ms(largestGap);
    }

    String at(long now) {
        return String.format(Locale.ROOT, "%8.3f s  ", (now - start) / 1e9);
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
