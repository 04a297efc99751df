package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.BondSlave;

class ProcBondingParserTest {
    private static final String AB = TestFiles.sampleFile("ab-hwroce", "proc/net/bonding/bond0");
    private static final String LACP = TestFiles.sampleFile("lacp-roce-lag", "proc/net/bonding/bond0");
    private static final String DEGRADED = TestFiles.sampleFile("degraded", "proc/net/bonding/bond0");

    @Test
    void activeBackup() throws Exception {
        ProcBonding b = ProcBondingParser.parse(AB, "bond0");
        assertEquals("active-backup", b.mode());
        assertEquals("ens1f0", b.activeSlave());
        assertNull(b.primary(), "'Primary Slave: None' means no primary");
        assertEquals(100, b.miimonMs());
        assertEquals(2, b.slaves().size());
        assertEquals(25000, b.slaves().get(0).speedMbps());
        assertNull(b.aggregator());
    }

    @Test
    void lacpAggregatorAndPartnerPerSlave() throws Exception {
        ProcBonding b = ProcBondingParser.parse(LACP, "bond0");
        assertEquals("802.3ad", b.mode());
        assertEquals("layer3+4", b.xmitHashPolicy());
        assertEquals("fast", b.lacpRate());
        assertEquals(1, b.aggregator().aggregatorId());
        assertEquals(32769, b.aggregator().partnerKey());
        assertEquals("00:1c:73:aa:bb:01", b.aggregator().partnerMac());
        BondSlave s = b.slaves().get(1);
        assertEquals("ens1f1", s.name());
        assertEquals("00:1c:73:aa:bb:01", s.partnerSystemMac(), "the partner block, not the actor block");
        assertEquals(32769, s.partnerKey());
        assertEquals(1, s.aggregatorId());
        // What a successor bond needs to keep the same LACP identity toward the switch.
        assertEquals(65535, b.aggregator().systemPriority());
        assertEquals(21, b.aggregator().actorKey());
        assertEquals(List.of(1, 2), b.slaves().stream().map(BondSlave::actorPortNumber).toList());
    }

    @Test
    void degradedSlave() throws Exception {
        BondSlave down = ProcBondingParser.parse(DEGRADED, "bond0").slaves().get(1);
        assertEquals("down", down.miiStatus());
        assertEquals(3, down.linkFailureCount());
        assertNull(down.speedMbps(), "Speed: Unknown");
    }

    @Test
    void notABondingFile() {
        var e = assertThrows(MalformedSourceException.class, () -> ProcBondingParser.parse("hello\n", "/proc/net/bonding/bond0"));
        assertTrue(e.getMessage().contains("/proc/net/bonding/bond0"), e.getMessage());
    }

    @Test
    void unknownModeAndBadNumbers() {
        assertThrows(MalformedSourceException.class, () -> ProcBondingParser.parse(AB.replace("fault-tolerance (active-backup)", "quantum"), "b"));
        assertThrows(MalformedSourceException.class, () -> ProcBondingParser.parse(AB.replace("Link Failure Count: 0", "Link Failure Count: many"), "b"));
        assertThrows(MalformedSourceException.class, () -> ProcBondingParser.parse(AB.replace("Slave Interface: ens1f1", "Slave Interface:"), "b"));
    }

    /** A file cut anywhere parses to fewer facts or fails as malformed: never any other exception. */
    @Test
    void truncatedAtEveryOffset() {
        for (String text : new String[] {AB, LACP}) {
            for (int cut = 0; cut < text.length(); cut++) {
                String head = text.substring(0, cut);
                try {
                    ProcBonding b = ProcBondingParser.parse(head, "b");
                    assertTrue(b.slaves().size() <= 2);
                } catch (MalformedSourceException expected) {
                    // reported as a warning by the reader
                }
            }
        }
    }
}
