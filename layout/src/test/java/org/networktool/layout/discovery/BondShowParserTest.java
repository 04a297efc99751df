package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.networktool.layout.OvsBondStatus;

class BondShowParserTest {
    /** Printed by ovs-vswitchd 3.1 with both members up and ens2f0 active. */
    private static final String OVS31 = """
            ---- bond-storage ----
            bond_mode: active-backup
            bond may use recirculation: no, Recirc-ID : -1
            bond-hash-basis: 0
            lb_output action: disabled, bond-id: -1
            updelay: 0 ms
            downdelay: 0 ms
            lacp_status: off
            lacp_fallback_ab: false
            active-backup primary: <none>
            active member mac: 7e:df:b0:18:3f:b5(ens2f0)

            member ens1f0: enabled
              may_enable: true

            member ens2f0: enabled
              active member
              may_enable: true

            """;

    /** Older releases say "slave"; two bonds in one output. */
    private static final String OLD_TWO_BONDS = """
            ---- bond1 ----
            bond_mode: balance-tcp
            lacp_status: negotiated
            active slave mac: aa:bb:cc:dd:ee:01(eth1)

            slave eth1: enabled
            \tactive slave
            \tmay_enable: true

            slave eth2: disabled
            \tmay_enable: false

            ---- bond2 ----
            bond_mode: active-backup
            lacp_status: off
            active slave mac: 00:00:00:00:00:00(none)

            slave eth3: disabled
            \tmay_enable: false
            """;

    @Test
    void currentFormat() throws Exception {
        OvsBondStatus s = BondShowParser.parse(OVS31).get("bond-storage");
        assertEquals("active-backup", s.mode());
        assertEquals("off", s.lacpStatus());
        assertEquals("ens2f0", s.activeMember());
        assertEquals(2, s.members().size());
        assertFalse(s.members().get(0).active());
        assertTrue(s.members().get(1).active());
        assertTrue(s.members().get(1).mayEnable());
    }

    @Test
    void olderFormatAndSeveralBonds() throws Exception {
        Map<String, OvsBondStatus> all = BondShowParser.parse(OLD_TWO_BONDS);
        assertEquals(2, all.size());
        assertEquals("eth1", all.get("bond1").activeMember());
        assertFalse(all.get("bond1").members().get(1).enabled());
        assertEquals("negotiated", all.get("bond1").lacpStatus());
        assertEquals("none", all.get("bond2").activeMember(), "no active member is reported as OVS names it");
    }

    @Test
    void emptyAndGarbage() throws Exception {
        assertTrue(BondShowParser.parse("").isEmpty());
        assertThrows(MalformedSourceException.class, () -> BondShowParser.parse("ovs-appctl: cannot connect\n"));
    }

    @Test
    void truncatedAtEveryOffset() {
        for (int cut = 0; cut < OVS31.length(); cut++) {
            try {
                BondShowParser.parse(OVS31.substring(0, cut));
            } catch (MalformedSourceException expected) {
                // reported as a warning by the reader
            }
        }
    }
}
