package org.networktool.verbscheck;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    /**
     * The lanes to {@code peer}: from each member's own path ({@code members}, in preference order) to one of the
     * link-local RoCE ports the peer advertises (spread over them), or, on a host without members' own paths (Soft-RoCE),
     * from each of {@code storage} to the peer's storage address.
     */
    public static List<LanePath> lanes(ProbeClient client, Map<String, RocePath> members, List<RocePath> storage, ProbePeer peer, int flowLabel,
            boolean everyPort) throws VerbsException {
        List<LanePath> out = new ArrayList<>();
        if (members.isEmpty()) {
            storage.forEach(p -> out.add(new LanePath(p.device() + "/" + p.port() + " " + p.ip() + " > " + peer.host(), p, null, 0)));
        }
        if (!members.isEmpty() || everyPort) {
            List<org.networktool.layout.RocePortPath> theirs = VerbsCheck.linkLocalPorts(client, peer);
            Map<String, RocePath> own = new java.util.LinkedHashMap<>(members);
            if (everyPort) {
                // Every port's link-local path, not only the members': through a migration they become usable one by one.
                java.util.Set<String> ports = new java.util.HashSet<>();
                own.values().forEach(p -> ports.add(p.device() + "/" + p.port()));
                for (org.networktool.layout.RocePortPath p : PortPaths.local(client.verbs(), java.nio.file.Path.of("/"))) {
                    if (p.isLinkLocal() && ports.add(p.device() + "/" + p.port())) {
                        own.put(p.netdev() == null ? p.device() + "/" + p.port() : p.netdev(), usable(client.verbs(), p));
                    }
                }
            }
            int k = 0;
            for (Map.Entry<String, RocePath> m : own.entrySet()) {
                org.networktool.layout.RocePortPath at = theirs.get(k++ % theirs.size());
                out.add(new LanePath(m.getKey() + " > " + peer.host() + " " + at.device() + "/" + at.port(), m.getValue(), at.gid(), flowLabel));
            }
        }
        if (out.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_GID, "no usable RDMA path to " + peer + " on this host (see verbs-check without --soak)");
        }
        return out.subList(0, Math.min(out.size(), StreamSettings.MAX_LANES));
    }

    /** A port's path; one whose port is down now is a lane all the same (1024-byte MTU until its rebuild finds the port's). */
    private static RocePath usable(Verbs verbs, org.networktool.layout.RocePortPath p) {
        try {
            return RocePath.of(verbs, p);
        } catch (VerbsException e) {
            return new RocePath(p.device(), p.port(), p.gidIndex(), org.networktool.layout.RoceGids.ipOf(p.gid()), 3);
        }
    }

    /**
     * Where a lane's end is now: a GID index can hold another GID after a migration step (a member's MAC changed, the storage
     * IP moved away), so a rebuild looks again: the storage IP's GID on the device, or the port's link-local default GID.
     */
    static RocePath current(Verbs verbs, RocePath was) throws VerbsException {
        if (was.ip() != null && was.ip().contains(".")) {
            return RocePath.find(verbs, was.device(), was.ip(), java.nio.file.Path.of("/"));
        }
        for (org.networktool.layout.RocePortPath p : PortPaths.local(verbs, java.nio.file.Path.of("/"))) {
            if (p.device().equals(was.device()) && p.port() == was.port() && p.isLinkLocal()) {
                return RocePath.of(verbs, p);
            }
        }
        throw new VerbsException(VerbsFailure.NO_GID, was.device() + " port " + was.port() + " has no link-local RoCE v2 GID now");
    }

    private static final long IDLE_NANOS = 100_000;
    private static final long IDLE_LONG_NANOS = 1_000_000;
    private static final long ALIVE_NANOS = 5_000_000_000L;
    /** A lane's rebuilds are spaced 1 s, doubling while they fail, up to 8 s: a path not usable yet costs both ends little. */
    private static final long BACKOFF_NANOS = 1_000_000_000L;
    private static final int MAX_BACKOFF_DOUBLINGS = 3;
    private final ProbeClient client;
    private final StreamSettings settings;
    private final Consumer<String> events;

    public StreamClient(ProbeClient client, StreamSettings settings, Consumer<String> events) {
        this.client = client;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Streams to {@code peer} over {@code lanes} (preference order) for {@code durationMs} or until {@code stop}, then
     * waits for what is in flight and asks the responder what it delivered. Never throws: a failure is in the result.
     */
    public StreamResult run(ProbePeer peer, List<LanePath> lanes, long durationMs, BooleanSupplier stop) {
        long t0 = System.nanoTime();
        Map<String, RdmaContext> contexts = new HashMap<>();
        MultipathStream m = null;
        Rebuilder rebuilder = null;
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
                    q = StreamQp.open(context(contexts, lanes.get(i).local().device()), lanes.get(i).local(), settings.window());
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
            String body = signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "STREAM", "S2", n, peer);
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
            rebuilder = new Rebuilder(w, n, peer, lanes, contexts);
            List<String> names = lanes.stream().map(LanePath::name).toList();
            m = new MultipathStream(names, ready, problems, settings, rebuilder.requests::add, events, System.nanoTime());
            rebuilder.start();
            loop(m, rebuilder, durationMs, stop);
            rebuilder.finish();
            int k = rebuilder.next;
            w.send("DONE " + client.key().mac("C" + k, n[0], n[1], "done") + " done");
            Map<String, String> counts = ProbeWire.fields(signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "DONE", "S" + k, n, peer));
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
            contexts.values().forEach(RdmaContext::close);
        }
    }

    /** The stream for its time, then what is in flight until acknowledged (or the drain's deadline). */
    private void loop(MultipathStream m, Rebuilder rebuilder, long durationMs, BooleanSupplier stop) {
        long end = System.nanoTime() + durationMs * 1_000_000L;
        long drainEnd = Long.MAX_VALUE;
        int idle = 0;
        while (m.failed() == null) {
            long now = System.nanoTime();
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
                LockSupport.parkNanos(++idle > 20 ? IDLE_LONG_NANOS : IDLE_NANOS);
            }
        }
    }

    private StreamResult failed(MultipathStream m, ProbePeer peer, long t0, String why) {
        if (m != null) {
            return m.result(peer.toString(), System.nanoTime()).withFailure(why);
        }
        return StreamResult.failed(peer.toString(), (System.nanoTime() - t0) / 1_000_000, why);
    }

    private RdmaContext context(Map<String, RdmaContext> contexts, String device) throws VerbsException {
        synchronized (contexts) {
            RdmaContext c = contexts.get(device);
            if (c == null) {
                c = client.verbs().open(device);
                contexts.put(device, c);
            }
            return c;
        }
    }

    private String signed(String line, String head, String role, String[] n, ProbePeer peer) throws VerbsException {
        if (line.equals("ERROR auth")) {
            throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder at " + peer + " refused this cluster key");
        }
        String[] f = ProbeWire.expect(line, head, 3);
        if (!client.key().verify(f[1], role, n[0], n[1], f[2])) {
            throw new VerbsException(VerbsFailure.AUTH_FAILED, "the " + head + " reply from " + peer + " is not signed with this key");
        }
        return f[2];
    }

    private static long count(Map<String, String> f, String name) throws VerbsException {
        try {
            return Long.parseLong(f.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad stream DONE: no " + name);
        }
    }

    /** Rebuilds lanes one at a time over the exchange, at most one attempt per lane and second; says ALIVE when idle. */
    private final class Rebuilder extends Thread {
        final LinkedBlockingQueue<Integer> requests = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Object[]> results = new ConcurrentLinkedQueue<>(); // {index, StreamQp or reason}
        private final ProbeWire w;
        private final String[] n;
        private final ProbePeer peer;
        private final List<LanePath> lanes;
        private final Map<String, RdmaContext> contexts;
        private final long[] lastTry;
        private final int[] failedTries;
        private volatile boolean running = true;
        private boolean broken;
        private long lastSent = System.nanoTime();
        int next = 2;

        Rebuilder(ProbeWire w, String[] n, ProbePeer peer, List<LanePath> lanes, Map<String, RdmaContext> contexts) {
            super("stream-rebuild");
            setDaemon(true);
            this.w = w;
            this.n = n;
            this.peer = peer;
            this.lanes = lanes;
            this.contexts = contexts;
            this.lastTry = new long[lanes.size()];
            this.failedTries = new int[lanes.size()];
        }

        @Override
        public void run() {
            while (running) {
                Integer i;
                try {
                    i = requests.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                if (i == null) {
                    if (!broken && now - lastSent > ALIVE_NANOS) {
                        send("ALIVE");
                    }
                    continue;
                }
                long backoff = BACKOFF_NANOS << Math.min(failedTries[i], MAX_BACKOFF_DOUBLINGS);
                long wait = lastTry[i] + backoff - now;
                while (running && wait > 0) {
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

        /** A connected queue pair for lane {@code i}, or why not. */
        private Object rebuild(int i) {
            if (broken) {
                return "the probe exchange with " + peer + " broke: no rebuild";
            }
            LanePath lane = lanes.get(i);
            StreamQp q = null;
            try {
                RocePath now = current(client.verbs(), lane.local());
                RdmaContext ctx = context(contexts, now.device());
                if (lane.at() != null) {
                    resolvable(ctx, now, lane.at());
                }
                q = StreamQp.open(ctx, now, settings.window());
                String body = new StreamWire(i, q.local(), lane.at(), lane.flowLabel()).encode();
                int k = next++;
                send("REBUILD " + client.key().mac("C" + k, n[0], n[1], body) + " " + body);
                String reply = signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "REBUILT", "S" + k, n, peer);
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
}
