package org.networktool.verbscheck;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The checker's half of a flow-label probe's ping-pongs: each queue pair goes through its rounds at its own pace (the
 * next message as soon as the echo is back), all of them within one budget of {@code rounds × roundMs}. A misrouted
 * label never answers (RC retries it on the same 5-tuple), so the budget only decides how long to wait for it; a slow
 * round on a busy host (a TCG guest descheduled for a second) is absorbed by the others instead of reading as a lost
 * reply, which one deadline per round made it.
 */
final class FlowRounds {
    private static final long IDLE_NANOS = 20_000;

    /** One queue pair, as the rounds need it. */
    interface Lane {
        /** Stamps the message with the round and posts it. */
        void send(int round) throws VerbsException;

        /** One poll, without waiting: true once this lane's send completed and a message came back. */
        boolean answered() throws VerbsException;

        /** The stamp of the message that came back. */
        long echoed();

        /** Posts the receive for the next echo. */
        void rearm() throws VerbsException;
    }

    private FlowRounds() {
    }

    /**
     * Round-trip nanoseconds per lane and round; 0: not answered. A lane that errors or echoes another stamp stops
     * there (its later rounds stay unanswered).
     */
    static long[][] run(List<? extends Lane> lanes, int rounds, long roundNanos, LongSupplier clock) {
        int n = lanes.size();
        long[][] rtts = new long[n][rounds];
        int[] round = new int[n];
        long[] sent = new long[n];
        boolean[] open = new boolean[n];
        int live = 0;
        long deadline = clock.getAsLong() + rounds * roundNanos;
        for (int i = 0; i < n; i++) {
            open[i] = post(lanes.get(i), 0);
            sent[i] = clock.getAsLong();
            live += open[i] ? 1 : 0;
        }
        while (live > 0 && clock.getAsLong() < deadline) {
            boolean progress = false;
            for (int i = 0; i < n; i++) {
                if (!open[i]) {
                    continue;
                }
                Lane l = lanes.get(i);
                try {
                    if (!l.answered()) {
                        continue;
                    }
                    long now = clock.getAsLong();
                    progress = true;
                    // Our echo carries our stamp back; anything else is not this probe's.
                    if (l.echoed() != round[i]) {
                        open[i] = false;
                    } else {
                        rtts[i][round[i]] = Math.max(1, now - sent[i]);
                        l.rearm();
                        if (++round[i] == rounds) {
                            open[i] = false;
                        } else {
                            open[i] = post(l, round[i]);
                            sent[i] = clock.getAsLong();
                        }
                    }
                } catch (VerbsException x) {
                    open[i] = false;
                }
                if (!open[i]) {
                    live--;
                }
            }
            if (!progress) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
        return rtts;
    }

    private static boolean post(Lane l, int round) {
        try {
            l.send(round);
            return true;
        } catch (VerbsException e) {
            return false;
        }
    }
}
