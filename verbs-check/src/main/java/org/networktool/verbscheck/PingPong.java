package org.networktool.verbscheck;

/** Send/receive round trips over a connected {@link RcEndpoint}: the client times them, the server echoes. */
public final class PingPong {
    private PingPong() {
    }

    /** {@code iterations} round trips; each must finish within {@code perRoundTripMs}. */
    public static Latency client(RcEndpoint e, int iterations, long perRoundTripMs) throws VerbsException {
        long[] rtt = new long[iterations];
        long budget = perRoundTripMs * 1_000_000L;
        for (int i = 0; i < iterations; i++) {
            e.stamp(i);
            long t0 = System.nanoTime();
            e.postSend();
            try {
                e.await(1, 1, t0 + budget);
            } catch (VerbsException x) {
                throw new VerbsException(x.failure(), x.getMessage() + " (round trip " + (i + 1) + " of " + iterations + ", "
                        + perRoundTripMs + " ms each)");
            }
            rtt[i] = System.nanoTime() - t0;
            // The echo carries our stamp back: a reply from anything but our peer's echo would not.
            if (e.stamp() != i) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "round trip " + i + " came back with " + e.stamp());
            }
            e.postRecv();
        }
        return Latency.of(rtt);
    }

    /** Echoes {@code iterations} messages back; the first may wait {@code firstMs} for the client. */
    public static void server(RcEndpoint e, int iterations, long firstMs, long perRoundTripMs) throws VerbsException {
        for (int i = 0; i < iterations; i++) {
            try {
                e.await(0, 1, System.nanoTime() + (i == 0 ? firstMs : perRoundTripMs) * 1_000_000L);
                e.postRecv();
                e.postSend();
                e.await(1, 0, System.nanoTime() + perRoundTripMs * 1_000_000L);
            } catch (VerbsException x) {
                throw new VerbsException(x.failure(), x.getMessage() + " (message " + (i + 1) + " of " + iterations + ")");
            }
        }
    }
}
