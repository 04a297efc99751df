package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;

/**
 * Crash matrix on the recording host stub: `upgrade` runs in a child JVM that is killed with a
 * real SIGKILL before and after each of its commands (so at every step boundary and inside every
 * step), then `rollback` must return the stub host to its snapshot, and a second rollback is a no-op.
 */
class CrashMatrixIT {
    @TempDir
    Path tmp;

    /** The two samples' matrices side by side: each case is a JVM start, and CI's machine has two cores. */
    @Test
    void killAtEveryCommandBoundaryThenRollback() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
            for (String sample : List.of("ab-hwroce", "softroce")) {
                runs.add(pool.submit(() -> matrix(sample)));
            }
            for (java.util.concurrent.Future<List<String>> run : runs) {
                assertEquals(List.of(), run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> matrix(String sample) throws Exception {
        HostLayout original = Child.practiceHost(sample);
        Plan plan = Planner.plan(PlanRequest.of(original).peers(List.of()).datapath("system"));
        int commands = plan.steps().stream().mapToInt(s -> s.actions().size()).sum();
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        int cases = 0;
        for (int n = 1; n <= commands; n++) {
            for (String point : List.of("before", "after")) {
                cases++;
                Path dir = Files.createDirectories(tmp.resolve(sample + "-" + point + "-" + n));
                Path host = Child.writeHost(dir, "host.yaml", original);
                Process p = Child.start(dir, Map.of("NETWORK_TOOL_PAUSE", point + ":" + n, "NETWORK_TOOL_PAUSE_FILE", dir.resolve("host.yaml.paused").toString()), "upgrade", "--simulated-host",
                        host.toString(), "--state-dir", dir.resolve("state").toString(), "--yes", "--confirm-timeout", "0");
                String paused = Child.await(dir.resolve("host.yaml.paused"), 60);
                Child.kill9(Long.parseLong(paused.split(" ")[0]));
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, p.exitValue(), "killed by SIGKILL");
                Run r = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", dir.resolve("state").toString());
                var diff = LayoutDiff.between(original, Child.readHost(host));
                if (r.exitCode() != 0 || !diff.isEmpty()) {
                    failures.add(sample + " " + point + ":" + n + " → exit " + r.exitCode() + " " + r.err().strip() + " diff " + diff);
                }
                Run again = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", dir.resolve("state").toString());
                if (again.exitCode() != 0 || !again.out().contains("already rolled back")) {
                    failures.add(sample + " " + point + ":" + n + " second rollback: " + again.out() + again.err());
                }
            }
        }
        System.out.printf("crash matrix %s: %d kill points over %d commands, %.1f s%n", sample, cases, commands, (System.nanoTime() - t0) / 1e9);
        return failures;
    }
}
