package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;

class PlannerPropertyTest {

    static Stream<String> migratable() {
        return Stream.of("ab-hwroce", "lacp-roce-lag", "degraded", "softroce", "real-kernel-ab-rxe");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migratable")
    void samplePlansAreSound(String sample) {
        HostLayout l = Hosts.sample(sample);
        TargetDeriver.Derivation d = TargetDeriver.derive(l, "system");
        assertEquals(List.of(), d.errors());
        Plan p = Planner.plan(PlanRequest.of(l).target(d.target()));
        assertEquals(Verdict.APPLYABLE, p.verdict(), () -> p.errors().toString());
        assertEquals(List.of(), PlanProperties.check(l, p));
        assertEquals(List.of(), PlanProperties.checkCrashRecovery(l, p));
        assertEquals(1, p.steps().stream().filter(Step::interruptsStorage).count(), "exactly one interrupting step");
    }

    @Test
    void migratedHostIsNothingToDo() {
        HostLayout l = Hosts.sample("migrated-ovs");
        Plan p = Planner.plan(PlanRequest.of(l).target(TargetDeriver.derive(l, "system").target()));
        assertEquals(Verdict.EMPTY, p.verdict());
        assertTrue(p.steps().isEmpty());
        assertTrue(p.notes().get(0).startsWith("nothing to do"), p.notes().toString());
    }

    /** 600 generated hosts: every plan is sound, and every refusal is justified. */
    @Test
    void generatedHostPlansAreSound() {
        int planned = 0;
        for (long seed : LongStream.range(1, 601).toArray()) {
            HostLayout l = Hosts.generated(seed);
            TargetDeriver.Derivation d = TargetDeriver.derive(l, seed % 2 == 0 ? "system" : "netdev");
            if (!d.errors().isEmpty()) {
                assertTrue(noFreeMatchingPort(l), "seed " + seed + ": derivation refused although a port was free: " + d.errors());
                continue;
            }
            Plan p = Planner.plan(PlanRequest.of(l).target(d.target()));
            assertEquals(Verdict.APPLYABLE, p.verdict(), () -> "seed " + seed + ": " + p.errors());
            List<String> violations = PlanProperties.check(l, p);
            assertEquals(List.of(), violations, "seed " + seed);
            if (seed % 5 == 0) {
                assertEquals(List.of(), PlanProperties.checkCrashRecovery(l, p), "seed " + seed);
            }
            planned++;
        }
        System.out.println("generated hosts: " + planned + " of 600 planned and proven; the rest refused for want of a free matching port");
        assertTrue(planned > 300, "too few generated hosts were plannable to prove much: " + planned);
    }

    private static boolean noFreeMatchingPort(HostLayout l) {
        StorageSource src = StorageSource.of(l).orElseThrow();
        String nic0 = l.netdev(src.ports().get(0)).map(Netdev::nic).orElseThrow();
        Integer speed = l.netdev(src.ports().get(0)).map(Netdev::speedMbps).orElse(null);
        return l.netdevs().stream().filter(n -> n.nic() != null && !n.nic().equals(nic0))
                .noneMatch(n -> TargetDeriver.unusable(l, n, speed) == null);
    }
}
