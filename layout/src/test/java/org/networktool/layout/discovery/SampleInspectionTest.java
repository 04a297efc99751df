package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.StorageMember;
import org.networktool.layout.StorageNetwork;

/** What inspect must find on each captured host. */
class SampleInspectionTest {

    static Stream<Arguments> expectations() {
        return Stream.of(
                Arguments.of("ab-hwroce", "bond0", "linux-bond", "active-backup", List.of("ens1f0", "ens1f1"), "ens1f0",
                        List.of("0000:3b:00"), true, List.of("mlx5_0/1", "mlx5_1/1")),
                Arguments.of("lacp-roce-lag", "bond0", "linux-bond", "802.3ad", List.of("ens1f0", "ens1f1"), "ens1f0,ens1f1",
                        List.of("0000:3b:00"), true, List.of("mlx5_bond_0/1")),
                Arguments.of("migrated-ovs", "storage", "ovs-bond", "active-backup", List.of("ens1f0", "ens2f0"), "ens1f0",
                        List.of("0000:3b:00", "0000:5e:00"), false, List.of("mlx5_0/1", "mlx5_2/1")),
                Arguments.of("degraded", "bond0", "linux-bond", "active-backup", List.of("ens1f0", "ens1f1"), "ens1f0",
                        List.of("0000:3b:00"), true, List.of("mlx5_0/1", "mlx5_1/1")),
                Arguments.of("softroce", "bond0", "linux-bond", "802.3ad", List.of("ens1f0", "ens1f1"), "ens1f0,ens1f1",
                        List.of("0000:3b:00"), true, List.of("rxe0/1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void storageNetwork(String sample, String iface, String kind, String mode, List<String> members, String active,
                        List<String> nics, boolean risk, List<String> rdma) {
        StorageNetwork s = SampleHosts.inspect(sample).storage();
        assertNotNull(s, sample + ": storage network not found");
        assertEquals(iface, s.interfaceName());
        assertEquals(kind, s.kind());
        assertEquals(mode, s.bondMode());
        assertEquals(members, s.members().stream().map(StorageMember::name).toList());
        assertEquals(active, s.activeMember());
        assertEquals(nics, s.nics());
        assertEquals(risk, s.singleNicRisk() != null, "single-NIC risk on " + sample);
        assertEquals(rdma, s.rdmaDevices());
        assertEquals(List.of("10.10.1.11/24"), s.addresses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.networktool.layout.discovery.SampleHosts#allNames")
    void roundTripsThroughYamlAndJson(String sample) {
        HostLayout layout = SampleHosts.inspect(sample);
        assertEquals(layout, LayoutCodec.readLayout(LayoutCodec.toYaml(layout), "yaml"));
        assertEquals(layout, LayoutCodec.readLayout(LayoutCodec.toJson(layout), "json"));
        assertTrue(LayoutCodec.toYaml(layout).startsWith("schema: \"network-tool/layout/v1\"\n"));
    }

    @Test
    void riskSentenceNamesBondAndNic() {
        assertEquals("bond0: both members on NIC 0000:3b:00 — one NIC failure stops storage",
                SampleHosts.inspect("ab-hwroce").storage().singleNicRisk());
    }

    @Test
    void nicsGroupPortsByPciDevice() {
        HostLayout l = SampleHosts.inspect("ab-hwroce");
        assertEquals(List.of("0000:19:00", "0000:3b:00", "0000:5e:00"), l.nics().stream().map(n -> n.id()).toList());
        assertEquals(List.of("ens1f0", "ens1f1"), l.nicOf("ens1f1").orElseThrow().ports());
        assertEquals("mlx5_core", l.nicOf("ens2f0").orElseThrow().driver());
    }

    @Test
    void degradedSlaveIsVisible() {
        StorageMember down = SampleHosts.inspect("degraded").storage().members().get(1);
        assertEquals("down", down.state());
        assertEquals(3, down.linkFailureCount());
        var mlx5_1 = SampleHosts.inspect("degraded").rdma().stream().filter(d -> d.name().equals("mlx5_1")).findFirst().orElseThrow();
        assertFalse(mlx5_1.ports().get(0).isActive());
    }

    @Test
    void lacpPartnerAndRoceLag() {
        HostLayout l = SampleHosts.inspect("lacp-roce-lag");
        var bond = l.bond("bond0").orElseThrow();
        assertEquals("00:1c:73:aa:bb:01", bond.aggregator().partnerMac());
        assertEquals("fast", bond.lacpRate());
        var lag = l.rdma().stream().filter(d -> d.name().equals("mlx5_bond_0")).findFirst().orElseThrow();
        assertEquals("bond0", lag.ports().get(0).netdev());
        assertEquals("0000:3b:00", lag.nic());
        assertTrue(lag.ports().get(0).gids().stream().anyMatch(g -> g.isRoceV2() && "10.10.1.11".equals(g.ip())));
    }

    @Test
    void migratedHostReadsOvs() {
        HostLayout l = SampleHosts.inspect("migrated-ovs");
        assertTrue(l.ovs().present());
        assertEquals("3.1.0", l.ovs().version());
        var bond = l.ovs().bridge("br-storage").orElseThrow().port("bond-storage").orElseThrow();
        assertEquals("ens1f0", bond.bondStatus().activeMember());
        assertEquals(NetdevKind.OVS_INTERNAL, l.netdev("storage").orElseThrow().kind());
        assertTrue(l.bonds().isEmpty());
        assertTrue(l.warnings().isEmpty(), () -> "unexpected warnings " + l.warnings());
    }

    @Test
    void softRoceFollowsItsNetdev() {
        var rxe = SampleHosts.inspect("softroce").rdma().get(0);
        assertTrue(rxe.isSoftRoce());
        assertEquals("bond0", rxe.ports().get(0).netdev());
        assertNull(rxe.nic());
    }

    @Test
    void hostWithoutOvsSaysSoAsAWarning() {
        HostLayout l = SampleHosts.inspect("ab-hwroce");
        assertFalse(l.ovs().present());
        assertEquals(1, l.warnings().size(), () -> l.warnings().toString());
        assertTrue(l.warnings().get(0).message().contains("ovs-vsctl not available"));
    }
}
