package org.networktool.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.networktool.layout.discovery.SampleHosts;

/** The kernel's GID rules against every captured host: what sysfs showed is what the model computes. */
class RoceGidsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce", "real-kernel-ab-rxe"})
    void everySampleTableIsTheKernels(String sample) {
        HostLayout l = SampleHosts.inspect(sample);
        List<String> seen = new ArrayList<>();
        List<String> model = new ArrayList<>();
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                p.gids().forEach(g -> seen.add(d.name() + "/" + p.port() + " " + g));
                RoceGids.of(l, d, p).forEach(g -> model.add(d.name() + "/" + p.port() + " " + g));
            }
        }
        assertEquals(String.join("\n", model), String.join("\n", seen), sample);
    }

    @Test
    void slaveTakesTheBondsDefaultGidAndOnlyTheActiveSlaveItsAddress() {
        HostLayout l = SampleHosts.inspect("ab-hwroce");
        List<Gid> backup = RoceGids.of(l, "ens1f1", false);
        assertEquals(2, backup.size(), backup.toString());
        assertEquals("bond0", backup.get(1).netdev());
        assertEquals("fe80::ba59:9fff:fe3b:100", backup.get(1).ip());
        List<Gid> active = RoceGids.of(l, "ens1f0", false);
        assertEquals("10.10.1.11", active.get(3).ip());
        assertEquals("RoCE v2", active.get(3).type());
    }

    @Test
    void gidText() {
        assertEquals("fe80:0000:0000:0000:ba59:9fff:fe3b:0200", RoceGids.linkLocalGid("b8:59:9f:3b:02:00"));
        assertEquals("b8:59:9f:3b:02:00", RoceGids.macOf(RoceGids.linkLocalGid("b8:59:9f:3b:02:00")), "EUI-64 back to its MAC");
        assertEquals(null, RoceGids.macOf(RoceGids.gidOf("10.10.1.11")), "an IPv4 GID names no MAC");
        assertEquals(null, RoceGids.macOf("fe80:0000:0000:0000:1234:5678:9abc:def0"), "a stable-privacy address names no MAC");
        assertEquals("0000:0000:0000:0000:0000:ffff:0a0a:010b", RoceGids.gidOf("10.10.1.11"));
        assertEquals("10.10.1.11", RoceGids.ipOf(RoceGids.gidOf("10.10.1.11")));
        assertNull(RoceGids.gidOf("node1.example"));
        assertNull(RoceGids.ipOf("zzzz"));
    }
}
