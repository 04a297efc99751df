package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The checker's rounds against scripted queue pairs and a clock that moves only when a lane is polled. */
class FlowRoundsTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong();

    /** Echoes each message {@code delays[round]} ms after it was sent; a negative delay: never. */
    private class Scripted implements FlowRounds.Lane {
        final long[] delays;
        final List<Integer> sent = new ArrayList<>();
        long dueAt = Long.MAX_VALUE;
        long stamp = -1;
        long echoStamp;
        boolean fail;

        Scripted(long... delays) {
            this.delays = delays;
        }

        @Override
        public void send(int round) {
            sent.add(round);
            stamp = round;
            dueAt = delays[round] < 0 ? Long.MAX_VALUE : now.get() + delays[round] * MS;
        }

        @Override
        public boolean answered() throws VerbsException {
            now.addAndGet(MS / 4);
            if (fail) {
                throw new VerbsException(VerbsFailure.TIMEOUT, "retry exceeded");
            }
            if (now.get() < dueAt) {
                return false;
            }
            dueAt = Long.MAX_VALUE;
            echoStamp = stamp;
            return true;
        }

        @Override
        public long echoed() {
            return echoStamp;
        }

        @Override
        public void rearm() {
        }
    }

    @Test
    void aSlowRoundOnABusyHostIsAbsorbedByTheBudgetNotReadAsALostReply() {
        // Round 0 of the first queue pair takes 1.5 round times (a descheduled guest); the rest answer in 2 ms.
        Scripted slow = new Scripted(1500, 2, 2);
        Scripted quick = new Scripted(2, 2, 2);
        long[][] rtts = FlowRounds.run(List.of(slow, quick), 3, 1000 * MS, now::get);
        assertTrue(rtts[0][0] >= 1500 * MS, "the late echo counts, with its real round trip: " + rtts[0][0]);
        assertTrue(rtts[0][1] > 0 && rtts[0][2] > 0, "and the queue pair goes on with its next rounds");
        assertEquals(List.of(0, 1, 2), slow.sent);
        assertTrue(rtts[1][0] > 0 && rtts[1][1] > 0 && rtts[1][2] > 0);
        assertTrue(rtts[1][2] < 10 * MS, "a quick queue pair does not wait for the slow one's rounds: " + rtts[1][2]);
    }

    @Test
    void aMisroutedLabelStaysUnansweredAndTheProbeEndsAtTheBudget() {
        Scripted misrouted = new Scripted(-1, 2, 2);
        Scripted quick = new Scripted(2, 2, 2);
        long[][] rtts = FlowRounds.run(List.of(misrouted, quick), 3, 100 * MS, now::get);
        assertArrayEquals(new long[3], rtts[0]);
        assertEquals(List.of(0), misrouted.sent, "nothing more is sent on a queue pair whose echo never came");
        assertTrue(now.get() >= 300 * MS && now.get() < 320 * MS, "waited the whole budget, not more: " + now.get() / MS + " ms");
        assertEquals(FlowVerdict.REPLIES_LOST, FlowVerdict.of(3, 0, 1));
    }

    @Test
    void aFlapThatOutlastsTheBudgetIsUnstableAndAnErrorOrAForeignEchoEndsALane() {
        Scripted flapping = new Scripted(2, -1, 2);
        Scripted broken = new Scripted(2, 2, 2);
        Scripted foreign = new Scripted(2, 2, 2) {
            @Override
            public long echoed() {
                return 7;
            }
        };
        broken.fail = true;
        long[][] rtts = FlowRounds.run(List.of(flapping, broken, foreign), 3, 50 * MS, now::get);
        assertTrue(rtts[0][0] > 0);
        assertEquals(0, rtts[0][1]);
        assertEquals(FlowVerdict.UNSTABLE, FlowVerdict.of(3, 1, 2));
        assertArrayEquals(new long[3], rtts[1]);
        assertArrayEquals(new long[3], rtts[2]);
        assertEquals(List.of(0), foreign.sent);
    }
}
