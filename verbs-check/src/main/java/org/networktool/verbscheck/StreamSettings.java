package org.networktool.verbscheck;

/**
 * How a {@link MultipathStream} runs. {@code window}: messages in flight per lane (at most {@link StreamQp#MAX_SLOTS});
 * {@code rate}: new messages per second; {@code stallMs}: the deadline after which an unanswered lane is left for a
 * standby, well below the queue pair's own retry timeout (about half a second with ibv_rc_pingpong's timers);
 * {@code keepaliveMs}: how often an idle lane is proven; {@code allDownMs}: how long the stream waits with no lane
 * answering before it gives up; {@code multipath}: false for the comparison an application without multipath makes
 * (one queue pair, no deadline, rebuilt on the next path only after it errors); {@code spread}: new messages over
 * every answering lane (balance-tcp) instead of the preferred one (active-backup).
 */
public record StreamSettings(int window, int rate, int stallMs, int keepaliveMs, int allDownMs, boolean multipath, boolean spread) {
    public static final int MAX_LANES = 8;

    public StreamSettings {
        if (window < 1 || window > StreamQp.MAX_SLOTS || rate < 1 || rate > 100_000 || stallMs < 1 || stallMs > 60_000 || keepaliveMs < 1
                || keepaliveMs > 60_000 || allDownMs < 100 || allDownMs > 3_600_000) {
            throw new IllegalArgumentException("stream settings out of range: " + this);
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(8, 1000, 50, 100, 30_000, true, false);
    }

    public StreamSettings withMultipath(boolean on) {
        return new StreamSettings(window, rate, stallMs, keepaliveMs, allDownMs, on, spread);
    }

    public StreamSettings withSpread(boolean on) {
        return new StreamSettings(window, rate, stallMs, keepaliveMs, allDownMs, multipath, on);
    }
}
