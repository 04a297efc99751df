package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;

/** With a probe port (upgrade --key-file), every step is gated by RC ping-pong to the peers; without, by nothing of the kind. */
class RdmaPingPongGateTest {

    @Test
    void aProbePortGatesThePreflightAndEveryStep() {
        HostLayout l = Hosts.sample("softroce");
        Plan plan = Planner.plan(PlanRequest.of(l).peers(List.of("192.0.2.2")).datapath("system").rdmaProbePort(18600));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), plan.errors().toString());
        assertEquals(18600, plan.target().rdmaProbePort());
        for (int i = 0; i < plan.steps().size(); i++) {
            Step s = plan.steps().get(i);
            List<Gate> gates = i == 0 ? s.preGates() : s.postGates();
            List<Gate> pp = gates.stream().filter(g -> g.kind() == GateKind.RDMA_PINGPONG).toList();
            assertEquals(1, pp.size(), "step " + s.id() + ": " + gates);
            Gate.RdmaPingPong g = (Gate.RdmaPingPong) pp.get(0);
            assertEquals(List.of("192.0.2.2"), g.peers());
            assertEquals(18600, g.port());
            assertTrue(pp.get(0).description().contains("at least one path per NIC"));
        }
    }

    @Test
    void withoutAProbePortOrWithoutPeersThereIsNoSuchGate() {
        HostLayout l = Hosts.sample("softroce");
        for (Plan p : List.of(Planner.plan(PlanRequest.of(l).peers(List.of("192.0.2.2")).datapath("system")), Planner.plan(PlanRequest.of(l).peers(List.of()).datapath("system").rdmaProbePort(18600)))) {
            assertTrue(p.steps().stream().flatMap(s -> java.util.stream.Stream.concat(s.preGates().stream(), s.postGates().stream()))
                    .noneMatch(g -> g.kind() == GateKind.RDMA_PINGPONG));
        }
    }
}
