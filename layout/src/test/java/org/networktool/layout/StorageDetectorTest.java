package org.networktool.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.discovery.SampleHosts;

class StorageDetectorTest {
    private final HostLayout ab = SampleHosts.inspect("ab-hwroce");

    @Test
    void chooseByInterfaceOrCidr() {
        assertEquals("eno1", StorageDetector.detect(ab, new StorageSelector("eno1", null)).storage().interfaceName());
        assertEquals("bond0", StorageDetector.detect(ab, new StorageSelector(null, "10.10.0.0/16")).storage().interfaceName());
        assertEquals("eno1", StorageDetector.detect(ab, new StorageSelector(null, "198.51.100.0/24")).storage().interfaceName());
    }

    @Test
    void badChoicesAreInvalidInput() {
        for (StorageSelector s : List.of(new StorageSelector("ens9f9", null), new StorageSelector("ens2f0", null),
                new StorageSelector(null, "172.16.0.0/12"), new StorageSelector(null, "10.10.1.0"),
                new StorageSelector(null, "10.10.1.0/33"), new StorageSelector(null, "storage.example/24"),
                new StorageSelector(null, "0.0.0.0/0"))) {
            NetworkToolException e = assertThrows(NetworkToolException.class, () -> StorageDetector.detect(ab, s), s.toString());
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        }
    }

    @Test
    void twoEqualCandidatesAreNotGuessed() {
        // A second RoCE bond-like interface with an address: the detector must ask, not pick.
        List<Netdev> netdevs = new ArrayList<>(ab.netdevs());
        Netdev eno1 = ab.netdev("eno1").orElseThrow();
        netdevs.replaceAll(n -> n == eno1 ? new Netdev(n.name(), n.ifindex(), NetdevKind.BOND, n.mac(), n.mtu(), n.operstate(),
                n.carrier(), n.speedMbps(), n.driver(), n.pciAddress(), n.nic(), n.master(), n.addresses()) : n);
        List<LinuxBond> bonds = new ArrayList<>(ab.bonds());
        bonds.add(new LinuxBond("eno1", "active-backup", "up", 100, 0, 0, null, null, null, null, List.of(), null));
        List<RdmaDevice> rdma = new ArrayList<>(ab.rdma());
        rdma.add(new RdmaDevice("mlx5_9", "mlx5", null, null, List.of(new RdmaPort(1, "ACTIVE", "LinkUp", "Ethernet", null, "eno1", List.of()))));
        HostLayout twoCandidates = new HostLayout(null, "h", "t", null, ab.nics(), netdevs, bonds,
                ab.routes().stream().filter(r -> !"default".equals(r.destination())).toList(), ab.ovs(), rdma, List.of());
        StorageDetector.Result r = StorageDetector.detect(twoCandidates, StorageSelector.AUTO);
        assertNull(r.storage());
        assertTrue(r.warnings().get(0).message().contains("choose one with --storage-if"), r.warnings().toString());
    }

    @Test
    void managementOnlyHostIsNotCalledStorage() {
        HostLayout mgmtOnly = new HostLayout(null, "h", "t", null, ab.nics(),
                ab.netdevs().stream().filter(n -> n.name().equals("eno1") || n.name().equals("lo")).toList(),
                List.of(), ab.routes(), ab.ovs(), List.of(), List.of());
        StorageDetector.Result r = StorageDetector.detect(mgmtOnly, StorageSelector.AUTO);
        assertNull(r.storage());
        assertTrue(r.warnings().get(0).message().contains("default route"));
    }

    @Test
    void cidrContainment() {
        assertTrue(Cidr.parse("10.10.0.0/16").contains("10.10.1.11"));
        assertTrue(!Cidr.parse("10.10.0.0/16").contains("10.11.0.1"));
        assertTrue(Cidr.parse("fd00::/8").contains("fd00::2"));
        assertTrue(!Cidr.parse("fd00::/8").contains("10.0.0.1"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("192.0.2.1"));
    }
}
