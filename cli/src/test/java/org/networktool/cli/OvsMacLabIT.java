package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.planners.Command;
import org.networktool.planners.sim.HostSimulator;

/**
 * The model host's rule for a bridge's MAC, held to a real ovs-vswitchd (tier 1): without
 * other_config:hwaddr the bridge's local port takes a member's burnt-in MAC (the bond's member whose
 * name sorts first) — the MAC that member's RDMA function sends RoCE with — and with it, or with an internal port's mac column, the
 * device takes the given MAC. The same commands on the model host give the same MACs.
 */
class OvsMacLabIT {
    private Lab lab;

    @AfterEach
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void bridgeAndInternalPortMacsOnRealOvsMatchTheModel() throws Exception {
        lab = Lab.up("mac", "plain");
        HostSimulator sim = new HostSimulator(lab.inspect());
        // The lab's veths have random, locally administered MACs, which OVS never picks: give them burnt-in-like ones.
        // ens1f1 gets the higher one: OVS represents a bond by the member whose name sorts first, not by the lowest MAC.
        String first = "b8:59:9f:3b:02:00";
        both(sim, List.of("ip", "link", "set", "dev", "ens1f1", "address", first));
        both(sim, List.of("ip", "link", "set", "dev", "ens2f0", "address", "b8:59:9f:3b:01:01"));

        List<String> create = List.of("ovs-vsctl", "add-br", "br-mac", "--", "set", "bridge", "br-mac", "datapath_type=netdev",
                "--", "add-bond", "br-mac", "bond-mac", "ens1f1", "ens2f0", "bond_mode=active-backup");
        both(sim, create);
        assertEquals(first, await(l -> mac(l, "br-mac"), first), "real OVS: the bridge without hwaddr");
        assertEquals(first, mac(sim.layout(), "br-mac"), "model: the bridge without hwaddr");

        String own = "02:11:22:33:44:55";
        both(sim, List.of("ovs-vsctl", "set", "bridge", "br-mac", "other_config:hwaddr=\"" + own + "\""));
        assertEquals(own, await(l -> mac(l, "br-mac"), own), "real OVS: the bridge with hwaddr");
        assertEquals(own, mac(sim.layout(), "br-mac"), "model: the bridge with hwaddr");
        assertEquals(own, lab.inspect().ovs().bridge("br-mac").orElseThrow().hwaddr(), "inspect reads other_config:hwaddr");

        String port = "02:11:22:33:44:66";
        both(sim, List.of("ovs-vsctl", "add-port", "br-mac", "st-mac", "--", "set", "interface", "st-mac", "type=internal",
                "mac=\"" + port + "\""));
        assertEquals(port, await(l -> mac(l, "st-mac"), port), "real OVS: the internal port's mac column");
        assertEquals(port, mac(sim.layout(), "st-mac"), "model: the internal port's mac column");
    }

    private void both(HostSimulator sim, List<String> argv) throws Exception {
        String[] a = argv.toArray(String[]::new);
        lab.in("host", a);
        sim.run(Command.of(argv));
    }

    /** ovs-vswitchd applies a change after the database commit: the MAC is read until it matches, for 20 s at most. */
    private String await(Function<HostLayout, String> read, String want) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen;
        do {
            seen = read.apply(lab.inspect());
            if (Objects.equals(seen, want) || System.nanoTime() > deadline) {
                return seen;
            }
            Thread.sleep(200);
        } while (true);
    }

    private static String mac(HostLayout l, String netdev) {
        return l.netdev(netdev).map(Netdev::mac).orElse("(no " + netdev + ")");
    }
}
