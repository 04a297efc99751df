package org.networktool.verbscheck;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The checking end of a stream to one peer's {@code probe serve}: sets the lanes up over the probe exchange, runs the
 * {@link MultipathStream} on this thread, and rebuilds failed lanes on a thread of its own over the same (signed)
 * exchange, so a rebuild never holds the stream. The exchange rides the storage IP, which the bond keeps up through a
 * member's failure.
 */
public final class StreamClient {
    /** A lane: {@code name} for reports (member → peer port), the local path, the peer's GID to answer on (null: its address's). */
    public record LanePath(String name, RocePath local, String at, int flowLabel) {
    }

    private static final long IDLE_NANOS = 100_000;
    private static final long IDLE_LONG_NANOS = 1_000_000;
    private final ProbeClient client;
    private final StreamSettings settings;
    private static final long MAP_EVERY_NANOS = 20_000_000;
    private final Consumer<String> events;
    private final DownPorts down;

    public StreamClient(ProbeClient client, StreamSettings settings, Consumer<String> events) {
        this(client, settings, events, DownPorts.NONE);
    }

    /** {@code down}: the ports watch's map says stopped carrying; a lane on one moves off at once, without waiting for its deadline. */
    public StreamClient(ProbeClient client, StreamSettings settings, Consumer<String> events, DownPorts down) {
        this.client = client;
        this.settings = settings;
        this.events = events;
        this.down = down;
    }

