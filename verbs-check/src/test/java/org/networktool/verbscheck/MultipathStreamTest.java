package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The stream's state machine on fake lanes and a fake clock: switch, resend, duplicates, rebuild, giving up. */
class MultipathStreamTest {
    private static final long US = 1_000;
    private static final long MS = 1_000_000;
    private long now = 1_000 * MS;
    private final StreamDelivery responder = new StreamDelivery();
    private final List<Integer> rebuilds = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    /** A queue pair on a simulated wire: answered after {@code rtt}; a cable out loses requests, a broken reply path loses echoes. */
    final class FakeLane implements StreamLane {
        long rtt = 200 * US;
        boolean cableOut;
        boolean repliesLost;
        Long errorAt;
        boolean closed;
        int data;
        final ArrayDeque<long[]> answers = new ArrayDeque<>();

        @Override
        public boolean post(long word) {
            data += word >= 0 ? 1 : 0;
            if (!cableOut) {
                if (word >= 0) {
                    responder.receive(word);
                }
                if (!repliesLost) {
                    answers.add(new long[] {word, now + rtt});
                }
            }
            return true;
        }

        @Override
        public void poll(LongConsumer sink) throws VerbsException {
            if (errorAt != null && now >= errorAt) {
                throw new VerbsException(VerbsFailure.RETRY_EXCEEDED, "send completed with transport retry counter exceeded (12)");
            }
            while (!answers.isEmpty() && answers.peek()[1] <= now) {
                sink.accept(answers.poll()[0]);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private MultipathStream stream(StreamSettings settings, FakeLane... lanes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lanes.length; i++) {
            names.add("m" + i);
        }
        List<String> problems = new ArrayList<>();
        Arrays.stream(lanes).forEach(l -> problems.add(l == null ? "RTR failed" : null));
        return new MultipathStream(names, Arrays.asList(lanes), problems, settings, rebuilds::add, events::add, now);
    }

    private void run(MultipathStream m, long forNanos) {
        long end = now + forNanos;
        while (now < end) {
            m.tick(now);
            now += 100 * US;
        }
    }

    private StreamResult drain(MultipathStream m) {
        m.stopSending();
        run(m, 2_000 * MS);
        assertTrue(m.drained(), () -> "not drained: " + events);
        return m.result("peer", now);
    }

    private static StreamSettings settings() {
        return new StreamSettings(8, 1000, 50, 100, 5_000, true, false);
    }

    @Test
    void aSteadyStreamIsAcknowledgedOnceAndInOrder() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 1_000 * MS);
        StreamResult r = drain(m);
        assertEquals(1000, r.sent(), r.toString());
        assertEquals(r.sent(), r.acked());
        assertEquals(0, r.lost());
        assertEquals(0, r.failoverCount());
        assertEquals(r.sent(), responder.delivered());
        assertEquals(0, responder.duplicates());
        assertTrue(r.medianUs() >= 190 && r.medianUs() <= 320, r.toString()); // 200 µs round trips, seen at 100 µs ticks
        assertTrue(r.ok(), r.toString());
    }

