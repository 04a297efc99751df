package org.networktool.verbscheck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.networktool.layout.RocePortPath;

/**
 * {@code network-tool probe serve}: answers RC ping-pongs from checkers that hold the cluster key,
 * on the address it is told only. Bounded: a connection limit, a line-size limit, timeouts on
 * every wait, at most {@link #MAX_ITERATIONS} round trips of at most {@link #MAX_SIZE} bytes.
 */
public final class ProbeServer implements AutoCloseable {
    static final int MAX_ITERATIONS = 100_000;
    static final int MAX_SIZE = 65_536;
    static final int MAX_FLOW_ROUNDS = 20;
    /** A checker's next line of the exchange: generous, a JVM starting on a loaded host takes seconds (still a bound). */
    private static final int HANDSHAKE_MS = 15_000;
    private final ClusterKey key;
    private final Path sysRoot;
    private final Semaphore slots;
    private final Consumer<String> log;
    private final ServerSocket server;

    public ProbeServer(ClusterKey key, InetSocketAddress listen, Path sysRoot, int maxConnections, Consumer<String> log) throws IOException {
        this.key = key;
        this.sysRoot = sysRoot;
        this.slots = new Semaphore(maxConnections);
        this.log = log;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(listen, 16);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Accepts until {@link #close()}. */
    public void serve() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                log.accept("accept failed: " + e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(s, "busy");
                continue;
            }
            Thread t = new Thread(() -> {
                try (s) {
                    handle(s);
                } catch (IOException e) {
                    log.accept(peer(s) + ": connection broke: " + e.getMessage());
                } finally {
                    slots.release();
                }
            }, "probe-" + peer(s));
            t.setDaemon(true);
            t.start();
        }
    }

