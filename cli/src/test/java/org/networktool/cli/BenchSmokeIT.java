package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tier-1 benchmarks in their smoke form (one run each): they run, tear their lab down and print complete figures that
 * hold together (each script checks its own and fails otherwise). Not a goal check: the figures are in the notes. The
 * tier-2 benchmarks' smoke reads the figures of Tier2LabIT's own run (bench-hwroce, bench-rdma-failover --from);
 * bench-verbs boots a pair of its own ({@link BenchVerbsSmokeIT}, in the tier-2 lane).
 */
class BenchSmokeIT {
    private static final Path LAB = Path.of("..", "lab").toAbsolutePath().normalize();

    static Lab.Result bench(String name) throws Exception {
        Lab.Result r = Lab.exec(List.of("bash", LAB.resolve(name).toString(), "--smoke"), Map.of(), 1500);
        System.out.print(r.out());
        return r;
    }

    @Test
    void benchCutoverPrintsBothCasesAndASummary() throws Exception {
        Lab.Result r = bench("bench-cutover");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tool ")) && r.out().lines().anyMatch(l -> l.startsWith("naive ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("summary: change-window gap median tool ") && l.endsWith("0 runs thrown out")),
                r.out());
        assertLabDown("bc");
    }

    /** No lab of the bench's (named PREFIX and its PID) is left up: namespaces, OVS daemons, run directory. */
    private static void assertLabDown(String prefix) throws Exception {
        assertEquals(List.of(), Lab.exec(List.of("bash", "-c", "ls /run/network-tool-lab 2>/dev/null | grep '^" + prefix + "[0-9]' || true"),
                Map.of(), 30).out().lines().toList(), "the bench's lab is down");
    }

    @Test
    void benchPathsPrintsTheProbeAndTheWatchFigures() throws Exception {
        Lab.Result r = bench("bench-paths");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("bench-paths: path-probe 256 tuples: median ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("bench-paths: watch detection after the active member's link goes down")), r.out());
        assertLabDown("bp");
    }

    @Test
    void benchStartPrintsEveryCommandBothWaysAndASummary() throws Exception {
        Lab.Result r = bench("bench-start");
        assertEquals(0, r.code(), r.err() + r.out());
        for (String c : List.of("java -version (floor)", "--version", "--help", "inspect --sample ab-hwroce", "plan --sample ab-hwroce", "journal list",
                "verbs-check", "shell: plan, the first", "shell: plan, after it")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(c + " ") && l.matches(".*[0-9]\\.[0-9]{3}s.*")), c + ":\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("summary: plan --sample ab-hwroce ") && l.contains(" with the archive, ")
                && l.matches(".*goals 0\\.5 s and 50 ms: (met|not met), (met|not met)$")), r.out());
    }
}
