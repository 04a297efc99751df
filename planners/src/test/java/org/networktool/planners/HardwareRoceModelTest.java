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
import org.networktool.layout.RocePortPath;
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
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of("10.10.1.12")).datapath("system"));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        HostLayout end = run(before, plan.steps(), false);

        String ip = "10.10.1.11";
        for (RdmaDevice d : end.rdma()) {
            for (RdmaPort p : d.ports()) {
                assertTrue(p.gids().stream().noneMatch(g -> ip.equals(g.ip())), d.name() + " keeps the storage IP's GID: " + p.gids());
            }
        }
        // Today's defect, reproduced: the storage-IP gate every hardware migration ran after its cutover fails on the end state.
        RdmaCheck.Result old = RdmaCheck.check(end, new Gate.Rdma("old", List.of()));
        assertFalse(old.ok(), old.message());

        List<String> members = plan.target().bond().members();
        RdmaCheck.Result perMember = RdmaCheck.check(end, new Gate.Rdma("members", members));
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
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of()).datapath("system"));
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
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of()).datapath("system"));
        HostLayout back = run(before, plan.steps(), true);
        assertEquals(gidTables(before), gidTables(back));
        assertTrue(RdmaCheck.hardwarePortOn(back, "ens1f0").orElseThrow().getValue().gids().stream()
                .anyMatch(g -> g.isRoceV2() && "10.10.1.11".equals(g.ip())));
    }

    /** The model holds OVS to its rule: without other_config:hwaddr the bridge takes the lowest member MAC. */
    @Test
    void withoutAMacOfItsOwnTheBridgeSharesAMembersMac() {
        HostLayout before = Hosts.sample("ab-hwroce");
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of()).datapath("system"));
        List<Step> stripped = new ArrayList<>();
        for (Step s : plan.steps()) {
            List<Action> actions = s.actions().stream().map(a -> new Action(strip(a.run()), a.undo())).toList();
            stripped.add(new Step(s.id(), s.title(), actions, s.preGates(), s.postGates(), s.interruptsStorage(), s.impact()));
        }
        HostLayout end = run(before, stripped, false);
        RdmaCheck.Result r = RdmaCheck.check(end, new Gate.Rdma("members", plan.target().bond().members()));
        assertFalse(r.ok());
        assertTrue(r.message().contains("also on br-storage"), r.message());
    }

    /** A migrated peer (two members, two default GIDs) and the IPv4 GID of a peer still on a Linux bond. */
    private static final Map<String, List<RocePortPath>> PEER_PATHS = Map.of("10.10.1.12", List.of(
            new RocePortPath("mlx5_0", 1, 1, RoceGids.linkLocalGid("0c:42:a1:00:20:00"), "0c:42:a1:00:20:00", "ens1f0"),
            new RocePortPath("mlx5_2", 1, 1, RoceGids.linkLocalGid("0c:42:a1:00:21:00"), "0c:42:a1:00:21:00", "ens2f0"),
            new RocePortPath("mlx5_0", 1, 3, RoceGids.gidOf("10.10.1.12"), "0c:42:a1:00:20:00", "bond0")));

    @ParameterizedTest
    @ValueSource(strings = {"ab-hwroce", "degraded", "lacp-roce-lag"})
    void everyMemberKnowsEveryPeerPortBeforeItsPathIsProvenAndForgetsOnRollback(String sample) {
        HostLayout before = Hosts.sample(sample);
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of("10.10.1.12")).rdmaProbePort(18516).peerPaths(PEER_PATHS));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        List<String> members = plan.target().bond().members();
        HostSimulator sim = simulate(before, plan.steps(), false);
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (String m : members) {
            expected.add(m + " fe80::e42:a1ff:fe00:2000 0c:42:a1:00:20:00");
            expected.add(m + " fe80::e42:a1ff:fe00:2100 0c:42:a1:00:21:00");
        }
        assertEquals(expected, new java.util.TreeSet<>(sim.neighbours()), "the IPv4 GID needs no entry; each link-local one does, on every member");

        // Each member's entries are made in (or before) the step whose RC ping-pong first goes out from that member.
        java.util.Set<String> known = new java.util.HashSet<>();
        java.util.Set<String> proven = new java.util.HashSet<>();
        for (Step st : plan.steps()) {
            for (Action a : st.actions()) {
                List<String> argv = a.run().argv();
                if (argv.size() > 4 && argv.get(2).equals("neigh")) {
                    known.add(argv.get(argv.indexOf("dev") + 1));
                    assertEquals(List.of("ip", "-6", "neigh", "del", argv.get(4), "dev", argv.get(argv.indexOf("dev") + 1)), a.undo().get(0).argv());
                }
            }
            for (Gate g : st.postGates()) {
                if (g instanceof Gate.RdmaPingPong pp && !pp.members().isEmpty()) {
                    for (String m : pp.members()) {
                        assertTrue(known.contains(m), "step " + st.id() + " pings from " + m + " before its neighbour entries exist");
                        proven.add(m);
                    }
                }
            }
        }
        assertEquals(new java.util.HashSet<>(members), proven, "every member's path is ping-ponged by the last step");
        assertTrue(simulate(before, plan.steps(), true).neighbours().isEmpty(), "rollback removes every entry");
    }

    @Test
    void theLastStepWritesTheHookThatMakesTheEntriesAgainAtBoot() {
        HostLayout before = Hosts.sample("ab-hwroce");
        Persist persist = Persist.of(new org.networktool.layout.config.ConfigReader(java.nio.file.Path.of("..", "samples", "ab-hwroce")
                .toAbsolutePath()).read("bond0"));
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of("10.10.1.12")).rdmaProbePort(18516).peerPaths(PEER_PATHS).persist(persist));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        String hook = plan.files().stream().filter(f -> f.path().equals("/etc/network/if-up.d/network-tool-neighbours")).findFirst().orElseThrow().after();
        for (String m : plan.target().bond().members()) {
            assertTrue(hook.contains("/sbin/ip -6 neigh replace fe80::e42:a1ff:fe00:2100 lladdr 0c:42:a1:00:21:00 dev " + m + " nud permanent"), hook);
        }
        Step last = plan.steps().get(plan.steps().size() - 1);
        assertTrue(last.actions().stream().anyMatch(a -> a.run().file() != null && a.run().file().path().endsWith("network-tool-neighbours")));
    }

    @Test
    void withTheClusterKeyAPeerWhoseRocePortsAreUnknownIsRefusedAtPlanTime() {
        Plan plan = Planner.plan(PlanRequest.of(Hosts.sample("ab-hwroce")).peers(List.of("10.10.1.12", "10.10.1.13")).rdmaProbePort(18516)
                .peerPaths(PEER_PATHS));
        assertEquals(Verdict.ERRORED, plan.verdict());
        assertEquals("peers", plan.errors().get(0).subject());
        assertTrue(plan.errors().get(0).message().startsWith("no link-local RoCE port known for 10.10.1.13:"), plan.errors().toString());
    }

    @Test
    void softRoceHostsGetNoNeighbourEntries() {
        Plan plan = Planner.plan(PlanRequest.of(Hosts.sample("softroce")).peers(List.of("10.10.1.12")).rdmaProbePort(18516).peerPaths(PEER_PATHS));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        assertTrue(plan.steps().stream().flatMap(st -> st.forward().stream()).noneMatch(c -> c.argv().contains("neigh")));
    }

    private static Command strip(Command c) {
        if (c.argv().isEmpty() || !c.argv().get(0).equals("ovs-vsctl")) {
            return c;
        }
        return Command.of(c.argv().stream().filter(a -> !a.startsWith("other_config:hwaddr=")).toList());
    }

    private static HostLayout run(HostLayout before, List<Step> steps, boolean andBack) {
        return simulate(before, steps, andBack).layout();
    }

    private static HostSimulator simulate(HostLayout before, List<Step> steps, boolean andBack) {
        HostSimulator sim = new HostSimulator(Planner.withOvsRunning(before));
        for (Step s : steps) {
            s.forward().forEach(c -> assertTrue(sim.tryRun(c) || c.tolerateFailure(), c.display()));
        }
        if (andBack) {
            List<Step> reversed = new ArrayList<>(steps);
            Collections.reverse(reversed);
            reversed.forEach(s -> s.inverse().forEach(c -> assertTrue(sim.tryRun(c) || c.tolerateFailure(), c.display())));
        }
        return sim;
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