    private void handle(Socket s) throws IOException {
        ProbeWire w = new ProbeWire(s);
        try {
            String[] hello = ProbeWire.expect(w.receive(HANDSHAKE_MS), ProbeWire.VERSION + " HELLO", 3);
            String nonceC = hello[2];
            if (!nonceC.matches("[0-9a-f]{32}")) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "bad nonce");
            }
            String nonceS = ProbeWire.nonce();
            w.send(ProbeWire.VERSION + " CHALLENGE " + nonceS + " " + key.mac("S1", nonceC, nonceS));
            String line = w.receive(HANDSHAKE_MS);
            String[] req = ProbeWire.expect(line, line.startsWith("PATHS ") ? "PATHS" : line.startsWith("FLOWS ") ? "FLOWS"
                    : line.startsWith("STREAM ") ? "STREAM" : "VERBS", 3);
            if (!key.verify(req[1], "C1", nonceC, nonceS, req[2])) {
                w.send("ERROR auth");
                log.accept(peer(s) + ": refused, wrong cluster key");
                return;
            }
            if (req[0].equals("PATHS")) {
                List<RocePortPath> mine = PortPaths.local(Verbs.load(), sysRoot);
                StringBuilder reply = new StringBuilder();
                for (RocePortPath p : mine.subList(0, Math.min(mine.size(), 40))) {
                    reply.append(reply.length() == 0 ? "" : " ").append("path=").append(PortPaths.encode(p));
                }
                w.send("PATHS " + key.mac("S2", nonceC, nonceS, reply.toString()) + " " + reply);
                log.accept(peer(s) + ": told " + mine.size() + " RoCE path" + (mine.size() == 1 ? "" : "s"));
                return;
            }
            if (req[0].equals("STREAM")) {
                log.accept(peer(s) + ": stream started");
                new StreamResponder(this, key, w, nonceC, nonceS, s.getLocalAddress(), m -> log.accept(peer(s) + ": " + m)).serve(req[2]);
                return;
            }
            if (req[0].equals("FLOWS")) {
                serveFlows(w, s, nonceC, nonceS, req[2]);
                return;
            }
            Map<String, String> f = ProbeWire.fields(req[2]);
            int iterations = bounded(f.get("iterations"), 1, MAX_ITERATIONS, "iterations");
            int size = bounded(f.get("size"), 8, MAX_SIZE, "size");
            int label = f.containsKey("label") ? bounded(f.get("label"), 1, FlowLabels.MAX, "label") : 0;
            QpInfo remote = QpInfo.decode(req[2]);
            RocePath path = answeringPath(s.getLocalAddress(), f.get("at"), remote);
            try (RdmaContext ctx = Verbs.load().open(path.device()); RcEndpoint e = RcEndpoint.open(ctx, path, size)) {
                String reply = e.local().encode();
                e.connect(remote, label);
                w.send("READY " + key.mac("S2", nonceC, nonceS, reply) + " " + reply);
                PingPong.server(e, iterations, HANDSHAKE_MS, 2000);
                log.accept(peer(s) + ": " + iterations + " round trips on " + path.device() + " port " + path.port() + " GID index " + path.gidIndex());
            }
        } catch (VerbsException e) {
            log.accept(peer(s) + ": " + e.failure().label() + ": " + e.getMessage());
            if (!s.isClosed() && e.failure() != VerbsFailure.TIMEOUT && e.failure() != VerbsFailure.RETRY_EXCEEDED) {
                try {
                    w.send("ERROR " + e.getMessage().replaceAll("[^\\x20-\\x7e]", "?"));
                } catch (SocketException ignored) {
                    // the checker is gone already
                }
            }
        }
    }

    /** A flow-label probe: one queue pair per label the checker sent, each connected with that label, echoed until DONE. */
    private void serveFlows(ProbeWire w, Socket s, String nonceC, String nonceS, String body) throws IOException, VerbsException {
        Map<String, String> f = ProbeWire.fields(body);
        int rounds = bounded(f.get("rounds"), 1, MAX_FLOW_ROUNDS, "rounds");
        int roundMs = bounded(f.get("roundms"), 10, 10_000, "roundms");
        FlowSet remote = FlowSet.decode(body);
        RocePath path = answeringPath(s.getLocalAddress(), f.get("at"), remote.qp(0));
        List<RcEndpoint> endpoints = new ArrayList<>();
        // The queue pairs are destroyed before their device is closed (try-with-resources closes it before any finally).
        try (RdmaContext ctx = Verbs.load().open(path.device()); FlowProber.Closer closer = () -> endpoints.forEach(RcEndpoint::close)) {
            List<FlowSet.Flow> mine = new ArrayList<>();
            for (int i = 0; i < remote.flows().size(); i++) {
                RcEndpoint e = RcEndpoint.open(ctx, path, FlowProber.MESSAGE_SIZE);
                endpoints.add(e);
                e.connect(remote.qp(i), remote.flows().get(i).label());
                QpInfo q = e.local();
                mine.add(new FlowSet.Flow(q.qpn(), q.psn(), remote.flows().get(i).label()));
            }
            QpInfo first = endpoints.get(0).local();
            String reply = new FlowSet(first.gid(), first.mtu(), mine).encode();
            w.send("FLOWS " + key.mac("S2", nonceC, nonceS, reply) + " " + reply);
            long waitMs = HANDSHAKE_MS + (long) rounds * roundMs;
            int[] received = FlowEcho.serve(endpoints, rounds, System.nanoTime() + waitMs * 1_000_000L, w::hasInput);
            ProbeWire.expect(w.receive((int) waitMs), "DONE", 1);
            String counts = "received=" + java.util.Arrays.stream(received).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            w.send("DONE " + key.mac("S3", nonceC, nonceS, counts) + " " + counts);
            long full = java.util.Arrays.stream(received).filter(n -> n == rounds).count();
            log.accept(peer(s) + ": flow-label probe, " + received.length + " queue pairs on " + path.device() + " port " + path.port()
                    + " GID index " + path.gidIndex() + ", " + full + " received all " + rounds + " rounds");
        }
    }

    /**
     * The checker names one of the GIDs this end advertises ({@code at}), or none: then the RoCE v2 GID of the address the
     * exchange reached. A link-local pair needs the checker's MAC in this kernel's neighbour table before RTR.
     */
    RocePath answeringPath(InetAddress local, String at, QpInfo remote) throws VerbsException {
        if (at == null) {
            return RocePath.find(Verbs.load(), null, local.getHostAddress(), sysRoot);
        }
        String gid;
        try {
            gid = GidBytes.format(GidBytes.parse(at));
        } catch (IllegalArgumentException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad at= GID: " + at);
        }
        for (RocePortPath p : PortPaths.local(Verbs.load(), sysRoot)) {
            if (p.gid().equals(gid)) {
                if (p.isLinkLocal() && remote.gid().startsWith("fe80:")) {
                    log.accept("neighbour for " + remote.gid() + ": " + NeighbourSeed.seed(remote.gid(), p.netdev()));
                }
                return RocePath.of(Verbs.load(), p);
            }
        }
        throw new VerbsException(VerbsFailure.NO_GID, "this responder has no RoCE v2 GID " + gid + " (any more): ask PATHS again");
    }

    static int bounded(String v, int min, int max, String what) throws VerbsException {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new VerbsException(VerbsFailure.PROTOCOL, what + " must be " + min + ".." + max);
    }

    private static void refuse(Socket s, String why) {
        try (s) {
            s.getOutputStream().write(("ERROR " + why + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // refused either way
        }
    }

    private static String peer(Socket s) {
        return String.valueOf(s.getRemoteSocketAddress()).replaceFirst("^/", "");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
