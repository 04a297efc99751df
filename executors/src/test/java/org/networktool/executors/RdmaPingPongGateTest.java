package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.planners.Gate;
import org.networktool.planners.GateKind;
import org.networktool.verbscheck.Latency;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.VerbsException;
import org.networktool.verbscheck.VerbsFailure;

/** The RC ping-pong gate's decisions on a captured host (mlx5_0 carries the storage GID), with the peer's answers made up. */
class RdmaPingPongGateTest {
    private static final HostLayout HOST = ExecutorTest.sample("ab-hwroce");
    private static final Gate GATE = Gate.of(GateKind.RDMA_PINGPONG, "rc ping-pong", "peers", "10.10.1.12,10.10.1.13", "port", "18516");
    private final List<String> asked = new ArrayList<>();

    private GateResult check(RdmaPinger pinger) {
        return new HostGates(() -> HOST, c -> { throw new AssertionError("no command expected: " + c); }, true, 0, pinger).check(GATE);
    }

    private PeerResult answer(RocePath from, org.networktool.verbscheck.ProbePeer peer, boolean ok) {
        asked.add(from.device() + " gid " + from.gidIndex() + " " + from.ip() + " → " + peer);
        return ok ? new PeerResult(peer.toString(), from, true, null, "ok", Latency.of(new long[] {10_000, 20_000, 30_000}), 5)
                : PeerResult.failed(peer.toString(), from, new VerbsException(VerbsFailure.RETRY_EXCEEDED, "send completed with retry exceeded"), 5);
    }

    @Test
    void everyPeerIsAskedFromTheStorageGidOfEachNicAndTheFiguresAreKept() {
        GateResult r = check((from, peer) -> answer(from, peer, true));
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
