package org.networktool.verbscheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.networktool.layout.RocePortPath;

/** The checking end of an RC ping-pong against {@code network-tool probe serve}. */
public final class ProbeClient {
    /** The responder's queue pair setup: device, QP, and RTR (address resolution, up to a second on its own); generous for a loaded host. */
    static final int READY_MS = 15_000;
    private final Verbs verbs;
    private final ClusterKey key;
    private final int connectTimeoutMs;

    public ProbeClient(Verbs verbs, ClusterKey key, int connectTimeoutMs) {
        this.verbs = verbs;
        this.key = key;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /** Never throws: a failure comes back named in the result. */
    public PeerResult ping(RocePath local, ProbePeer peer, int iterations, int size) {
        return ping(local, peer, null, iterations, size);
    }

    /**
     * As above, answered on the peer's GID {@code at} (one it advertised, see {@link #paths}); null: on the RoCE v2 GID of the
     * peer's probe address.
     */
    public PeerResult ping(RocePath local, ProbePeer peer, String at, int iterations, int size) {
        return ping(local, peer, at, 0, iterations, size);
    }

    /**
     * As above, both queue pairs with the GRH flow label {@code flowLabel} (0: derived from the queue pair numbers): the UDP
     * source port a port-channel hashes, see {@link FlowLabels}.
     */
    public PeerResult ping(RocePath local, ProbePeer peer, String at, int flowLabel, int iterations, int size) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            connect(s, local, peer);
            ProbeWire w = new ProbeWire(s);
            String[] n = handshake(w, peer);
            String nonceC = n[0];
            String nonceS = n[1];
            try (RdmaContext ctx = verbs.open(local.device()); RcEndpoint e = RcEndpoint.open(ctx, local, size)) {
                String request = "iterations=" + iterations + " size=" + size + " " + e.local().encode() + (at == null ? "" : " at=" + at)
                        + (flowLabel == 0 ? "" : " label=" + flowLabel);
                w.send("VERBS " + key.mac("C1", nonceC, nonceS, request) + " " + request);
                String line = w.receive(connectTimeoutMs + READY_MS);
                if (line.equals("ERROR auth")) {
                    throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder at " + peer + " refused this cluster key");
                }
                String[] ready = ProbeWire.expect(line, "READY", 3);
                if (!key.verify(ready[1], "S2", nonceC, nonceS, ready[2])) {
                    throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder's queue pair reply from " + peer + " is not signed with this key");
                }
                e.connect(QpInfo.decode(ready[2]), flowLabel);
                long setupMs = (System.nanoTime() - t0) / 1_000_000;
                Latency lat = PingPong.client(e, iterations, 2000);
                return PeerResult.passed(peer.toString(), local, lat, setupMs);
            }
        } catch (VerbsException e) {
            return PeerResult.failed(peer.toString(), local, e, (System.nanoTime() - t0) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return PeerResult.failed(peer.toString(), local, new VerbsException(VerbsFailure.TIMEOUT,
                    "the responder at " + peer + " stopped answering the probe exchange"), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return PeerResult.failed(peer.toString(), local, new VerbsException(VerbsFailure.PROTOCOL,
                    "probe connection to " + peer + " broke: " + e.getMessage()), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The RoCE ends the peer advertises (device, port, GID, MAC, netdev), over the authenticated exchange. */
    public List<RocePortPath> paths(ProbePeer peer) throws VerbsException {
        try (Socket s = new Socket()) {
            connect(s, null, peer);
            ProbeWire w = new ProbeWire(s);
            String[] n = handshake(w, peer);
            w.send("PATHS " + key.mac("C1", n[0], n[1], "list") + " list");
            String line = w.receive(connectTimeoutMs + READY_MS);
            if (line.equals("ERROR auth")) {
                throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder at " + peer + " refused this cluster key");
            }
            String[] reply = ProbeWire.expect(line, "PATHS", 3);
            String body = reply.length > 2 ? reply[2] : "";
            if (!key.verify(reply[1], "S2", n[0], n[1], body)) {
                throw new VerbsException(VerbsFailure.AUTH_FAILED, "the path list from " + peer + " is not signed with this key");
            }
            List<RocePortPath> out = new ArrayList<>();
            for (Map.Entry<String, String> f : ProbeWire.fieldList(body)) {
                if (f.getKey().equals("path")) {
                    out.add(PortPaths.decode(f.getValue()));
                }
            }
            return out;
        } catch (SocketTimeoutException e) {
            throw new VerbsException(VerbsFailure.TIMEOUT, "the responder at " + peer + " stopped answering the probe exchange");
        } catch (IOException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "probe connection to " + peer + " broke: " + e.getMessage());
        }
    }

    /** A reply line that must start with {@code head} and carry {@code role}'s MAC over its body: its fields (the body last). */
    String[] signed(String line, String head, String role, String[] n, ProbePeer peer) throws VerbsException {
        if (line.equals("ERROR auth")) {
            throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder at " + peer + " refused this cluster key");
        }
        String[] f = ProbeWire.expect(line, head, 3);
        if (!key.verify(f[1], role, n[0], n[1], f[2])) {
            throw new VerbsException(VerbsFailure.AUTH_FAILED, "the " + head + " reply from " + peer + " is not signed with this key");
        }
        return f;
    }

    ClusterKey key() {
        return key;
    }

    Verbs verbs() {
        return verbs;
    }

    int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** HELLO / CHALLENGE: the responder proves it holds the key; returns {nonceC, nonceS}. */
    String[] handshake(ProbeWire w, ProbePeer peer) throws IOException, VerbsException {
        String nonceC = ProbeWire.nonce();
        w.send(ProbeWire.VERSION + " HELLO " + nonceC);
        String[] ch = ProbeWire.expect(w.receive(connectTimeoutMs), ProbeWire.VERSION + " CHALLENGE", 4);
        String nonceS = ch[2];
        if (!key.verify(ch[3], "S1", nonceC, nonceS)) {
            throw new VerbsException(VerbsFailure.AUTH_FAILED, "the responder at " + peer + " does not hold this cluster key"
                    + " (is --key-file the same file as on the peer?)");
        }
        return new String[] {nonceC, nonceS};
    }

    void connect(Socket s, RocePath local, ProbePeer peer) throws VerbsException {
        try {
            // From the GID's own address where it has one: the exchange takes the path the RoCE traffic will. A member's
            // link-local path has no address the exchange could leave from; it goes from the storage IP.
            if (local != null && local.ip() != null && local.ip().contains(".")) {
                s.bind(new InetSocketAddress(local.ip(), 0));
            }
            s.connect(new InetSocketAddress(peer.host(), peer.port()), connectTimeoutMs);
        } catch (IOException e) {
            throw new VerbsException(VerbsFailure.PEER_UNREACHABLE, "no probe responder reached at " + peer
                    + (local == null ? "" : " from " + local.ip()) + " ("
                    + e.getMessage() + "): is network-tool probe serve running there, and the path up?");
        }
    }
}
