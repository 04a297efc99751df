package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.RdmaDevice;

/** A host captured from a real kernel (the tier-2 guest): the parsers against real files, not written ones. */
class RealKernelSampleTest {
    private final HostLayout l = SampleHosts.inspect("real-kernel-ab-rxe");

    @Test
    void realBondingFilesAndSoftRoce() {
        LinuxBond bond = l.bond("bond0").orElseThrow();
        assertEquals("active-backup", bond.mode());
        assertEquals(100, bond.miimonMs());
        assertEquals("ens1f0", bond.activeSlave());
        assertEquals(List.of("ens1f0", "ens1f1"), bond.slaveNames());
        assertEquals("bond0", l.storage().interfaceName());
        assertEquals(List.of("0000:00:04", "0000:00:05"), l.nics().stream().map(n -> n.id()).toList());
        assertTrue(l.storage().singleNicRisk().startsWith("bond0: both members on NIC 0000:00:04"));
        RdmaDevice rxe = l.rdma().get(0);
        assertTrue(rxe.isSoftRoce());
        assertEquals("bond0", rxe.ports().get(0).netdev());
        assertTrue(rxe.ports().get(0).isActive());
        assertTrue(rxe.ports().get(0).gids().stream().anyMatch(g -> g.isRoceV2() && "192.0.2.1".equals(g.ip())),
                rxe.ports().get(0).gids().stream().map(Gid::toString).toList().toString());
        assertTrue(l.ovs().present());
        assertEquals(List.of("rxe0/1"), l.storage().rdmaDevices());
        assertEquals(l, LayoutCodec.readLayout(LayoutCodec.toYaml(l), "yaml"));
    }
}
