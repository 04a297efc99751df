package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.RoceGids;
import org.networktool.planners.sim.HostSimulator;

/**
 * Hardware RoCE hosts on the model host, whose GID tables follow the kernel: once the storage IP leaves bond0 for the
 * internal port, no hardware RDMA function has a GID for it (an OVS member's upper is ovs-system). The gate the tool ran
 * after the cutover until now (a RoCE v2 GID for the storage IP) fails there, as it would on the host; the per-member gate passes.
 */
class HardwareRoceModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab-hwroce", "degraded", "lacp-roce-lag"})
    void migrationEndsWithTheGidTablesTheKernelShows(String sample) {
        HostLayout before = Hosts.sample(sample);
        Plan plan = Planner.planFor(before, null, List.of("10.10.1.12"), "system");
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        HostLayout end = run(before, plan.steps(), false);

        String ip = "10.10.1.11";
        for (RdmaDevice d : end.rdma()) {
            for (RdmaPort p : d.ports()) {
                assertTrue(p.gids().stream().noneMatch(g -> ip.equals(g.ip())), d.name() + " keeps the storage IP's GID: " + p.gids());
            }
        }
        // Today's defect, reproduced: the storage-IP gate every hardware migration ran after its cutover fails on the end state.
        RdmaCheck.Result old = RdmaCheck.check(end, Gate.of(GateKind.RDMA, "old"));
        assertFalse(old.ok(), old.message());

        List<String> members = plan.target().bond().members();
        RdmaCheck.Result perMember = RdmaCheck.check(end, Gate.of(GateKind.RDMA, "members", RdmaCheck.MEMBERS, String.join(",", members)));
        assertTrue(perMember.ok(), perMember.message() + " " + perMember.figures());
        for (String m : members) {
            RdmaPort p = RdmaCheck.hardwarePortOn(end, m).orElseThrow().getValue();
            String own = RoceGids.linkLocalGid(end.netdev(m).orElseThrow().mac());
            assertEquals(List.of("0 RoCE v1 " + own + " " + m, "1 RoCE v2 " + own + " " + m), rows(p.gids()), m);
        }
        assertEquals(members.stream().filter(m -> plan.rdmaPaths().stream().anyMatch(r -> r.member().equals(m))).toList(), members);
        plan.rdmaPaths().forEach(r -> {
            assertEquals(1, r.gidIndex(), r.toString());
            assertEquals(end.netdev(r.member()).orElseThrow().mac(), r.mac());
        });
        String bridgeMac = end.netdev("br-storage").orElseThrow().mac();
        String storageMac = end.netdev("storage").orElseThrow().mac();
        assertTrue(before.netdevs().stream().noneMatch(n -> bridgeMac.equals(n.mac()) || storageMac.equals(n.mac())), bridgeMac + " " + storageMac);
    }

    @Test
    void roceLagDissolvesIntoOneDevicePerPortAndComesBackOnRollback() {
        HostLayout before = Hosts.sample("lacp-roce-lag");
        Plan plan = Planner.planFor(before, null, List.of(), "system");
        HostLayout end = run(before, plan.steps(), false);
        assertTrue(end.rdma().stream().noneMatch(d -> d.name().equals("mlx5_bond_0")), names(end));
        assertEquals("ens1f0", end.rdma().stream().filter(d -> d.name().equals("mlx5_0")).findFirst().orElseThrow().ports().get(0).netdev());
        assertEquals("ens1f1", end.rdma().stream().filter(d -> d.name().equals("mlx5_1")).findFirst().orElseThrow().ports().get(0).netdev());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("dissolves mlx5_bond_0")), plan.notes().toString());

        HostLayout back = run(before, plan.steps(), true);
        assertEquals(gidTables(before), gidTables(back));
    }

    @Test
    void rollbackPutsTheStorageIpGidBackOnTheActiveSlavesDevice() {
        HostLayout before = Hosts.sample("ab-hwroce");
        Plan plan = Planner.planFor(before, null, List.of(), "system");
        HostLayout back = run(before, plan.steps(), true);
        assertEquals(gidTables(before), gidTables(back));
        assertTrue(RdmaCheck.hardwarePortOn(back, "ens1f0").orElseThrow().getValue().gids().stream()
                .anyMatch(g -> g.isRoceV2() && "10.10.1.11".equals(g.ip())));
    }

    /** The model holds OVS to its rule: without other_config:hwaddr the bridge takes the lowest member MAC. */
    @Test
    void withoutAMacOfItsOwnTheBridgeSharesAMembersMac() {
        HostLayout before = Hosts.sample("ab-hwroce");
        Plan plan = Planner.planFor(before, null, List.of(), "system");
        List<Step> stripped = new ArrayList<>();
        for (Step s : plan.steps()) {
            List<Action> actions = s.actions().stream().map(a -> new Action(strip(a.run()), a.undo())).toList();
            stripped.add(new Step(s.id(), s.title(), actions, s.preGates(), s.postGates(), s.interruptsStorage(), s.impact()));
        }
        HostLayout end = run(before, stripped, false);
        RdmaCheck.Result r = RdmaCheck.check(end, Gate.of(GateKind.RDMA, "members", RdmaCheck.MEMBERS, String.join(",", plan.target().bond().members())));
        assertFalse(r.ok());
        assertTrue(r.message().contains("also on br-storage"), r.message());
    }

    private static Command strip(Command c) {
        if (c.argv().isEmpty() || !c.argv().get(0).equals("ovs-vsctl")) {
            return c;
        }
        return Command.of(c.argv().stream().filter(a -> !a.startsWith("other_config:hwaddr=")).toList());
    }

    private static HostLayout run(HostLayout before, List<Step> steps, boolean andBack) {
        HostSimulator sim = new HostSimulator(Planner.withOvsRunning(before));
        for (Step s : steps) {
            s.forward().forEach(c -> assertTrue(sim.tryRun(c) || c.tolerateFailure(), c.display()));
        }
        if (andBack) {
            List<Step> reversed = new ArrayList<>(steps);
            Collections.reverse(reversed);
            reversed.forEach(s -> s.inverse().forEach(c -> assertTrue(sim.tryRun(c) || c.tolerateFailure(), c.display())));
        }
        return sim.layout();
    }

    private static List<String> rows(List<Gid> gids) {
        return gids.stream().map(g -> g.index() + " " + g.type() + " " + g.gid() + " " + g.netdev()).toList();
    }

    private static Map<String, List<String>> gidTables(HostLayout l) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        l.rdma().forEach(d -> d.ports().forEach(p -> out.put(d.name() + "/" + p.port() + " on " + p.netdev() + " " + p.state(), rows(p.gids()))));
        return out;
    }

    private static String names(HostLayout l) {
        return l.rdma().stream().map(RdmaDevice::name).toList().toString();
    }
}
