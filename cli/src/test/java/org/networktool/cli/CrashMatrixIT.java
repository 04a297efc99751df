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
 * step). Then, on one copy of the host and its state, `rollback` must return the stub host to its
 * snapshot, and a second rollback is a no-op; on another, `upgrade --resume` must finish the
 * migration with the [target] check passed and leave the host exactly as an uninterrupted run does.
 */
class CrashMatrixIT {
    @TempDir
    Path tmp;

    /** The two samples' matrices side by side: each case is a JVM start, and CI's machine has two cores. */
    @Test
    void killAtEveryCommandBoundaryThenRollbackOrResume() throws Exception {
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
        HostLayout migrated = uninterrupted(sample, original);
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
                failures.addAll(resumed(sample + " " + point + ":" + n, dir, migrated));
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

    /** The host after an upgrade nobody interrupted: what every resumed run must end as. */
    private HostLayout uninterrupted(String sample, HostLayout original) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(sample + "-uninterrupted"));
        Path host = Child.writeHost(dir, "host.yaml", original);
        Run r = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", dir.resolve("state").toString(), "--yes",
                "--confirm-timeout", "0");
        assertEquals(0, r.exitCode(), r.err());
        return Child.readHost(host);
    }

    /** On a copy of the killed run's host and state: `upgrade --resume` finishes it; what went wrong, if anything. */
    private List<String> resumed(String where, Path killed, HostLayout migrated) throws Exception {
        Path dir = killed.resolveSibling(killed.getFileName() + "-resumed");
        copyTree(killed, dir);
        Path host = dir.resolve("host.yaml");
        String state = dir.resolve("state").toString();
        List<String> ids;
        try (var files = Files.list(dir.resolve("state").resolve("runs"))) {
            ids = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".journal")).map(f -> f.replace(".journal", "")).toList();
        }
        if (ids.size() != 1) {
            return List.of(where + " resume: expected one journal, found " + ids);
        }
        Run r = Run.of("upgrade", "--resume", ids.get(0), "--simulated-host", host.toString(), "--state-dir", state, "--yes",
                "--confirm-timeout", "0");
        var diff = LayoutDiff.between(migrated, Child.readHost(host));
        String journal = Files.readString(dir.resolve("state").resolve("runs").resolve(ids.get(0) + ".journal"));
        if (r.exitCode() != 0 || !diff.isEmpty() || !journal.contains("after [target] the host matches the target")) {
            return List.of(where + " resume → exit " + r.exitCode() + " " + r.err().strip() + " diff from an uninterrupted run " + diff
                    + (journal.contains("[target]") ? "" : " (no [target] check journaled)"));
        }
        return List.of();
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
