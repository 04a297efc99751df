package org.networktool.verbscheck;

/** One RC ping-pong to one peer from one local path: its round trips, or the named failure. */
public record PeerResult(String peer, RocePath path, boolean ok, VerbsFailure failure, String message, Latency latency, long setupMs) {

    static PeerResult passed(String peer, RocePath path, Latency latency, long setupMs) {
        return new PeerResult(peer, path, true, null, latency.roundTrips() + " round trips, " + latency.summary(), latency, setupMs);
    }

    public static PeerResult failed(String peer, RocePath path, VerbsException e, long setupMs) {
        return new PeerResult(peer, path, false, e.failure(), e.getMessage(), null, setupMs);
    }
}
