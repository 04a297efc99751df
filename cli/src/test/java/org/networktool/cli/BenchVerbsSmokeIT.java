package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * lab/bench-verbs in its smoke form: a guest pair of its own (Soft-RoCE on a real bond0), one run of each side, a few
 * minutes under TCG. In the tier-2 lane, beside the rest of the suite (cli/pom.xml): one guest pair at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Tier2LabIT.GUEST_PAIRS)
class BenchVerbsSmokeIT {
    @Test
    void benchVerbsMeasuresBothSidesInOneBoot() throws Exception {
        Lab.Result r = BenchSmokeIT.bench("bench-verbs");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("bench-verbs: Java RC ping-pong ") && l.contains("(median of 1 runs, 0 thrown out")),
                r.out());
    }
}