    @Test
    void aCableOutMovesTheStreamToTheStandbyWithinTheDeadlineAndResendsWhatWasLost() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 500 * MS);
        a.cableOut = true;
        a.errorAt = now + 500 * MS; // RC gives up later than the stream's deadline
        run(m, 1_500 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost(), r.toString());
        assertEquals(r.sent(), responder.delivered(), "in order, exactly once at the responder");
        assertEquals(1, r.failoverCount(), events::toString);
        StreamResult.Failover f = r.failovers().get(0);
        assertEquals("m0", f.from());
        assertEquals("m1", f.to());
        assertTrue(f.resent() > 0, f.toString());
        assertNotNull(f.gapMs());
        assertTrue(f.gapMs() >= 50 && f.gapMs() < 60, "the gap is the deadline and a round trip: " + f);
        assertEquals(List.of(0), rebuilds, "the failed lane is rebuilt in the background");
        assertTrue(a.closed);
        assertTrue(r.ok(), r.toString());
    }

    @Test
    void theMapSayingTheMemberIsDownMovesTheStreamBeforeTheDeadline() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        a.rtt = 2 * MS; // messages in flight when the map speaks
        MultipathStream m = stream(settings(), a, b);
        run(m, 500 * MS);
        a.cableOut = true;
        a.errorAt = now + 500 * MS;
        run(m, 5 * MS);
        m.laneDown(0, "watch's map: emlx0/1 stopped carrying", now);
        run(m, 1_500 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost(), r.toString());
        assertEquals(r.sent(), responder.delivered());
        assertEquals(1, r.failoverCount(), events::toString);
        StreamResult.Failover f = r.failovers().get(0);
        assertEquals("m1", f.to());
        assertTrue(f.why().contains("watch's map"), f.toString());
        assertTrue(f.gapMs() < 20, "moved on the map's word, not after the 50 ms deadline: " + f);
        assertEquals(List.of(0), rebuilds, "the lane still errors and is rebuilt");
    }

    @Test
    void aPortGoingDownInTheMapMovesItsLaneOnceAndOnlyItsLane() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        List<StreamClient.LanePath> lanes = List.of(
                new StreamClient.LanePath("m0", new RocePath("emlx0", 1, 1, "fe80::1", 4096), null, 0),
                new StreamClient.LanePath("m1", new RocePath("emlx2", 1, 1, "fe80::2", 4096), null, 0));
        run(m, 300 * MS);
        Set<String> was = StreamClient.followMap(m, lanes, Set.of("emlx9/1"), Set.of(), now);
        run(m, 10 * MS);
        assertEquals(List.of(), events.stream().filter(e -> e.contains("moving off")).toList(), "another port's news");
        was = StreamClient.followMap(m, lanes, Set.of("emlx0/1"), was, now);
        assertEquals(1, events.stream().filter(e -> e.contains("moving off m0")).count(), events::toString);
        run(m, 3_000 * MS); // m0 still answers: a standby again, then preferred
        StreamClient.followMap(m, lanes, Set.of("emlx0/1"), was, now);
        assertEquals(1, events.stream().filter(e -> e.contains("moving off m0")).count(), "still down in the map: not news twice");
    }

    @Test
    void aLaneTheMapCalledDownThatStillAnswersIsAStandbyAgain() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 300 * MS);
        m.laneDown(0, "watch's map: emlx0/1 stopped carrying", now); // a flap: the path works
        run(m, 3_000 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost(), r.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("back on m0")), "the preferred lane takes the stream back: " + events);
        assertEquals(List.of(), rebuilds);
    }

    @Test
    void withoutMultipathTheMapIsNotFollowed() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(new StreamSettings(8, 1000, 50, 100, 5_000, false, false), a, b);
        run(m, 300 * MS);
        m.laneDown(0, "watch's map: emlx0/1 stopped carrying", now);
        run(m, 300 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.failoverCount(), events::toString);
    }

    @Test
    void lostRepliesAreResentAndTheResponderSuppressesTheDuplicates() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 200 * MS);
        a.repliesLost = true;
        run(m, 300 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost(), r.toString());
        assertTrue(responder.duplicates() > 0, "the resent messages had arrived once already");
        assertEquals(r.sent(), responder.delivered());
        assertEquals(r.sent(), r.acked(), "each acknowledged once");
    }

    @Test
    void aSuspectLaneThatAnswersLateIsAStandbyAgainAndItsEchoesAreDuplicates() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 200 * MS);
        a.rtt = 120 * MS; // a hiccup: slower than the deadline, not broken
        run(m, 20 * MS);
        a.rtt = 200 * US;
        run(m, 500 * MS);
        StreamResult r = drain(m);
        assertTrue(r.duplicateAcks() > 0, r.toString());
        assertEquals(0, r.lost());
        assertEquals("up", r.lanes().get(0).state(), "answered everything it was sent: a standby again");
        assertEquals(1, r.lanes().get(0).stalls());
        assertTrue(rebuilds.isEmpty(), "nothing failed, nothing rebuilt");
        assertEquals(1, r.failoverCount(), "no second switch back: the returned lane stays a standby");
    }

    @Test
    void aRebuiltPreferredLaneProvesItselfThenTakesTheStreamBackWithoutAStall() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 100 * MS);
        a.cableOut = true;
        a.errorAt = now + 300 * MS;
        run(m, 600 * MS);
        assertEquals(List.of(0), rebuilds);
        FakeLane a2 = new FakeLane();
        m.install(0, a2, now);
        run(m, 500 * MS);
        assertEquals(0, a2.data, "proving and then a standby for a second: keepalives only");
        run(m, 1_000 * MS);
        StreamResult r = drain(m);
        assertTrue(a2.data > 0, "the preferred lane carries again: " + events);
        assertEquals("up", r.lanes().get(0).state());
        assertEquals(1, r.lanes().get(0).rebuilds());
        assertEquals(1, r.failoverCount(), "going back is no failover: " + events);
        assertTrue(r.largestGapMs() < 60, "and no stall: " + r);
        assertEquals(0, r.lost());
    }

    @Test
    void aQueuePairThatNeitherCompletesNorErrorsIsRebuiltOnceItIsPlainlyStuck() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), a, b);
        run(m, 100 * MS);
        a.cableOut = true; // and no error ever comes: the queue pair just goes silent
        run(m, 2_500 * MS);
        assertEquals(List.of(), rebuilds, "a suspect lane is given RC's own time and more");
        run(m, 1_000 * MS);
        assertEquals(List.of(0), rebuilds, "stuck well past any retry budget: rebuilt " + events);
        assertTrue(a.closed);
        assertTrue(events.stream().anyMatch(e -> e.contains("m0: no completion in 3000 ms: the queue pair is stuck; rebuilding")), events::toString);
        FakeLane a2 = new FakeLane();
        m.install(0, a2, now);
        run(m, 1_500 * MS);
        StreamResult r = drain(m);
        assertEquals("up", r.lanes().get(0).state(), "back once rebuilt: " + events);
        assertEquals(0, r.lost());
        assertEquals(r.sent(), responder.delivered());
    }

    @Test
    void aStallWithNowhereElseToGoIsWaitedOutNotCountedAsAFailover() {
        FakeLane a = new FakeLane();
        MultipathStream m = stream(settings(), a);
        run(m, 200 * MS);
        a.rtt = 150 * MS;
        run(m, 20 * MS);
        a.rtt = 200 * US;
        run(m, 500 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.failoverCount(), events::toString);
        assertEquals(1, r.lanes().get(0).stalls());
        assertEquals(0, r.lost());
        assertTrue(r.largestGapMs() >= 100, "the stall shows as the largest gap: " + r);
        assertEquals(r.sent(), responder.delivered());
    }

    @Test
    void withEveryPathDownTheStreamGivesUpNamingEachPath() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(new StreamSettings(8, 1000, 50, 100, 1_000, true, false), a, b);
        run(m, 100 * MS);
        a.cableOut = true;
        b.cableOut = true;
        a.errorAt = now + 300 * MS;
        b.errorAt = now + 300 * MS;
        run(m, 2_000 * MS);
        assertNotNull(m.failed(), events::toString);
        assertTrue(m.failed().contains("m0 (") && m.failed().contains("m1 (") && m.failed().contains("retry counter exceeded"), m.failed());
        StreamResult r = m.result("peer", now);
        assertTrue(r.lost() > 0);
        assertTrue(r.largestGapMs() >= 2_000, "the silence up to the end is the largest gap: " + r);
        assertTrue(!r.ok());
    }

    @Test
    void withoutMultipathOneQueuePairWaitsForItsErrorThenIsRebuiltOnTheNextPath() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings().withMultipath(false), a, b);
        assertTrue(b.closed, "one queue pair at a time");
        run(m, 100 * MS);
        a.cableOut = true;
        a.errorAt = now + 500 * MS;
        run(m, 400 * MS);
        assertTrue(rebuilds.isEmpty(), "no deadline: it waits for the queue pair's error");
        run(m, 200 * MS);
        assertEquals(List.of(1), rebuilds);
        FakeLane b2 = new FakeLane();
        m.install(1, b2, now);
        run(m, 300 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost());
        assertEquals(1, r.failoverCount());
        assertTrue(r.failovers().get(0).gapMs() >= 500, r.failovers().toString());
        assertEquals(r.sent(), responder.delivered());
    }

    @Test
    void spreadOverLanesTheResponderStillDeliversInOrder() {
        FakeLane a = new FakeLane();
        FakeLane b = new FakeLane();
        b.rtt = 900 * US; // b's echoes come back later than a's: arrival order differs from sequence order
        MultipathStream m = stream(settings().withSpread(true), a, b);
        run(m, 300 * MS);
        b.cableOut = true;
        b.errorAt = now + 300 * MS;
        run(m, 700 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost(), r.toString());
        assertEquals(r.sent(), responder.delivered());
        assertEquals(0, responder.refused());
        assertTrue(r.failoverCount() >= 1);
    }

    @Test
    void aLaneThatCouldNotBeSetUpIsRebuiltAndTheOthersCarry() {
        FakeLane b = new FakeLane();
        MultipathStream m = stream(settings(), null, b);
        assertEquals(List.of(0), rebuilds);
        run(m, 200 * MS);
        StreamResult r = drain(m);
        assertEquals(0, r.lost());
        assertEquals("down", r.lanes().get(0).state());
        assertEquals("RTR failed", r.lanes().get(0).lastProblem());
        assertNull(r.failed());
    }
}
