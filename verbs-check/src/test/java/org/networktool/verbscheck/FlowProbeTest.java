package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The flow-label probe's values and wire, without RDMA: the queue pairs themselves run in the tier-2 lab (Tier2LabIT). */
class FlowProbeTest {
    private static final String GID = "fe80:0000:0000:0000:5054:00ff:fe12:0001";

    @Test
    void aFlowLabelGivesTheUdpSourcePortTheKernelComputes() {
        // rdma_flow_label_to_udp_sport: the low 14 bits XOR the high 6, from 0xC000 up.
        assertEquals(49153, FlowLabels.udpSourcePort(1));
        assertEquals(49216, FlowLabels.udpSourcePort(64));
        assertEquals(49153, FlowLabels.udpSourcePort(0x4000), "the high bits fold onto the low ones");
        assertEquals(0xFFC0, FlowLabels.udpSourcePort(0xFFFFF));
        assertThrows(IllegalArgumentException.class, () -> FlowLabels.udpSourcePort(0x100000));
        assertThrows(IllegalArgumentException.class, () -> FlowLabels.udpSourcePort(-1));
    }

    @Test
    void aFlowSetTravelsIntactAndAHostileOneIsAProtocolError() throws Exception {
        FlowSet s = new FlowSet(GID, 3, List.of(new FlowSet.Flow(17, 0xffffff, 1), new FlowSet.Flow(0xffffff, 0, FlowLabels.MAX)));
        assertEquals(s, FlowSet.decode(s.encode()));
        assertEquals(new QpInfo(0xffffff, 0, GID, 3), s.qp(1));
        List<String> bad = new ArrayList<>(List.of("gid=" + GID + " mtu=3 flows=1.2", "gid=" + GID + " mtu=3 flows=1.2.1048576",
                "gid=" + GID + " mtu=3 flows=16777216.1.1", "gid=" + GID + " mtu=3 flows=1.1.a", "gid=" + GID + " mtu=9 flows=1.1.1",
                "gid=nonsense mtu=3 flows=1.1.1", "mtu=3 flows=1.1.1", "gid=" + GID + " mtu=3", "gid=" + GID + " mtu=3 flows=1..1",
                "gid=" + GID + " mtu=3 flows=,"));
        bad.add("gid=" + GID + " mtu=3 flows=" + String.join(",", java.util.Collections.nCopies(FlowSet.MAX_FLOWS + 1, "1.1.1")));
        for (String b : bad) {
            VerbsException e = assertThrows(VerbsException.class, () -> FlowSet.decode(b), b);
            assertEquals(VerbsFailure.PROTOCOL, e.failure(), b);
        }
    }

    @Test
    void theVerdictTellsALostReplyFromALostRequest() {
        assertEquals(FlowVerdict.STABLE, FlowVerdict.of(3, 3, 3));
        assertEquals(FlowVerdict.REPLIES_LOST, FlowVerdict.of(3, 0, 1));
        assertEquals(FlowVerdict.REQUESTS_LOST, FlowVerdict.of(3, 0, 0));
        assertEquals(FlowVerdict.UNSTABLE, FlowVerdict.of(3, 1, 2));
    }

    @Test
    void settingsOutsideWhatAResponderAcceptsAreRefusedBeforeAnythingIsSent() {
        new FlowProber.Settings(1, 64, 3, 1000);
        for (int[] s : List.of(new int[] {0, 64, 3, 1000}, new int[] {1, FlowSet.MAX_FLOWS + 1, 3, 1000}, new int[] {FlowLabels.MAX, 2, 3, 1000},
                new int[] {1, 64, ProbeServer.MAX_FLOW_ROUNDS + 1, 1000}, new int[] {1, 64, 3, 5})) {
            assertThrows(IllegalArgumentException.class, () -> new FlowProber.Settings(s[0], s[1], s[2], s[3]), java.util.Arrays.toString(s));
        }
    }

    @Test
    void theResponderChecksAFlowRequestBeforeAnyVerbsCall() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        ClusterKey key = ClusterKey.of("the-right-cluster-key");
        try (ProbeServer server = new ProbeServer(key, new InetSocketAddress("127.0.0.1", 0), Path.of("/"), 2, log::add)) {
            Thread t = new Thread(server::serve);
            t.setDaemon(true);
            t.start();
            String many = String.join(",", java.util.Collections.nCopies(FlowSet.MAX_FLOWS + 1, "1.1.1"));
            assertTrue(flows(server, key, "rounds=3 roundms=1000 at=" + GID + " gid=" + GID + " mtu=3 flows=" + many)
                    .contains("more than " + FlowSet.MAX_FLOWS + " flows"));
            assertTrue(flows(server, key, "rounds=99 roundms=1000 at=" + GID + " gid=" + GID + " mtu=3 flows=1.1.1").contains("rounds must be"));
            // A well-formed request gets as far as this machine's RDMA ports: there are none, so no such GID.
            assertTrue(flows(server, key, "rounds=3 roundms=1000 at=" + GID + " gid=" + GID + " mtu=3 flows=1.1.1,2.2.2")
                    .contains("has no RoCE v2 GID"));
        }
    }

    /** One signed FLOWS request by hand; the responder's answer line. */
    private static String flows(ProbeServer server, ClusterKey key, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = s.getOutputStream();
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String nonceC = "ab".repeat(16);
            out.write((ProbeWire.VERSION + " HELLO " + nonceC + "\n").getBytes(StandardCharsets.US_ASCII));
            String nonceS = r.readLine().split(" ")[2];
            out.write(("FLOWS " + key.mac("C1", nonceC, nonceS, request) + " " + request + "\n").getBytes(StandardCharsets.US_ASCII));
            return r.readLine();
        }
    }
}
