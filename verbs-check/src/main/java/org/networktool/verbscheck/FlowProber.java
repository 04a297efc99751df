package org.networktool.verbscheck;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.RocePortPath;

/**
 * {@code path-probe --verbs}: path detection where packet taps see nothing, on hardware RoCE. From a member's own RDMA
 * path, one RC queue pair per GRH flow label (hence per UDP source port, {@link FlowLabels}) to a peer's
 * {@code probe serve}, all connected at once, then {@code rounds} ping-pongs on each within one budget ({@link FlowRounds}). A
 * queue pair whose replies land on another NIC stalls (that NIC's RDMA function does not own the GID): its label is
 * one the storage layer must not use from this member. The peer says how many requests each queue pair received, so a
 * lost reply is told from a lost request ({@link FlowVerdict}).
 */
public final class FlowProber {
    /** The ping-pong message: a stamp and a little padding, small enough for any MTU. */
    static final int MESSAGE_SIZE = 64;
    private final ProbeClient client;
    private final Settings settings;

    /** Labels {@code firstLabel .. firstLabel+labels-1}, {@code rounds} ping-pongs each, {@code roundMs} for every round. */
    public record Settings(int firstLabel, int labels, int rounds, int roundMs) {
        public Settings {
            if (firstLabel < 1 || labels < 1 || labels > FlowSet.MAX_FLOWS || firstLabel + labels - 1 > FlowLabels.MAX
                    || rounds < 1 || rounds > ProbeServer.MAX_FLOW_ROUNDS || roundMs < 10 || roundMs > 10_000) {
                throw new IllegalArgumentException("flow probe settings out of range: " + firstLabel + "+" + labels + " x" + rounds + " " + roundMs
                        + " ms");
            }
        }
    }

