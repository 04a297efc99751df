package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import java.util.List;
import org.networktool.planners.Gate;

/** A round of gates shares one read of the host; a gate that retries reads afresh, and the next gates see that read. */
class GateRoundTest {
    private static final HostLayout HOST = ExecutorTest.sample("ab-hwroce");
    private static final Gate ON_BOND0 = new Gate.StorageIp("storage IP on bond0", "bond0", List.of(HOST.storage().addresses().get(0)));
    private static final Gate MISSING_BOND = new Gate.OvsBond("bond", "bond-storage", List.of("ens1f0"));
    private final AtomicInteger reads = new AtomicInteger();

    private HostGates gates(long settleMs) {
        return new HostGates(() -> {
            reads.incrementAndGet();
            return HOST;
        }, GateProbes.practice(), settleMs);
    }

    @Test
    void outsideARoundEveryGateReadsTheHost() {
        HostGates g = gates(0);
        assertTrue(g.check(ON_BOND0).passed());
        assertTrue(g.check(ON_BOND0).passed());
        assertEquals(2, reads.get());
    }

    @Test
    void aRoundReadsOnceForAllItsGates() {
        GateChecker round = gates(0).round();
        for (int i = 0; i < 4; i++) {
            assertTrue(round.check(ON_BOND0).passed());
        }
        assertEquals(1, reads.get());
        GateChecker next = gates(0).round();
        next.check(ON_BOND0);
        assertEquals(2, reads.get(), "a new round reads the host again");
    }

    @Test
    void aGateThatRetriesReadsAfreshEachAttempt() {
        GateChecker round = gates(500).round();
        GateResult r = round.check(MISSING_BOND);
        assertFalse(r.passed(), r.message());
        int attempts = Integer.parseInt(r.figures().get("attempts"));
        assertTrue(attempts >= 2, "retried within the settle time: " + r.figures());
        assertEquals(attempts, reads.get(), "the first attempt read the host, every retry read it again");
        round.check(ON_BOND0);
        assertEquals(attempts, reads.get(), "the gate after it uses the newest read");
    }

    @Test
    void aRoundAfterAnotherStartsFromItsNewestRead() {
        HostGates g = gates(0);
        GateChecker first = g.round();
        first.check(ON_BOND0);
        GateChecker next = g.roundAfter(first);
        next.check(ON_BOND0);
        assertEquals(1, reads.get(), "the next round goes on from the first round's read");
        g.roundAfter(g.round()).check(ON_BOND0);
        assertEquals(2, reads.get(), "after a round that read nothing, the host is read");
    }
}
