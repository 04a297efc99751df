package org.networktool.verbscheck;

import java.util.List;

/**
 * What a stream to one peer saw. {@code lost}: messages sent and never acknowledged; {@code duplicateAcks}: echoes of a
 * message already acknowledged (after a resend), suppressed; the {@code peer*} counts are the responder's own:
 * delivered in order, duplicates it received, messages it refused (out of its window). {@code failed}: why the
 * stream ended early (every path down too long, the responder gone), or null. {@code startedAtEpochMs}: when it
 * started by this host's clock, for a failover's {@code atMs} to be set against events outside it (a pulled cable).
 */
public record StreamResult(String peer, long startedAtEpochMs, long durationMs, long sent, long acked, long lost, long duplicateAcks, long mismatches,
        double medianUs, double p99Us, double maxUs, long latencySamples, double largestGapMs, long failoverCount, List<Failover> failovers,
        List<Lane> lanes, Long peerDelivered, Long peerDuplicates, Long peerRefused, String failed) {

    /** The stream moved off {@code from} ({@code why}) to {@code to}; {@code gapMs}: last acknowledgement before to first after. */
    public record Failover(double atMs, String from, String to, String why, int resent, Double gapMs) {
    }

    /** One queue pair's path: its state at the end, how often it failed or stalled, the last reason, rebuilds that worked. */
    public record Lane(String name, String state, int failures, int stalls, int rebuilds, String lastProblem) {
    }

    /** Every message acknowledged exactly once by the stream, delivered in order by the responder, nothing refused. */
    public boolean ok() {
        return failed == null && lost == 0 && mismatches == 0 && (peerDelivered == null || peerDelivered == sent)
                && (peerRefused == null || peerRefused == 0);
    }

    /** A stream that never started: {@code why}. */
    static StreamResult failed(String peer, long durationMs, String why) {
        return new StreamResult(peer, System.currentTimeMillis() - durationMs, durationMs, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), null,
                null, null, why);
    }

    StreamResult withPeerCounts(long delivered, long duplicates, long refused) {
        return new StreamResult(peer, startedAtEpochMs, durationMs, sent, acked, lost, duplicateAcks, mismatches, medianUs, p99Us, maxUs, latencySamples,
                largestGapMs, failoverCount, failovers, lanes, delivered, duplicates, refused, failed);
    }

    StreamResult withFailure(String why) {
        return new StreamResult(peer, startedAtEpochMs, durationMs, sent, acked, lost, duplicateAcks, mismatches, medianUs, p99Us, maxUs, latencySamples,
                largestGapMs, failoverCount, failovers, lanes, peerDelivered, peerDuplicates, peerRefused, failed == null ? why : failed);
    }
}