    public FlowProber(ProbeClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** From every member's own path ({@code members}: member → path) to every link-local RoCE port {@code peer} advertises. */
    public List<MemberFlowResult> fromMembers(Map<String, RocePath> members, ProbePeer peer) {
        List<MemberFlowResult> out = new ArrayList<>();
        List<RocePortPath> theirs;
        try {
            theirs = VerbsCheck.linkLocalPorts(client, peer);
        } catch (VerbsException e) {
            members.forEach((m, p) -> out.add(new MemberFlowResult(m, p.mac(), FlowPathResult.failed(peer.host(), p, settings.rounds(), e, 0))));
            return out;
        }
        for (Map.Entry<String, RocePath> m : members.entrySet()) {
            for (RocePortPath p : theirs) {
                out.add(new MemberFlowResult(m.getKey(), m.getValue().mac(), probe(m.getValue(), peer, p)));
            }
        }
        return out;
    }

    /** One local path to one advertised port of the peer. Never throws: a failure comes back named. */
    public FlowPathResult probe(RocePath local, ProbePeer peer, RocePortPath at) {
        String peerPort = peer.host() + " " + at.device() + "/" + at.port();
        long t0 = System.nanoTime();
        List<RcEndpoint> endpoints = new ArrayList<>();
        try (Socket s = new Socket()) {
            client.connect(s, local, peer);
            ProbeWire w = new ProbeWire(s);
            String[] n = client.handshake(w, peer);
            // The queue pairs are destroyed before their device is closed (try-with-resources closes it before any finally).
            try (RdmaContext ctx = client.verbs().open(local.device()); Closer closer = () -> endpoints.forEach(RcEndpoint::close)) {
                List<FlowSet.Flow> mine = new ArrayList<>();
                for (int i = 0; i < settings.labels(); i++) {
                    RcEndpoint e = RcEndpoint.open(ctx, local, MESSAGE_SIZE);
                    endpoints.add(e);
                    QpInfo q = e.local();
                    mine.add(new FlowSet.Flow(q.qpn(), q.psn(), settings.firstLabel() + i));
                }
                QpInfo first = endpoints.get(0).local();
                String request = "rounds=" + settings.rounds() + " roundms=" + settings.roundMs() + " at=" + at.gid() + " "
                        + new FlowSet(first.gid(), first.mtu(), mine).encode();
                w.send("FLOWS " + client.key().mac("C1", n[0], n[1], request) + " " + request);
                String[] reply = client.signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "FLOWS", "S2", n, peer);
                FlowSet theirs = FlowSet.decode(reply[2]);
                if (theirs.flows().size() != mine.size()) {
                    throw new VerbsException(VerbsFailure.PROTOCOL, peer + " answered " + theirs.flows().size() + " queue pairs for " + mine.size());
                }
                for (int i = 0; i < mine.size(); i++) {
                    endpoints.get(i).connect(theirs.qp(i), mine.get(i).label());
                }
                long setupMs = (System.nanoTime() - t0) / 1_000_000;
                long p0 = System.nanoTime();
                long[][] rtts = rounds(endpoints, settings);
                long probeMs = (System.nanoTime() - p0) / 1_000_000;
                w.send("DONE");
                String[] done = client.signed(w.receive(client.connectTimeoutMs() + ProbeClient.READY_MS), "DONE", "S3", n, peer);
                int[] received = counts(done[2], mine.size());
                List<FlowResult> flows = new ArrayList<>();
                for (int i = 0; i < mine.size(); i++) {
                    int label = mine.get(i).label();
                    long[] ok = Arrays.stream(rtts[i]).filter(t -> t > 0).toArray();
                    flows.add(new FlowResult(label, FlowLabels.udpSourcePort(label), FlowVerdict.of(settings.rounds(), ok.length, received[i]),
                            ok.length, received[i], ok.length == 0 ? null : Latency.of(ok).medianUs()));
                }
                return new FlowPathResult(peerPort, local, settings.rounds(), flows, setupMs, probeMs, null, null);
            }
        } catch (VerbsException e) {
            return FlowPathResult.failed(peerPort, local, settings.rounds(), e, (System.nanoTime() - t0) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return FlowPathResult.failed(peerPort, local, settings.rounds(), new VerbsException(VerbsFailure.TIMEOUT,
                    "the responder at " + peer + " stopped answering the probe exchange"), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return FlowPathResult.failed(peerPort, local, settings.rounds(), new VerbsException(VerbsFailure.PROTOCOL,
                    "probe connection to " + peer + " broke: " + e.getMessage()), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Closing that throws nothing: resources of a try-with-resources, closed in reverse order. */
    interface Closer extends AutoCloseable {
        @Override
        void close();
    }

    /** The endpoints as the rounds' lanes. */
    private static long[][] rounds(List<RcEndpoint> endpoints, Settings settings) {
        List<FlowRounds.Lane> lanes = endpoints.stream().<FlowRounds.Lane>map(e -> new FlowRounds.Lane() {
            @Override
            public void send(int round) throws VerbsException {
                e.stamp(round);
                e.postSend();
            }

            @Override
            public boolean answered() throws VerbsException {
                return e.poll(1, 1);
            }

            @Override
            public long echoed() {
                return e.stamp();
            }

            @Override
            public void rearm() throws VerbsException {
                e.postRecv();
            }
        }).toList();
        return FlowRounds.run(lanes, settings.rounds(), settings.roundMs() * 1_000_000L, System::nanoTime);
    }

    private static int[] counts(String body, int n) throws VerbsException {
        String v = ProbeWire.fields(body).get("received");
        if (v == null || !v.matches("[0-9]{1,3}(,[0-9]{1,3}){0," + (FlowSet.MAX_FLOWS - 1) + "}")) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad DONE counts: " + body);
        }
        int[] c = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        if (c.length != n) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "DONE counted " + c.length + " queue pairs for " + n);
        }
        return c;
    }

    /** Grouped for reports: member → its results, in probe order. */
    public static Map<String, List<MemberFlowResult>> byMember(List<MemberFlowResult> results) {
        Map<String, List<MemberFlowResult>> m = new LinkedHashMap<>();
        results.forEach(r -> m.computeIfAbsent(r.member(), k -> new ArrayList<>()).add(r));
        return m;
    }
}
