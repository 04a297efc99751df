package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.networktool.layout.NetworkToolException;

class ValuesTest {

    @Test
    void gidsFormatParseAndCarryTheirAddress() {
        byte[] g = GidBytes.parse("0000:0000:0000:0000:0000:ffff:c000:0201");
        assertEquals("192.0.2.1", GidBytes.ip(g));
        assertEquals("0000:0000:0000:0000:0000:ffff:c000:0201", GidBytes.format(g));
        assertEquals("fe80:0:0:0:5054:ff:fe12:400", GidBytes.ip(GidBytes.parse("fe80:0000:0000:0000:5054:00ff:fe12:0400")));
        assertTrue(GidBytes.isEmpty(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> GidBytes.parse("fe80::1"));
    }

    @Test
    void queuePairInfoRoundTripsAndRefusesWhatIsMissingOrOutOfRange() throws Exception {
        QpInfo q = new QpInfo(17, 0xabcdef, "0000:0000:0000:0000:0000:ffff:c000:0201", 3);
        assertEquals(q, QpInfo.decode(q.encode()));
        assertEquals(q, QpInfo.decode("iterations=5 size=64 " + q.encode()));
        VerbsException e = assertThrows(VerbsException.class, () -> QpInfo.decode("qpn=1 psn=2 mtu=3"));
        assertEquals(VerbsFailure.PROTOCOL, e.failure());
        assertThrows(VerbsException.class, () -> QpInfo.decode("qpn=16777216 psn=2 mtu=3 gid=" + q.gid()));
        assertThrows(VerbsException.class, () -> QpInfo.decode("qpn=1 psn=2 mtu=9 gid=" + q.gid()));
        assertThrows(VerbsException.class, () -> QpInfo.decode("qpn=x psn=2 mtu=3 gid=" + q.gid()));
    }

    @Test
    void peersParseWithTheDefaultPortAndBadOnesSayWhatToGive() {
        assertEquals(new ProbePeer("192.0.2.2", ProbePeer.DEFAULT_PORT), ProbePeer.parse("192.0.2.2"));
        assertEquals(new ProbePeer("192.0.2.2", 7000), ProbePeer.parse("192.0.2.2:7000"));
        assertEquals(new ProbePeer("fd00::2", 7000), ProbePeer.parse("[fd00::2]:7000"));
        assertEquals(new ProbePeer("fd00::2", ProbePeer.DEFAULT_PORT), ProbePeer.parse("fd00::2"));
        NetworkToolException e = assertThrows(NetworkToolException.class, () -> ProbePeer.parse("192.0.2.2:99999"));
        assertTrue(e.getMessage().contains("1 to 65535"), e.getMessage());
        assertThrows(NetworkToolException.class, () -> ProbePeer.parse("host;rm -rf /"));
        assertThrows(NetworkToolException.class, () -> ProbePeer.parse(""));
    }

    @Test
    void latencyFiguresComeFromTheSortedRoundTrips() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (100 - i) * 1000L; // 100 µs down to 1 µs
        }
        Latency l = Latency.of(ns);
        assertEquals(100, l.roundTrips());
        assertEquals(1.0, l.minUs());
        assertEquals(50.0, l.medianUs());
        assertEquals(99.0, l.p99Us());
        assertEquals(100.0, l.maxUs());
        assertEquals(50.5, l.meanUs(), 1e-9);
    }

    @Test
    void portAttributesUseIbvDevinfoWords() {
        PortAttributes a = PortAttributes.of(4, 5, 5, 3, 16, 2);
        assertTrue(a.isActive());
        assertEquals("LINK_UP", a.physicalState());
        assertEquals(1024, a.activeMtu());
        assertEquals(4096, a.maxMtu());
        assertEquals("Ethernet", a.linkLayer());
        assertFalse(PortAttributes.of(1, 3, 5, 3, 16, 2).isActive());
    }

    @Test
    void aClusterKeyMacVerifiesOnlyWithTheSameKeyAndParts() {
        ClusterKey a = ClusterKey.of("a-cluster-key-of-some-length");
        ClusterKey b = ClusterKey.of("another-cluster-key-entirely");
        String mac = a.mac("S1", "n1", "n2");
        assertTrue(a.verify(mac, "S1", "n1", "n2"));
        assertFalse(b.verify(mac, "S1", "n1", "n2"));
        assertFalse(a.verify(mac, "S1", "n2", "n1"));
        assertArrayEquals(mac.getBytes(), a.mac("S1", "n1", "n2").getBytes());
    }
}
