package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path probe's pieces that need no member netdev: datagrams, the responder, the kernel filter, the classification. */
class PathProbeTest {
    private static final ClusterKey KEY = ClusterKey.of("a-cluster-key-of-32-characters!!");
    private static final String RUN = "0123456789abcdef";

    private static TapFrame out(String member, int sport) {
        return new TapFrame(member, true, "192.0.2.1", sport, "192.0.2.2", 4791, PathWire.request(KEY, RUN, "192.0.2.1", sport, "192.0.2.2", 4791), 0);
    }

    private static TapFrame in(String member, int sport) {
        return new TapFrame(member, false, "192.0.2.2", 4791, "192.0.2.1", sport, PathWire.reply(KEY, RUN, "192.0.2.1", sport, "192.0.2.2", 4791), 0);
    }

    @Test
    void eachTupleIsJudgedByTheMembersItsRequestAndReplyCrossed() {
        List<PathClassifier.Probe> probes = List.of(new PathClassifier.Probe(49152, 0, 100_000), new PathClassifier.Probe(49153, 0, 200_000),
                new PathClassifier.Probe(49154, 0, -1), new PathClassifier.Probe(49155, 0, 50_000), new PathClassifier.Probe(49156, 0, 60_000));
        List<TapFrame> frames = new ArrayList<>(List.of(out("ens1f0", 49152), in("ens1f0", 49152), out("ens1f0", 49153), in("ens2f0", 49153),
                out("ens2f0", 49154), out("ens2f0", 49155), in("ens2f0", 49155), in("ens1f0", 49156)));
        // Noise the classifier must not count: another run, the wrong direction, another peer.
        frames.add(new TapFrame("ens1f0", true, "192.0.2.1", 49156, "192.0.2.2", 4791, "NTPATH/1 Q ffffffffffffffff x", 0));
        frames.add(new TapFrame("ens2f0", false, "192.0.2.1", 49156, "192.0.2.2", 4791, PathWire.request(KEY, RUN, "192.0.2.1", 49156, "192.0.2.2", 4791), 0));
        frames.add(new TapFrame("ens2f0", false, "192.0.2.9", 4791, "192.0.2.1", 49155, PathWire.reply(KEY, RUN, "192.0.2.1", 49155, "192.0.2.9", 4791), 0));
        List<TupleResult> r = PathClassifier.classify(RUN, "192.0.2.1", "192.0.2.2", 4791, probes, frames);
        assertEquals(List.of(TupleVerdict.SYMMETRIC, TupleVerdict.ASYMMETRIC, TupleVerdict.LOST, TupleVerdict.SYMMETRIC, TupleVerdict.UNSEEN),
                r.stream().map(TupleResult::verdict).toList());
        assertEquals("ens2f0", r.get(1).receivedOn());
        assertEquals(100.0, r.get(0).rttUs());
        assertNull(r.get(2).rttUs());
        assertNull(r.get(4).sentOn(), "the request of 49156 was seen on no member");

        PathReport report = PathReport.of("192.0.2.2", 4791, "192.0.2.1", List.of("ens1f0", "ens2f0"), r, 0, 10);
        MemberPaths a = report.byMember().get(0);
        MemberPaths b = report.byMember().get(1);
        assertEquals(List.of(2, 1, 1, 0, Map.of("ens2f0", 1), List.of(49152)), List.of(a.sent(), a.symmetric(), a.asymmetric(), a.lost(), a.returnedOn(), a.symmetricPorts()));
        assertEquals(List.of(2, 1, 0, 1, List.of(49155)), List.of(b.sent(), b.symmetric(), b.asymmetric(), b.lost(), b.symmetricPorts()));
        assertEquals(Map.of(), report.weakMembers(1));
        assertEquals(Map.of("ens1f0", 1, "ens2f0", 1), report.weakMembers(2));
    }

    @Test
    void aReplyIsSignedForItsOwnFiveTupleOnly() {
        String q = PathWire.request(KEY, RUN, "192.0.2.1", 49152, "192.0.2.2", 4791);
        assertEquals(q.length(), PathWire.reply(KEY, RUN, "192.0.2.1", 49152, "192.0.2.2", 4791).length(), "no amplification");
        assertTrue(PathWire.verify(KEY, q, 'Q', "192.0.2.1", 49152, "192.0.2.2", 4791));
        assertFalse(PathWire.verify(KEY, q, 'Q', "192.0.2.1", 49153, "192.0.2.2", 4791), "replayed from another port");
        assertFalse(PathWire.verify(KEY, q, 'Q', "192.0.2.7", 49152, "192.0.2.2", 4791), "replayed from another address");
        assertFalse(PathWire.verify(KEY, q, 'A', "192.0.2.1", 49152, "192.0.2.2", 4791), "a request is not a reply");
        assertFalse(PathWire.verify(ClusterKey.of("another-key-of-32-characters!!!!"), q, 'Q', "192.0.2.1", 49152, "192.0.2.2", 4791));
        assertNull(PathWire.run("NTPATH/1 Q nothex " + "0".repeat(32), 'Q'));
    }

