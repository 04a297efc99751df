package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.planners.Gate;

/**
 * Each gate's check on a captured host after a migration (migrated-ovs: br-storage, bond-storage over ens1f0 and ens2f0,
 * storage 10.10.1.11/24), with made-up probe answers where the gate asks beyond the layout. The RC ping-pong and path
 * gates have their own tests (RdmaPingPongGateTest, PathGateTest), the [rdma] check the planner's (HardwareRoceModelTest).
 */
class GateChecksTest {
    private static final Path ROOT = Path.of("..", "samples", "migrated-ovs").toAbsolutePath();
    private static final HostLayout HOST = new HostInspector(new HostRoot(ROOT), new CapturedCommands(ROOT), "migrated-ovs").inspect(StorageSelector.AUTO);

    /** Probe answers a test sets; what it does not set answers as a practice host does. */
    private static final class Probes extends PracticeProbes {
        List<String> missing = List.of();
        Set<String> answering = Set.of();
        String lacp;
        OptionalInt handlers = OptionalInt.empty();
        OvsDbOnDisk.Names db;

        @Override
        public List<String> missingTools(List<String> tools) {
            return tools.stream().filter(missing::contains).toList();
        }

        @Override
        public Optional<String> ping(String peer, String source) {
            return answering.contains(peer) && source != null ? Optional.of("rtt 0.1/0.1/0.1/0.0 ms") : Optional.empty();
        }

        @Override
        public Optional<CommandOutcome> lacpShow(String bond) {
            return Optional.ofNullable(lacp).map(t -> new CommandOutcome(0, t, 1));
        }

        @Override
        public OptionalInt handlerThreads() {
            return handlers;
        }

        @Override
        public Optional<OvsDbOnDisk.Names> databaseOnDisk() {
            return Optional.ofNullable(db);
        }
    }

    private final Probes probes = new Probes();

    private GateResult check(Gate g) {
        return new HostGates(() -> HOST, probes, 0).check(g);
    }

    @Test
    void preflightNamesTheMissingTools() {
        Gate g = new Gate.Preflight("tools", List.of("ip", "ovs-vsctl", "rdma"));
        assertTrue(check(g).passed());
        probes.missing = List.of("rdma");
        GateResult r = check(g);
        assertFalse(r.passed());
        assertEquals("rdma is not installed", r.message());
    }

    @Test
    void storageIpOnExactlyTheNamedInterface() {
        assertTrue(check(new Gate.StorageIp("ip", "storage", List.of("10.10.1.11/24"))).passed());
        GateResult r = check(new Gate.StorageIp("ip", "bond0", List.of("10.10.1.11/24")));
        assertFalse(r.passed());
        assertEquals("storage IP on storage, expected bond0", r.message());
    }

    @Test
    void bridgeAndItsPortAndTheDaemonsHandlerThreads() {
        Gate g = new Gate.OvsBridge("bridge", "br-storage", "storage");
        assertTrue(check(g).passed(), "handlers not counted: the bridge is all there is to check");
        assertFalse(check(new Gate.OvsBridge("bridge", "br-storage", "nosuch")).passed());
        probes.handlers = OptionalInt.of(2);
        GateResult two = check(g);
        assertTrue(two.passed() && two.message().contains("2 upcall handler threads"), two.message());
        probes.handlers = OptionalInt.of(0);
        GateResult none = check(g);
        assertFalse(none.passed());
        assertTrue(none.message().contains("restart openvswitch-switch"), none.message());
    }

    @Test
    void bondMembersEnabledWithAnActiveOne() {
        assertTrue(check(new Gate.OvsBond("bond", "bond-storage", List.of("ens1f0", "ens2f0"))).passed());
        GateResult r = check(new Gate.OvsBond("bond", "bond-storage", List.of("ens1f0", "ens1f1")));
        assertFalse(r.passed());
        assertTrue(r.message().contains("ens1f1"), r.message());
        assertFalse(check(new Gate.OvsBond("bond", "bond-nosuch", List.of("ens1f0"))).passed());
    }

    @Test
    void lacpOnePartnerForEveryMember() {
        Gate g = new Gate.LacpPartner("lacp", "bond-storage");
        assertTrue(check(g).passed(), "nothing to ask: not checked");
        String member = "member: %s: current attached\n  partner sys_id: %s\n  partner key: 17\n";
        probes.lacp = "---- bond-storage ----\n" + member.formatted("ens1f0", "00:1c:73:aa:bb:cc") + member.formatted("ens2f0", "00:1c:73:aa:bb:cc");
        assertTrue(check(g).passed());
        probes.lacp = "---- bond-storage ----\n" + member.formatted("ens1f0", "00:1c:73:aa:bb:cc") + member.formatted("ens2f0", "00:1c:73:dd:ee:ff");
        GateResult split = check(g);
        assertFalse(split.passed());
        assertTrue(split.message().contains("not one port-channel"), split.message());
        probes.lacp = "---- bond-storage ----\n" + member.formatted("ens1f0", "00:00:00:00:00:00") + member.formatted("ens2f0", "00:1c:73:aa:bb:cc");
        assertFalse(check(g).passed());
    }

    @Test
    void reachabilityNamesThePeersThatDoNotAnswer() {
        probes.answering = Set.of("10.10.1.12");
        assertTrue(check(new Gate.Reachability("peers", List.of("10.10.1.12"))).passed());
        GateResult r = check(new Gate.Reachability("peers", List.of("10.10.1.12", "10.10.1.13")));
        assertFalse(r.passed());
        assertEquals("no answer from 10.10.1.13", r.message());
        assertEquals("unreachable", r.figures().get("10.10.1.13"));
    }

    @Test
    void persistedNamesWhatTheDatabaseFileLacks() {
        Gate g = new Gate.OvsPersisted("db", "br-storage", "bond-storage", List.of("ens1f0", "ens2f0"), "storage");
        assertTrue(check(g).passed(), "no database file to read: not checked");
        probes.db = new OvsDbOnDisk.Names(Set.of("br-storage"), Set.of("bond-storage", "storage"), Set.of("ens1f0", "ens2f0"), "/etc/openvswitch/conf.db", null);
        assertTrue(check(g).passed());
        probes.db = new OvsDbOnDisk.Names(Set.of("br-storage"), Set.of("storage"), Set.of("ens1f0"), "/etc/openvswitch/conf.db", null);
        GateResult r = check(g);
        assertFalse(r.passed());
        assertTrue(r.message().contains("port bond-storage") && r.message().contains("interface ens2f0"), r.message());
    }

    @Test
    void theTargetIsNoStepsGate() {
        assertFalse(check(new Gate.Target("target")).passed());
    }

    @Test
    void aGateIsWrittenWithItsKindAndReadBackAsTheSameValue() throws Exception {
        for (Gate g : List.of(new Gate.Preflight("p", List.of("ip")), new Gate.RdmaPingPong("pp", List.of("10.10.1.12"), 18515, List.of("ens1f0"), 16),
                new Gate.PathSymmetry("ps", "bond-storage", List.of("10.10.1.12"), 4791, 4, 8), new Gate.Rdma("r", List.of()))) {
            String json = org.networktool.layout.LayoutCodec.toJson(g);
            assertTrue(json.contains("\"kind\" : \"" + g.kind().name() + "\""), json);
            assertEquals(g, org.networktool.layout.LayoutCodec.fromJsonLine(json.replace("\n", " "), Gate.class));
        }
    }
}
