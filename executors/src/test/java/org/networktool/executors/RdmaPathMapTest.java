package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.OvsBondMember;
import org.networktool.layout.OvsBondStatus;
import org.networktool.layout.OvsPort;

/** The member → NIC → RDMA map of a migrated host (captured), for live bond states made up here. */
class RdmaPathMapTest {
    private static final HostLayout HOST = captured("migrated-ovs");
    private static final OvsPort BOND = RdmaPathMap.storageBond(HOST).orElseThrow();

    private static HostLayout captured(String name) {
        java.nio.file.Path root = java.nio.file.Path.of("..", "samples", name).toAbsolutePath();
        return new org.networktool.layout.discovery.HostInspector(new org.networktool.layout.discovery.HostRoot(root),
                new org.networktool.layout.discovery.CapturedCommands(root), name).inspect(org.networktool.layout.StorageSelector.AUTO);
    }

    private static OvsBondStatus live(String mode, String active, boolean e1, boolean e2) {
        return new OvsBondStatus(mode, null, active, List.of(new OvsBondMember("ens1f0", e1, e1, "ens1f0".equals(active)),
                new OvsBondMember("ens2f0", e2, e2, "ens2f0".equals(active))));
    }

    @Test
    void activeBackupCarriesOnTheActiveMemberWithItsOwnRdmaDevice() {
        RdmaPathMap m = RdmaPathMap.of(HOST, BOND, live("active-backup", "ens1f0", true, true));
        assertEquals("bond-storage", m.bond());
        assertEquals(List.of("ens1f0"), m.carrying());
        assertEquals("0000:3b:00", m.members().get(0).nic());
        assertEquals("mlx5_0", m.members().get(0).rdma().get(0).device());
        assertEquals("mlx5_2", m.members().get(1).rdma().get(0).device());
        assertEquals(List.of("mlx5_0", "mlx5_2"), m.storageRdma().stream().map(RdmaPathMap.Endpoint::device).toList());
        // The captured host's members have their own default GIDs: each member publishes the path its queue pair takes.
        for (RdmaPathMap.Member member : m.members()) {
            assertEquals(HOST.netdev(member.name()).orElseThrow().mac(), member.own().mac(), member.toString());
            assertEquals(org.networktool.layout.RoceGids.linkLocalGid(member.own().mac()),
                    org.networktool.layout.RoceGids.gidOf(member.own().gid()), member.toString());
        }
        assertEquals("mlx5_0", m.members().get(0).own().device());
    }

    @Test
    void aMemberThatIsNotEnabledNeverCarriesNorCountsAsActive() {
        RdmaPathMap m = RdmaPathMap.of(HOST, BOND, live("active-backup", "ens1f0", false, true));
        assertEquals(List.of(), m.carrying());
        assertNull(m.activeMember(), "OVS still names a disabled member active for a moment: the map does not");
        assertFalse(m.members().get(0).active());
        RdmaPathMap after = RdmaPathMap.of(HOST, BOND, live("active-backup", "ens2f0", false, true));
        assertEquals(List.of("ens2f0"), after.carrying());
        assertEquals("ens2f0", after.activeMember());
    }

    @Test
    void balanceTcpCarriesOnEveryEnabledMember() {
        RdmaPathMap m = RdmaPathMap.of(HOST, BOND, live("balance-tcp", null, true, true));
        assertEquals(List.of("ens1f0", "ens2f0"), m.carrying());
        assertTrue(m.members().stream().noneMatch(RdmaPathMap.Member::active));
        assertEquals(List.of("ens2f0"), RdmaPathMap.of(HOST, BOND, live("balance-tcp", null, false, true)).carrying());
    }
}
