package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.layout.config.ConfigReader;

/** A storage address from DHCP keeps its client identity, the MAC (issue 17, item 6). */
class DhcpStorageTest {
    @TempDir
    Path root;

    private Plan plan(String sample, String netplanBond0Addressing) throws Exception {
        Path f = root.resolve("etc/netplan/01-netcfg.yaml");
        Files.createDirectories(f.getParent());
        String text = Files.readString(Path.of("..", "samples", sample, "etc/netplan/01-netcfg.yaml"));
        Files.writeString(f, text.replace("      addresses: [10.10.1.11/24]\n", netplanBond0Addressing));
        HostLayout l = Hosts.sample(sample);
        return Planner.plan(PlanRequest.of(withOvs(l)).peers(List.of()).persist(Persist.of(new ConfigReader(root).read("bond0"))));
    }

    private static HostLayout withOvs(HostLayout l) {
        return new HostLayout(l.schema(), l.hostname(), l.source(), l.storage(), l.nics(), l.netdevs(), l.bonds(), l.routes(),
                new org.networktool.layout.Ovs(true, "3.1.0", List.of()), l.rdma(), l.warnings());
    }

    private static String createBridge(Plan p) {
        return p.steps().stream().filter(s -> s.id().equals("create-bridge")).findFirst().orElseThrow().forward().get(0).display();
    }

    @Test
    void theInternalPortTakesBond0sMacAndTheBridgeOneOfItsOwn() throws Exception {
        Plan p = plan("softroce", "      dhcp4: true\n");
        assertEquals(Verdict.APPLYABLE, p.verdict(), p.errors().toString());
        String bond0 = Hosts.sample("softroce").netdev("bond0").map(Netdev::mac).orElseThrow();
        String add = createBridge(p);
        assertTrue(add.contains("mac=\"" + bond0 + "\""), add);
        assertTrue(add.contains("other_config:hwaddr="), "the bridge's own port must not take a member's (bond0's) MAC too: " + add);
        Plan fixed = plan("softroce", "      addresses: [10.10.1.11/24]\n");
        assertFalse(createBridge(fixed).contains("mac="), "a static address leaves the MACs to Open vSwitch: " + createBridge(fixed));
    }

    @Test
    void aHardwareRoceHostWithDhcpStorageIsRefused() throws Exception {
        Path f = root.resolve("etc/network/interfaces");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "auto bond0\niface bond0 inet dhcp\n    bond-slaves ens1f0 ens1f1\n    bond-mode active-backup\n");
        HostLayout l = Hosts.sample("ab-hwroce");
        Plan p = Planner.plan(PlanRequest.of(withOvs(l)).peers(List.of()).persist(Persist.of(new ConfigReader(root).read("bond0"))));
        assertEquals(Verdict.ERRORED, p.verdict());
        assertTrue(p.errors().get(0).message().startsWith("the storage address of bond0 comes from DHCP (/etc/network/interfaces): on a hardware"
                + " RoCE host storage needs a MAC of its own"), p.errors().toString());
    }
}