    @Test
    void theResponderAnswersSignedRequestsAndIgnoresTheRest() throws Exception {
        List<String> log = new ArrayList<>();
        try (PathResponder r = new PathResponder(KEY, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), log::add);
             DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread t = new Thread(r::serve);
            t.setDaemon(true);
            t.start();
            s.setSoTimeout(2000);
            int port = r.address().getPort();
            byte[] bad = PathWire.request(ClusterKey.of("another-key-of-32-characters!!!!"), RUN, "127.0.0.1", s.getLocalPort(), "127.0.0.1", port)
                    .getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bad, bad.length, r.address()));
            byte[] good = PathWire.request(KEY, RUN, "127.0.0.1", s.getLocalPort(), "127.0.0.1", port).getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(good, good.length, r.address()));
            DatagramPacket p = new DatagramPacket(new byte[256], 256);
            s.receive(p);
            String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            assertTrue(PathWire.verify(KEY, reply, 'A', "127.0.0.1", s.getLocalPort(), "127.0.0.1", port), reply);
            s.setSoTimeout(300);
            assertThrowsTimeout(s);
        }
    }

    private static void assertThrowsTimeout(DatagramSocket s) throws Exception {
        try {
            s.receive(new DatagramPacket(new byte[256], 256));
            throw new AssertionError("the unsigned request was answered");
        } catch (java.net.SocketTimeoutException expected) {
            // only the signed request had an answer
        }
    }

    /** The member filter is tcpdump's "ip and udp port 4791" for raw IP (tcpdump -ddd -y RAW), the version test done on skb->protocol. */
    @Test
    void theKernelFilterIsTcpdumpsUdpPortProgram() {
        long[][] tcpdump = {{48, 0, 0, 0}, {84, 0, 0, 240}, {21, 0, 10, 64}, {48, 0, 0, 9}, {21, 0, 8, 17}, {40, 0, 0, 6}, {69, 6, 0, 8191},
            {177, 0, 0, 0}, {72, 0, 0, 0}, {21, 2, 0, 4791}, {72, 0, 0, 2}, {21, 0, 1, 4791}, {6, 0, 0, 262144}, {6, 0, 0, 0}};
        long[] ours = PacketTap.filter(4791);
        assertEquals(13, ours.length);
        assertEquals(0x28, ours[0] >>> 48, "ldh skb->protocol");
        assertEquals(0xfffff000L, ours[0] & 0xffffffffL);
        assertEquals(List.of(0x15L, 0L, 10L, 0x800L), fields(ours[1]));
        for (int i = 2; i < 12; i++) {
            long[] t = tcpdump[i + 1];
            List<Long> want = List.of(t[0], t[1], t[2], i == 11 ? 160L : t[3]);
            assertEquals(want, fields(ours[i]), "instruction " + i);
        }
        assertEquals(List.of(6L, 0L, 0L, 0L), fields(ours[12]));
    }

    private static List<Long> fields(long insn) {
        return List.of(insn >>> 48, (insn >>> 40) & 0xff, (insn >>> 32) & 0xff, insn & 0xffffffffL);
    }

    @Test
    void aTapFrameIsParsedFromTheIpHeaderOn() {
        byte[] b = new byte[64];
        b[0] = 0x45;
        b[9] = 17;
        byte[] src = {(byte) 192, 0, 2, 1};
        byte[] dst = {(byte) 192, 0, 2, 2};
        System.arraycopy(src, 0, b, 12, 4);
        System.arraycopy(dst, 0, b, 16, 4);
        b[20] = (byte) 0xc0;
        b[21] = 0x00;
        b[22] = 0x12;
        b[23] = (byte) 0xb7;
        byte[] payload = "NTPATH/1 Q x".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(payload, 0, b, 28, payload.length);
        TapFrame f = TapFrame.parse("ens1f0", true, b, 28 + payload.length, 5);
        assertEquals(new TapFrame("ens1f0", true, "192.0.2.1", 49152, "192.0.2.2", 4791, "NTPATH/1 Q x", 5), f);
        b[7] = 1; // a fragment
        assertNull(TapFrame.parse("ens1f0", true, b, 28 + payload.length, 5));
    }
}
