package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The storage layer's multipath, as a reference: one RC queue pair per member path to a peer (a <em>lane</em>), a
 * sequenced request/response stream on the preferred lane, the others kept proven by keepalives.
 * <ul>
 * <li><b>Path choice.</b> Lanes are given in preference order (the active member's first). Active-backup: every new
 * message goes to the first answering lane; a more preferred lane that comes back takes new messages again once it has
 * answered for a second (no stall: nothing is moved). Spread (balance-tcp): new messages go round-robin over every
 * answering lane.</li>
 * <li><b>Deadline.</b> A lane whose oldest message is unanswered for {@code stallMs} is <em>suspect</em>: nothing new
 * goes to it. It is well below the queue pair's own retry timeout, so the stream moves before RC gives up.</li>
 * <li><b>Switch and resend.</b> Every message not acknowledged that was sent on a suspect or failed lane is sent again,
 * in order, on the next lane. The responder echoes each message it receives; the first echo acknowledges it, a later
 * one (of the same message, after a resend) is a duplicate and suppressed. The responder delivers in order.</li>
 * <li><b>Rebuild.</b> A lane with an error completion (retry exceeded: its cable is out) is closed and rebuilt in the
 * background ({@code rebuild}); the new queue pair proves itself with a keepalive before it carries anything. A suspect
 * lane that answers everything it was sent is a standby again.</li>
 * </ul>
 * Time is given by the caller, so the machine runs the same on verbs and on fakes. Memory is bounded: messages in
 * flight by the window, latencies by a histogram, failovers by {@link FailoverLog}.
 */
public final class MultipathStream {
    /** Bit 63 marks a keepalive; a data message is its sequence number. */
    static final long KEEPALIVE = Long.MIN_VALUE;
    private static final long MS = 1_000_000L;

    private static final class Message {
        final long firstSent;
        int lane;
        boolean resent;

        Message(long firstSent, int lane) {
            this.firstSent = firstSent;
            this.lane = lane;
        }
    }

    private final List<LaneSlot> slots = new ArrayList<>();
    private final StreamSettings s;
    private final IntConsumer rebuild;
    private final Consumer<String> events;
    private final long start;
    private final long stall;
    private final long keepalive;
    private final long interval;
    private final long returnAfter;
    private final long stuck;
    private final TreeMap<Long, Message> unacked = new TreeMap<>();
    private final TreeSet<Long> toResend = new TreeSet<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final FailoverLog log;
    private long nextSeq;
    private long keepalives;
    private long nextSendAt;
    private long acked;
    private long duplicateAcks;
    private long mismatches;
    private int current = -1;
    private int spreadNext;
    private long noPathSince;
    private boolean sending = true;
    private String failed;

    /**
     * {@code names}/{@code lanes}: in preference order; a null lane is one that could not be set up (rebuilt like a failed
     * one; {@code problems} says why). Without multipath only the first lane is used and the rest wait their turn.
     */
    public MultipathStream(List<String> names, List<StreamLane> lanes, List<String> problems, StreamSettings settings, IntConsumer rebuild,
            Consumer<String> events, long now) {
        if (names.isEmpty() || names.size() != lanes.size() || names.size() > StreamSettings.MAX_LANES) {
            throw new IllegalArgumentException("1.." + StreamSettings.MAX_LANES + " lanes, one name each");
        }
        this.s = settings;
        this.rebuild = rebuild;
        this.events = events;
        this.start = now;
        this.log = new FailoverLog(now, events);
        this.stall = settings.stallMs() * MS;
        this.keepalive = settings.keepaliveMs() * MS;
        this.interval = 1_000_000_000L / settings.rate();
        this.returnAfter = Math.max(1_000 * MS, 20 * stall);
        this.stuck = Math.max(3_000 * MS, 40 * stall);
        this.nextSendAt = now;
        for (int i = 0; i < names.size(); i++) {
            LaneSlot slot = new LaneSlot(names.get(i));
            slot.lane = lanes.get(i);
            slot.lastProblem = problems.get(i);
            slot.state = slot.lane != null ? LaneSlot.State.UP : s.multipath() || i == 0 ? LaneSlot.State.DOWN : LaneSlot.State.IDLE;
            if (slot.lane != null && !s.multipath() && i > 0) {
                slot.lane.close(); // the comparison uses one queue pair at a time
                slot.lane = null;
                slot.state = LaneSlot.State.IDLE;
            }
            slots.add(slot);
        }
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).state == LaneSlot.State.DOWN) {
                rebuildFailed(i, problems.get(i), now);
            }
        }
    }

    /** One sweep: take echoes, find stalls, choose the lane, resend, send what is due, keep standbys proven. True: work done. */
    public boolean tick(long now) {
        boolean progress = false;
        for (int i = 0; i < slots.size(); i++) {
            LaneSlot slot = slots.get(i);
            if (slot.lane == null || slot.state == LaneSlot.State.DOWN || slot.state == LaneSlot.State.IDLE) {
                continue;
            }
            int before = slot.inFlight.size();
            final int lane = i;
            try {
                slot.lane.poll(word -> echo(lane, word, now));
            } catch (VerbsException e) {
                fail(i, e.getMessage(), now);
            }
            progress |= slot.inFlight.size() != before;
        }
        if (s.multipath()) {
            for (int i = 0; i < slots.size(); i++) {
                LaneSlot slot = slots.get(i);
                if ((slot.state == LaneSlot.State.UP || slot.state == LaneSlot.State.PROVING) && !slot.inFlight.isEmpty()
                        && now - slot.inFlight.peek()[1] > stall) {
                    slot.stalls++;
                    slot.lastProblem = "no answer in " + s.stallMs() + " ms";
                    slot.state = LaneSlot.State.SUSPECT;
                    slot.suspectSince = now;
                    moveOff(i, "stalled " + s.stallMs() + " ms", now);
                } else if (slot.state == LaneSlot.State.SUSPECT && slot.lane != null && !slot.inFlight.isEmpty()
                        && now - slot.inFlight.peek()[1] > stuck) {
                    // RC ends a dead path in an error after its retries, well within a second; a queue pair with neither a
                    // completion nor an error long after that is stuck (Soft-RoCE, its link down and up again while it
                    // waited: seen in the tier-2 lab) and would never carry again: rebuilt like a failed one.
                    fail(i, "no completion in " + stuck / MS + " ms: the queue pair is stuck", now);
                }
            }
        }
        chooseCarrier(now);
        progress |= send(now);
        if (s.multipath()) {
            for (LaneSlot slot : slots) {
                if ((slot.state == LaneSlot.State.UP || slot.state == LaneSlot.State.PROVING) && slot.inFlight.isEmpty() && now - slot.lastPost >= keepalive) {
                    progress |= post(slots.indexOf(slot), KEEPALIVE | keepalives++, now);
                }
            }
        }
        watchForNoPath(now);
        return progress;
    }

    private void echo(int i, long word, long now) {
        LaneSlot slot = slots.get(i);
        long[] head = slot.inFlight.poll();
        if (head == null || head[0] != word) {
            mismatches++;
            events.accept(at(now) + slot.name + ": echo " + word + " out of turn (expected " + (head == null ? "nothing" : head[0]) + ")");
        }
        if (word >= 0) {
            Message m = unacked.remove(word);
            toResend.remove(word);
            if (m == null) {
                duplicateAcks++;
            } else {
                acked++;
                if (!m.resent) {
                    latency.record(now - m.firstSent);
                }
                log.acked(now, slot.name);
            }
        }
        if (slot.inFlight.isEmpty() && (slot.state == LaneSlot.State.SUSPECT || slot.state == LaneSlot.State.PROVING)) {
            if (slot.state == LaneSlot.State.PROVING || now - slot.suspectSince >= returnAfter) { // a short stall is load: not news
                events.accept(at(now) + slot.name + ": answers again, standby");
            }
            slot.state = LaneSlot.State.UP;
            slot.upSince = now;
        }
    }

    /**
     * Told from outside the stream that lane {@code i}'s path no longer carries (watch's map: its member was disabled, its
     * link went): the lane is suspect at once, before its deadline, and what it had not acknowledged is sent again on
     * another lane. A keepalive then decides its fate like any suspect lane's: answered, it is a standby again; never
     * answered, the queue pair errors and is rebuilt. Without multipath nothing follows the map (the comparison's point).
     */
    public void laneDown(int i, String why, long now) {
        LaneSlot slot = slots.get(i);
        if (!s.multipath() || slot.lane == null || (slot.state != LaneSlot.State.UP && slot.state != LaneSlot.State.PROVING)) {
            return;
        }
        slot.lastProblem = why;
        slot.state = LaneSlot.State.SUSPECT;
        slot.suspectSince = now;
        moveOff(i, why, now);
        if (slot.inFlight.isEmpty()) {
            post(i, KEEPALIVE | keepalives++, now);
        }
    }

    /** A queue pair error: the lane is closed and rebuilt (without multipath: the next path is). */
    private void fail(int i, String why, long now) {
        LaneSlot slot = slots.get(i);
        slot.failures++;
        slot.lastProblem = why;
        slot.lane.close();
        slot.lane = null;
        slot.inFlight.clear();
        boolean wasCarrying = slot.state != LaneSlot.State.SUSPECT;
        slot.state = s.multipath() ? LaneSlot.State.DOWN : LaneSlot.State.IDLE;
        if (wasCarrying) {
            moveOff(i, why, now);
        }
        events.accept(at(now) + slot.name + ": " + why + "; rebuilding" + (s.multipath() ? "" : " on " + slots.get(next(i)).name));
        int target = s.multipath() ? i : next(i);
        slots.get(target).state = LaneSlot.State.DOWN;
        rebuild.accept(target);
    }

    /** Every unacknowledged message sent on lane {@code i} is sent again on another. */
    private void moveOff(int i, String why, long now) {
        int resent = 0;
        for (var e : unacked.entrySet()) {
            if (e.getValue().lane == i) {
                e.getValue().resent = true;
                toResend.add(e.getKey());
                resent++;
            }
        }
        boolean elsewhere = false;
        for (int k = 0; k < slots.size(); k++) {
            elsewhere |= k != i && slots.get(k).state == LaneSlot.State.UP;
        }
        boolean carrying = i == current;
        if (carrying) {
            current = -1;
        }
        // With no other lane answering there is nowhere to move: a stall to wait out (the lane's count and the largest gap
        // show it), not a failover. Without multipath the move is to the next path, once rebuilt.
        if ((elsewhere || !s.multipath()) && (carrying || resent > 0)) {
            log.movedOff(now, slots.get(i).name, why, resent);
        }
    }

    /**
     * Active-backup: the first answering lane in preference order carries. A preferred lane that answered again (a stall that
     * was load, a rebuilt queue pair) takes the stream back once it has answered for {@link #returnAfter}: no stall, what is
     * in flight on the other lane is acknowledged there.
     */
    private void chooseCarrier(long now) {
        if (s.spread()) {
            return;
        }
        if (current > 0) {
            for (int i = 0; i < current; i++) {
                LaneSlot better = slots.get(i);
                if (better.state == LaneSlot.State.UP && better.inFlight.isEmpty() && now - better.upSince >= returnAfter) {
                    events.accept(at(now) + "back on " + better.name + ", the preferred lane");
                    current = i;
                    return;
                }
            }
        }
        if (current >= 0 && slots.get(current).state == LaneSlot.State.UP) {
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).state == LaneSlot.State.UP) {
                current = i;
                log.movedTo(slots.get(i).name);
                return;
            }
        }
    }

    /** Resends first, then new messages at the rate, while the chosen lanes have room in their window. */
    private boolean send(long now) {
        boolean progress = false;
        while (!toResend.isEmpty()) {
            int lane = target();
            if (lane < 0) {
                return progress;
            }
            long seq = toResend.first();
            if (!post(lane, seq, now)) {
                return progress;
            }
            toResend.pollFirst();
            unacked.get(seq).lane = lane;
            progress = true;
        }
        while (sending && now >= nextSendAt && (unacked.isEmpty() || nextSeq - unacked.firstKey() < (long) s.window() * slots.size())) {
            int lane = target();
            if (lane < 0 || !post(lane, nextSeq, now)) {
                return progress;
            }
            unacked.put(nextSeq, new Message(now, lane));
            nextSeq++;
            nextSendAt += interval;
            progress = true;
        }
        if (now - nextSendAt > interval * s.window()) {
            nextSendAt = now; // a stall is not made up for with a burst
        }
        return progress;
    }

    /** The lane for the next message with room in its window, or -1. */
    private int target() {
        if (!s.spread()) {
            return current >= 0 && slots.get(current).inFlight.size() < s.window() ? current : -1;
        }
        for (int k = 0; k < slots.size(); k++) {
            int i = (spreadNext + k) % slots.size();
            LaneSlot slot = slots.get(i);
            if (slot.state == LaneSlot.State.UP && slot.inFlight.size() < s.window()) {
                spreadNext = i + 1;
                return i;
            }
        }
        return -1;
    }

    private boolean post(int i, long word, long now) {
        LaneSlot slot = slots.get(i);
        try {
            if (!slot.lane.post(word)) {
                return false;
            }
        } catch (VerbsException e) {
            fail(i, e.getMessage(), now);
            return false;
        }
        slot.inFlight.add(new long[] {word, now});
        slot.lastPost = now;
        return true;
    }

    private void watchForNoPath(long now) {
        boolean any = slots.stream().anyMatch(x -> x.state == LaneSlot.State.UP);
        if (any) {
            noPathSince = 0;
        } else if (noPathSince == 0) {
            noPathSince = now;
        } else if (failed == null && now - noPathSince > s.allDownMs() * MS) {
            StringBuilder why = new StringBuilder("no path answered for " + s.allDownMs() / 1000.0 + " s:");
            slots.forEach(x -> why.append(' ').append(x.name).append(" (").append(x.lastProblem == null ? x.state : x.lastProblem).append(')'));
            failed = why.toString();
        }
    }

    /** A rebuilt queue pair for lane {@code i}: it proves itself with a keepalive (without multipath it carries at once). */
    public void install(int i, StreamLane lane, long now) {
        LaneSlot slot = slots.get(i);
        if (slot.lane != null) {
            slot.lane.close();
        }
        slot.lane = lane;
        slot.inFlight.clear();
        slot.rebuilds++;
        slot.lastPost = 0;
        slot.state = s.multipath() ? LaneSlot.State.PROVING : LaneSlot.State.UP;
        slot.upSince = now;
        events.accept(at(now) + slot.name + ": rebuilt");
    }

    /** A rebuild that did not work: the lane (without multipath, the next one) is tried again. */
    public void rebuildFailed(int i, String why, long now) {
        LaneSlot slot = slots.get(i);
        slot.lastProblem = why;
        slot.failures++;
        if (s.multipath()) {
            rebuild.accept(i);
        } else {
            slot.state = LaneSlot.State.IDLE;
            slots.get(next(i)).state = LaneSlot.State.DOWN;
            rebuild.accept(next(i));
        }
    }

    private int next(int i) {
        return (i + 1) % slots.size();
    }

    /** No new messages from now on; what is in flight is still resent until acknowledged. */
    public void stopSending() {
        sending = false;
    }

    public boolean drained() {
        return unacked.isEmpty();
    }

    /** Why the stream gave up, or null. */
    public String failed() {
        return failed;
    }

    /** The lanes' queue pairs closed; for the end of a run. */
    public void closeLanes() {
        for (LaneSlot slot : slots) {
            if (slot.lane != null) {
                slot.lane.close();
                slot.lane = null;
            }
        }
    }

    public StreamResult result(String peer, long now) {
        log.end(now, !unacked.isEmpty());
        List<StreamResult.Lane> lanes = slots.stream().map(x -> new StreamResult.Lane(x.name, x.state.name().toLowerCase(java.util.Locale.ROOT),
                x.failures, x.stalls, x.rebuilds, x.lastProblem)).toList();
        return new StreamResult(peer, System.currentTimeMillis() - (now - start) / MS, (now - start) / MS, nextSeq, acked, nextSeq - acked, duplicateAcks, mismatches, latency.quantileUs(0.5),
                latency.quantileUs(0.99), latency.maxUs(), latency.count(), log.largestGapMs(), log.count(), log.kept(), lanes, null, null,
                null, failed);
    }

    private String at(long now) {
        return log.at(now);
    }
}
