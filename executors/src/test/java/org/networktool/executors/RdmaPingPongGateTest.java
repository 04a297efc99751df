package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RoceGids;
import org.networktool.layout.RocePortPath;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;
import org.networktool.planners.sim.HostSimulator;
import org.networktool.planners.Gate;
import org.networktool.verbscheck.FlowLabels;
import org.networktool.verbscheck.FlowPathResult;
import org.networktool.verbscheck.FlowResult;
import org.networktool.verbscheck.FlowVerdict;
import org.networktool.verbscheck.Latency;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.VerbsException;
import org.networktool.verbscheck.VerbsFailure;

/** The RC ping-pong gate's decisions on a captured host (mlx5_0 carries the storage GID), with the peer's answers made up. */
class RdmaPingPongGateTest {
    private static final HostLayout HOST = ExecutorTest.sample("ab-hwroce");
    private static final Gate GATE = new Gate.RdmaPingPong("rc ping-pong", List.of("10.10.1.12", "10.10.1.13"), 18516, List.of(), null);
    private final List<String> asked = new ArrayList<>();

    private GateResult check(java.util.function.BiFunction<RocePath, org.networktool.verbscheck.ProbePeer, PeerResult> answers) {
        return check(HOST, GATE, answers == null ? null : pinger((from, peer, at) -> answers.apply(from, peer)));
    }

    private static GateResult check(HostLayout host, Gate gate, RdmaPinger pinger) {
        return new HostGates(() -> host, GateProbes.live(c -> { throw new AssertionError("no command expected: " + c); }, pinger, null), 0).check(gate);
    }

    interface Answer {
        PeerResult apply(RocePath from, org.networktool.verbscheck.ProbePeer peer, String at);
    }

    /** A migrated peer: two members with default GIDs, and an IPv4 GID that a member's link-local path cannot reach. */
    private static final List<RocePortPath> PEER_PORTS = List.of(
            new RocePortPath("mlx5_0", 1, 1, RoceGids.linkLocalGid("0c:42:a1:00:20:00"), "0c:42:a1:00:20:00", "ens1f0"),
            new RocePortPath("mlx5_2", 1, 1, RoceGids.linkLocalGid("0c:42:a1:00:21:00"), "0c:42:a1:00:21:00", "ens2f0"),
            new RocePortPath("mlx5_0", 1, 3, RoceGids.gidOf("10.10.1.12"), "0c:42:a1:00:20:00", "bond0"));

    private static RdmaPinger pinger(Answer a) {
        return new RdmaPinger() {
            @Override
            public PeerResult ping(RocePath from, org.networktool.verbscheck.ProbePeer peer, String at) {
                return a.apply(from, peer, at);
            }

            @Override
            public List<RocePortPath> paths(org.networktool.verbscheck.ProbePeer peer) {
                return PEER_PORTS;
            }

            @Override
            public FlowPathResult flows(RocePath from, org.networktool.verbscheck.ProbePeer peer, RocePortPath at, int labels) {
                throw new AssertionError("no flow-label probe expected: not behind a port-channel");
            }
        };
    }

    /** A peer that answers each member's queue pairs on the flow labels {@code stable} gives it (member's device → labels). */
    private RdmaPinger flowPinger(java.util.Map<String, List<Integer>> stable) {
        return new RdmaPinger() {
            @Override
            public PeerResult ping(RocePath from, org.networktool.verbscheck.ProbePeer peer, String at) {
                throw new AssertionError("behind a port-channel one ping-pong on an arbitrary source port proves nothing");
            }

            @Override
            public List<RocePortPath> paths(org.networktool.verbscheck.ProbePeer peer) {
                return PEER_PORTS;
            }

            @Override
            public FlowPathResult flows(RocePath from, org.networktool.verbscheck.ProbePeer peer, RocePortPath at, int labels) {
                asked.add(from.device() + " → " + at.device());
                List<FlowResult> flows = new ArrayList<>();
                assertEquals(16, labels, "the plan's number of labels");
                for (int label = 1; label <= labels; label++) {
                    boolean ok = stable.getOrDefault(from.device(), List.of()).contains(label);
                    flows.add(new FlowResult(label, FlowLabels.udpSourcePort(label), ok ? FlowVerdict.STABLE : FlowVerdict.REPLIES_LOST, ok ? 2 : 0, 1,
                            ok ? 25.0 : null));
                }
                return new FlowPathResult(peer.host() + " " + at.device() + "/" + at.port(), from, 2, flows, 40, 900, null, null);
            }
        };
    }

    /**
     * LACP (the RoCE LAG host after its migration): the switch hashes each queue pair's 5-tuple onto a port of its own choosing,
     * so each member needs a flow label that comes back to it; a member with none is named with what was lost.
     */
    @Test
    void behindAPortChannelEachMemberNeedsAStableFlowLabelAndOneWithoutIsNamed() {
        HostLayout before = ExecutorTest.sample("lacp-roce-lag");
        GateResult ok = checkAfterMigrating("lacp-roce-lag", flowPinger(java.util.Map.of("mlx5_0", List.of(3, 9), "mlx5_1", List.of(1),
                "mlx5_2", List.of(2, 4, 16), "mlx5_3", List.of(7))));
        assertTrue(ok.passed(), ok.message());
        assertTrue(ok.message().startsWith("RC queue pairs answered on stable flow labels"), ok.message());
        assertEquals(8, asked.size(), "4 members × 2 link-local peer ports: " + asked);
        assertTrue(ok.figures().values().contains("2 of 16 flow labels stable: 3 (UDP 49155), 9 (UDP 49161)"), ok.figures().toString());
        asked.clear();
        GateResult bad = checkAfterMigrating("lacp-roce-lag", flowPinger(java.util.Map.of("mlx5_0", List.of(3), "mlx5_1", List.of(1),
                "mlx5_2", List.of(2))));
        assertFalse(bad.passed());
        assertTrue(bad.message().contains("none of 16 flow labels answered (16 replies lost, 0 requests lost)"), bad.message());
        assertTrue(before.rdma().stream().anyMatch(d -> d.name().equals("mlx5_bond_0")), "the sample is a RoCE LAG host");
    }

