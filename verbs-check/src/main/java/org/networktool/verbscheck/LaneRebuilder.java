package org.networktool.verbscheck;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stream's rebuilds, one at a time over its probe exchange, so a rebuild never holds the stream: a lane's attempts are
 * spaced 1 s, doubling while they fail, up to 8 s (a path not usable yet costs both ends little); ALIVE when idle.
 */
final class LaneRebuilder extends Thread {
    static final long ALIVE_NANOS = 5_000_000_000L;
    private static final long BACKOFF_NANOS = 1_000_000_000L;
    private static final int MAX_BACKOFF_DOUBLINGS = 3;
    final LinkedBlockingQueue<Integer> requests = new LinkedBlockingQueue<>();
    final ConcurrentLinkedQueue<Object[]> results = new ConcurrentLinkedQueue<>(); // {index, StreamQp or reason}
    private final ProbeClient client;
    private final StreamSettings settings;
    private final ProbeWire w;
    private final String[] n;
    private final ProbePeer peer;
    private final List<StreamClient.LanePath> lanes;
    private final RdmaContexts contexts;
    private final long aliveNanos;
    private final long[] lastTry;
    private final int[] failedTries;
    private volatile boolean running = true;
    private boolean broken;
    private long lastSent = System.nanoTime();
    int next = 2;

    LaneRebuilder(ProbeClient client, StreamSettings settings, ProbeWire w, String[] n, ProbePeer peer, List<StreamClient.LanePath> lanes,
            RdmaContexts contexts, long aliveNanos) {
        super("stream-rebuild");
        this.client = client;
        this.settings = settings;
        setDaemon(true);
        this.w = w;
        this.n = n;
        this.peer = peer;
        this.lanes = lanes;
        this.contexts = contexts;
        this.aliveNanos = aliveNanos;
        this.lastTry = new long[lanes.size()];
        this.failedTries = new int[lanes.size()];
    }

    @Override
    public void run() {
        while (running) {
            aliveIfDue();
            Integer i;
            try {
                i = requests.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (i == null) {
                continue;
            }
            long backoff = BACKOFF_NANOS << Math.min(failedTries[i], MAX_BACKOFF_DOUBLINGS);
            long wait = lastTry[i] + backoff - System.nanoTime();
            while (running && wait > 0) {
                aliveIfDue();
                LockSupport.parkNanos(Math.min(wait, 100_000_000L));
                wait = lastTry[i] + backoff - System.nanoTime();
            }
            if (!running) {
                return;
            }
            lastTry[i] = System.nanoTime();
            Object r = rebuild(i);
            failedTries[i] = r instanceof StreamQp ? 0 : failedTries[i] + 1;
            results.add(new Object[] {i, r});
        }
    }

    /**
     * The responder ends a session silent for 30 s: say ALIVE every 5 s without other messages, also while rebuilds fail on
     * this end alone (a path not usable yet) and so send nothing.
     */
    private void aliveIfDue() {
        if (!broken && System.nanoTime() - lastSent > aliveNanos) {
            send("ALIVE");
        }
    }

    /** A connected queue pair for lane {@code i}, or why not. */
    private Object rebuild(int i) {
        if (broken) {
            return "the probe exchange with " + peer + " broke: no rebuild";
        }
        StreamClient.LanePath lane = lanes.get(i);
        StreamQp q = null;
        try {
            RocePath now = StreamLanes.current(client.verbs(), lane.local());
            RdmaContext ctx = contexts.get(now.device());
            if (lane.at() != null) {
                resolvable(ctx, now, lane.at());
            }
            q = StreamQp.open(ctx, now, settings.window());
            String body = new StreamWire(i, q.local(), lane.at(), lane.flowLabel()).encode();
            int k = next++;
            send("REBUILD " + client.key().mac("C" + k, n[0], n[1], body) + " " + body);
            String reply = client.signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "REBUILT", "S" + k, n, peer)[2];
            String theirs = ProbeWire.fields(reply).get("lane");
            if (theirs == null) {
                throw new VerbsException(VerbsFailure.RESOURCE, "the responder could not set its end up again (see its log)");
            }
            q.connect(StreamWire.decode(theirs).qp(), lane.flowLabel());
            return q;
        } catch (VerbsException e) {
            close(q);
            return e.getMessage();
        } catch (IOException e) {
            close(q);
            broken = true;
            return "probe connection to " + peer + " broke: " + e.getMessage();
        } catch (RuntimeException e) {
            close(q); // this thread must outlive any one rebuild: without it no lane comes back and no ALIVE is said
            return "rebuild failed: " + e;
        }
    }

    /**
     * Whether this end can resolve the peer's GID from the path (RTR does the address resolution), on a queue pair of
     * its own thrown away after: a path that is not usable yet (no neighbour entry: a member before its migration step)
     * costs the peer nothing.
     */
    private void resolvable(RdmaContext ctx, RocePath path, String peerGid) throws VerbsException {
        try (StreamQp probe = StreamQp.open(ctx, path, 1)) {
            probe.connect(new QpInfo(1, 0, peerGid, path.activeMtuEnum()), 0);
        }
    }

    private void send(String line) {
        try {
            w.send(line);
            lastSent = System.nanoTime();
        } catch (IOException e) {
            broken = true;
        }
    }

    private void close(StreamQp q) {
        if (q != null) {
            q.close();
        }
    }

    /** Stops and waits; a queue pair built but not installed is destroyed. */
    void finish() {
        running = false;
        interrupt();
        try {
            join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Object[] r; (r = results.poll()) != null;) {
            if (r[1] instanceof StreamQp q) {
                q.close();
            }
        }
    }
}
