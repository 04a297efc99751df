package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe exchange on loopback with the real libibverbs of this machine, which has no RDMA
 * device: keys, refusals and unreachable peers are decided before any verbs call, and the first
 * verbs call says there are no devices. The RDMA part runs in the tier-2 lab (Tier2LabIT).
 */
class ProbeExchangeTest {
    private static final RocePath LOOPBACK = new RocePath("rxe0", 1, 1, "127.0.0.1", 3);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private ProbeServer server;
    private ProbePeer peer;

    @BeforeEach
    void start() throws Exception {
        server = new ProbeServer(ClusterKey.of("the-right-cluster-key"), new InetSocketAddress("127.0.0.1", 0), Path.of("/"), 2, log::add);
        Thread t = new Thread(server::serve);
        t.setDaemon(true);
        t.start();
        peer = new ProbePeer("127.0.0.1", server.address().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aResponderWithAnotherKeyIsNamedAndNothingElseIsTried() throws Exception {
        PeerResult r = new ProbeClient(Verbs.load(), ClusterKey.of("a-stranger's-cluster-key"), 2000).ping(LOOPBACK, peer, 10, 64);
        assertFalse(r.ok());
        assertEquals(VerbsFailure.AUTH_FAILED, r.failure(), r.message());
        assertTrue(r.message().contains("does not hold this cluster key"), r.message());
    }

    @Test
    void theRightKeyGetsAsFarAsVerbsWhichFindNoDeviceHere() throws Exception {
        PeerResult r = new ProbeClient(Verbs.load(), ClusterKey.of("the-right-cluster-key"), 2000).ping(LOOPBACK, peer, 10, 64);
        assertFalse(r.ok());
        assertEquals(VerbsFailure.NO_DEVICES, r.failure(), r.message());
    }

    @Test
    void theResponderTellsItsRocePortsOnlyToAHolderOfTheKey() throws Exception {
        // This machine has no RDMA device: the signed list is empty, and the responder says what it told.
        assertEquals(List.of(), new ProbeClient(null, ClusterKey.of("the-right-cluster-key"), 2000).paths(peer));
        waitFor(() -> log.stream().anyMatch(l -> l.contains("told 0 RoCE paths")));
        VerbsException e = org.junit.jupiter.api.Assertions.assertThrows(VerbsException.class,
                () -> new ProbeClient(null, ClusterKey.of("a-stranger's-cluster-key"), 2000).paths(peer));
        assertEquals(VerbsFailure.AUTH_FAILED, e.failure(), e.getMessage());
    }

    @Test
    void anAdvertisedPathTravelsIntactAndAMalformedOneIsAProtocolError() throws Exception {
        org.networktool.layout.RocePortPath p = new org.networktool.layout.RocePortPath("mlx5_2", 1, 1,
                org.networktool.layout.RoceGids.linkLocalGid("0c:42:a1:00:21:00"), "0c:42:a1:00:21:00", "ens2f0");
        assertEquals(p, PortPaths.decode(PortPaths.encode(p)));
        for (String bad : List.of("mlx5_2,1,1,fe80::1,0c:42:a1:00:21:00,ens2f0", "mlx;reboot,1,1," + p.gid() + ",0c:42:a1:00:21:00,ens2f0",
                "mlx5_2,0,1," + p.gid() + ",0c:42:a1:00:21:00,ens2f0", "mlx5_2,1,1," + p.gid() + ",zz,ens2f0", "mlx5_2,1,1")) {
            VerbsException e = org.junit.jupiter.api.Assertions.assertThrows(VerbsException.class, () -> PortPaths.decode(bad), bad);
            assertEquals(VerbsFailure.PROTOCOL, e.failure());
        }
    }

    @Test
    void aCheckerWithoutTheKeyIsRefusedByTheResponder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", peer.port())) {
            PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            w.print("NTPROBE/1 HELLO " + "ab".repeat(16) + "\n");
            w.flush();
            assertTrue(r.readLine().startsWith("NTPROBE/1 CHALLENGE "));
            w.print("VERBS " + "00".repeat(32) + " iterations=10 size=64 qpn=1 psn=1 mtu=3 gid=" + "0000:".repeat(7) + "0000\n");
            w.flush();
            assertEquals("ERROR auth", r.readLine());
        }
        waitFor(() -> log.stream().anyMatch(l -> l.contains("refused, wrong cluster key")));
    }

    @Test
    void garbageAndOverlongLinesAreAProtocolErrorNotACrash() throws Exception {
        try (Socket s = new Socket("127.0.0.1", peer.port())) {
            s.getOutputStream().write(("X".repeat(ProbeWire.MAX_LINE + 10) + "\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(r.readLine().startsWith("ERROR "));
        }
        waitFor(() -> log.stream().anyMatch(l -> l.contains("probe protocol error")));
    }

    @Test
    void noResponderListeningIsPeerUnreachable() throws Exception {
        int closed;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = ss.getLocalPort();
        }
        PeerResult r = new ProbeClient(Verbs.load(), ClusterKey.of("the-right-cluster-key"), 2000)
                .ping(LOOPBACK, new ProbePeer("127.0.0.1", closed), 10, 64);
        assertEquals(VerbsFailure.PEER_UNREACHABLE, r.failure(), r.message());
        assertTrue(r.message().contains("probe serve"), r.message());
    }

    @Test
    void thisMachineHasTheLibraryButNoRdmaDevice() throws Exception {
        VerbsCheck check = new VerbsCheck(Verbs.load(), Path.of("/"));
        VerbsException e = org.junit.jupiter.api.Assertions.assertThrows(VerbsException.class, () -> check.ports(null));
        assertEquals(VerbsFailure.NO_DEVICES, e.failure());
        assertEquals("no RDMA devices on this host", e.getMessage());
    }

    @Test
    void aHostWithoutTheLibraryGetsANamedAnswerNotACrash() {
        VerbsException e = org.junit.jupiter.api.Assertions.assertThrows(VerbsException.class, () -> Verbs.load("nt-no-such-verbs"));
        assertEquals(VerbsFailure.NO_LIBRARY, e.failure());
        assertTrue(e.getMessage().startsWith("no RDMA library: libnt-no-such-verbs.so.1 cannot be loaded (install libibverbs1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100 && !c.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(c.getAsBoolean());
    }
}