    /**
     * Streams to {@code peer} over {@code lanes} (preference order) for {@code durationMs} or until {@code stop}, then
     * waits for what is in flight and asks the responder what it delivered. Never throws: a failure is in the result.
     */
    public StreamResult run(ProbePeer peer, List<LanePath> lanes, long durationMs, BooleanSupplier stop) {
        long t0 = System.nanoTime();
        MultipathStream m = null;
        LaneRebuilder rebuilder = null;
        RdmaContexts contexts = new RdmaContexts(client.verbs());
        try (Socket s = new Socket()) {
            client.connect(s, lanes.get(0).local(), peer);
            ProbeWire w = new ProbeWire(s);
            String[] n = client.handshake(w, peer);
            List<StreamQp> mine = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            StringBuilder request = new StringBuilder("window=" + settings.window());
            for (int i = 0; i < lanes.size(); i++) {
                StreamQp q = null;
                String problem = null;
                try {
                    q = StreamQp.open(contexts.get(lanes.get(i).local().device()), lanes.get(i).local(), settings.window());
                    request.append(' ').append(new StreamWire(i, q.local(), lanes.get(i).at(), lanes.get(i).flowLabel()).encode());
                } catch (VerbsException e) {
                    problem = e.getMessage();
                }
                mine.add(q);
                problems.add(problem);
            }
            if (mine.stream().allMatch(q -> q == null)) {
                throw new VerbsException(VerbsFailure.RESOURCE, "no lane could be set up: " + String.join("; ", problems));
            }
            w.send("STREAM " + client.key().mac("C1", n[0], n[1], request.toString()) + " " + request);
            String body = client.signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "STREAM", "S2", n, peer)[2];
            Map<Integer, StreamWire> theirs = new HashMap<>();
            for (Map.Entry<String, String> f : ProbeWire.fieldList(body)) {
                if (f.getKey().equals("lane")) {
                    StreamWire l = StreamWire.decode(f.getValue());
                    theirs.put(l.index(), l);
                }
            }
            List<StreamLane> ready = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                StreamQp q = mine.get(i);
                if (q != null && theirs.containsKey(i)) {
                    try {
                        q.connect(theirs.get(i).qp(), lanes.get(i).flowLabel());
                    } catch (VerbsException e) {
                        problems.set(i, e.getMessage());
                        q.close();
                        q = null;
                    }
                } else if (q != null) {
                    problems.set(i, "the responder could not set up its end (see its log)");
                    q.close();
                    q = null;
                }
                ready.add(q);
            }
            rebuilder = new LaneRebuilder(client, settings, w, n, peer, lanes, contexts, LaneRebuilder.ALIVE_NANOS);
            List<String> names = lanes.stream().map(LanePath::name).toList();
            long answering = ready.stream().filter(q -> q != null).count();
            // Said once the queue pairs are set up: what follows is the stream itself.
            events.accept("streaming over " + lanes.size() + " lane" + (lanes.size() == 1 ? "" : "s") + " (" + answering + " set up): "
                    + String.join(", ", names));
            m = new MultipathStream(names, ready, problems, settings, rebuilder.requests::add, events, System.nanoTime());
            rebuilder.start();
            loop(m, rebuilder, lanes, durationMs, stop);
            rebuilder.finish();
            int k = rebuilder.next;
            w.send("DONE " + client.key().mac("C" + k, n[0], n[1], "done") + " done");
            Map<String, String> counts = ProbeWire.fields(client.signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "DONE", "S" + k, n,
                    peer)[2]);
            StreamResult r = m.result(peer.toString(), System.nanoTime());
            return r.withPeerCounts(count(counts, "delivered"), count(counts, "duplicates"), count(counts, "refused"));
        } catch (VerbsException e) {
            return failed(m, peer, t0, e.getMessage());
        } catch (SocketTimeoutException e) {
            return failed(m, peer, t0, "the responder at " + peer + " stopped answering the probe exchange");
        } catch (IOException e) {
            return failed(m, peer, t0, "probe connection to " + peer + " broke: " + e.getMessage());
        } finally {
            if (rebuilder != null) {
                rebuilder.finish();
            }
            if (m != null) {
                m.closeLanes();
            }
            contexts.close(); // after the queue pairs: a device closed under its queue pairs is a use-after-free
        }
    }

    /** The stream for its time, then what is in flight until acknowledged (or the drain's deadline). */
    private void loop(MultipathStream m, LaneRebuilder rebuilder, List<LanePath> lanes, long durationMs, BooleanSupplier stop) {
        long end = System.nanoTime() + durationMs * 1_000_000L;
        long drainEnd = Long.MAX_VALUE;
        int idle = 0;
        long mapAt = 0;
        Set<String> wasDown = Set.of();
        while (m.failed() == null) {
            long now = System.nanoTime();
            if (now - mapAt >= MAP_EVERY_NANOS) {
                mapAt = now;
                wasDown = followMap(m, lanes, down.now(), wasDown, now);
            }
            if (drainEnd == Long.MAX_VALUE && (now >= end || stop.getAsBoolean())) {
                m.stopSending();
                drainEnd = now + Math.max(3_000, 4L * settings.stallMs()) * 1_000_000L;
            }
            if (drainEnd != Long.MAX_VALUE && (m.drained() || now >= drainEnd)) {
                return;
            }
            for (Object[] r; (r = rebuilder.results.poll()) != null;) {
                if (r[1] instanceof StreamQp q) {
                    m.install((Integer) r[0], q, now);
                } else {
                    m.rebuildFailed((Integer) r[0], (String) r[1], now);
                }
            }
            if (m.tick(now)) {
                idle = 0;
            } else {
                // Idle a while: sleep longer, so a stream on a busy host (a migration beside it) takes little of a core.
                LockSupport.parkNanos(++idle > 2 ? IDLE_LONG_NANOS : IDLE_NANOS);
            }
        }
    }

    /** A port that has just gone down in the map takes its lanes off the stream (once: the lane's own fate decides the rest). */
    static Set<String> followMap(MultipathStream m, List<LanePath> lanes, Set<String> isDown, Set<String> wasDown, long now) {
        for (int i = 0; i < lanes.size(); i++) {
            String port = lanes.get(i).local().device() + "/" + lanes.get(i).local().port();
            if (isDown.contains(port) && !wasDown.contains(port)) {
                m.laneDown(i, "watch's map: " + port + " stopped carrying", now);
            }
        }
        return isDown;
    }

    private StreamResult failed(MultipathStream m, ProbePeer peer, long t0, String why) {
        if (m != null) {
            return m.result(peer.toString(), System.nanoTime()).withFailure(why);
        }
        return StreamResult.failed(peer.toString(), (System.nanoTime() - t0) / 1_000_000, why);
    }

    private static long count(Map<String, String> f, String name) throws VerbsException {
        try {
            return Long.parseLong(f.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad stream DONE: no " + name);
        }
    }

}