    /** The last step's member ping-pong gate, checked on SAMPLE as the model host leaves it after the whole plan. */
    private static GateResult checkAfterMigrating(String sample, RdmaPinger pinger) {
        HostLayout before = ExecutorTest.sample(sample);
        Plan plan = Planner.plan(PlanRequest.of(before).peers(List.of("10.10.1.12")).rdmaProbePort(18516)
                .peerPaths(java.util.Map.of("10.10.1.12", PEER_PORTS)));
        HostSimulator sim = new HostSimulator(before);
        plan.steps().forEach(st -> st.forward().forEach(c -> assertTrue(sim.tryRun(c) || c.tolerateFailure(), c.display())));
        Gate gate = plan.steps().get(plan.steps().size() - 1).postGates().stream()
                .filter(g -> g instanceof Gate.RdmaPingPong pp && !pp.members().isEmpty()).findFirst().orElseThrow();
        return check(sim.layout(), gate, pinger);
    }

    /** A degraded host (ens1f1 has no link): its member is not tried, as the [rdma] gate does not fail it; the others must answer. */
    @Test
    void aMemberWithoutItsLinkIsNotTriedAndTheOthersAre() {
        GateResult r = checkAfterMigrating("degraded", pinger((from, peer, at) -> {
            asked.add(from.device());
            return answer(from, peer, true);
        }));
        assertTrue(r.passed(), r.message());
        assertTrue(r.message().endsWith("(ens1f1 without link)"), r.message());
        assertEquals("without link: not tried", r.figures().get("ens1f1"));
        assertEquals(6, asked.size(), "3 linked members × 2 peer ports: " + asked);
    }

    @Test
    void afterTheCutoverEachMembersOwnPathPingsEveryLinkLocalPortOfThePeerAndAFailingMemberIsNamed() {
        GateResult r = checkAfterMigrating("ab-hwroce", pinger((from, peer, at) -> {
            asked.add(from.device() + " gid " + from.gidIndex() + " → " + peer + " at " + at);
            return answer(from, peer, !(from.device().equals("mlx5_3") && at.endsWith("2100")));
        }));
        assertFalse(r.passed());
        assertEquals(8, asked.size(), asked.toString());
        assertTrue(asked.stream().allMatch(a -> a.contains(" gid 1 → 10.10.1.12:18516 at fe80:")), asked.toString());
        assertTrue(r.message().contains("ens2f1 → 10.10.1.12 mlx5_2/1: send completed with retry exceeded"), r.message());
        assertEquals("mlx5_0 median 20.0 us, p99 30.0 us", r.figures().get("ens1f0 → 10.10.1.12 mlx5_0/1"));
    }

    private static PeerResult answer(RocePath from, org.networktool.verbscheck.ProbePeer peer, boolean ok) {
        return ok ? new PeerResult(peer.toString(), from, true, null, "ok", Latency.of(new long[] {10_000, 20_000, 30_000}), 5)
                : PeerResult.failed(peer.toString(), from, new VerbsException(VerbsFailure.RETRY_EXCEEDED, "send completed with retry exceeded"), 5);
    }

    @Test
    void everyPeerIsAskedFromTheStorageGidOfEachNicAndTheFiguresAreKept() {
        GateResult r = check((from, peer) -> {
            asked.add(from.device() + " gid " + from.gidIndex() + " " + from.ip() + " → " + peer);
            return answer(from, peer, true);
        });
        assertTrue(r.passed(), r.message());
        assertEquals(List.of("mlx5_0 gid 3 10.10.1.11 → 10.10.1.12:18516", "mlx5_0 gid 3 10.10.1.11 → 10.10.1.13:18516"), asked);
        assertEquals("mlx5_0 median 20.0 us, p99 30.0 us", r.figures().get("10.10.1.12 via 0000:3b:00"));
    }

    @Test
    void aPeerThatDoesNotAnswerFailsTheGateNamingTheFailure() {
        GateResult r = check((from, peer) -> answer(from, peer, !peer.host().equals("10.10.1.13")));
        assertFalse(r.passed());
        assertTrue(r.message().contains("10.10.1.13 via 0000:3b:00: send completed with retry exceeded"), r.message());
        assertEquals("retry exceeded", r.figures().get("10.10.1.13 via 0000:3b:00"));
    }

    @Test
    void withoutAKeyTheGateSaysItWasNotCheckedAndAsksNobody() {
        GateResult r = check(null);
        assertTrue(r.passed());
        assertTrue(r.message().contains("not checked"), r.message());
        assertTrue(asked.isEmpty());
    }
}
