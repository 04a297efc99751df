package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.networktool.layout.LayoutCodec;
import org.networktool.planners.Plan;
import org.networktool.planners.Verdict;

class PlanCommandTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final Path TARGETS = Path.of("..", "samples", "targets").toAbsolutePath();

    /** The rendered plan of every sample is reviewed text: -Dgolden.update=true rewrites it after a deliberate change. */
    @ParameterizedTest
    @ValueSource(strings = {"ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce"})
    void goldenTextPlan(String sample) throws IOException {
        Run r = Run.of("plan", "--sample", sample, "--peer", "10.10.1.12");
        assertEquals(0, r.exitCode(), r.err());
        Path golden = GOLDEN.resolve("plan-" + sample + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, r.out());
        }
        assertEquals(Files.readString(golden), r.out(), "rendered plan for " + sample + " changed; review and run with -Dgolden.update=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "json"})
    void machineOutputIsThePlanValue(String format) {
        Run r = Run.of("plan", "--sample", "softroce", "-o", format);
        assertEquals(0, r.exitCode(), r.err());
        Plan p = LayoutCodec.read(r.out(), format, Plan.class, Plan.SCHEMA);
        assertEquals(Verdict.APPLYABLE, p.verdict());
        assertEquals(5, p.steps().size());
        assertEquals(r.out(), Run.of("plan", "--sample", "softroce", "-o", format).out(), "planning is deterministic");
    }

    @Test
    void upgradeDryRunPrintsThePlan() {
        Run plan = Run.of("plan", "--sample", "ab-hwroce");
        Run dry = Run.of("upgrade", "--dry-run", "--sample", "ab-hwroce");
        assertEquals(0, dry.exitCode(), dry.err());
        assertEquals(plan.out(), dry.out());
    }

    /** --timings: the same plan on stdout; on stderr, after it, each phase with its time, the host's commands inside the read. */
    @Test
    void timingsSayWhereThePlansTimeWent() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new String[] {"plan", "--sample", "ab-hwroce", "--timings"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertEquals(Run.of("plan", "--sample", "ab-hwroce").out(), out.toString(), "the plan itself is the same");
        java.util.List<String> lines = err.toString().lines().toList();
        assertEquals("timings:", lines.get(0), err.toString());
        java.util.List<String> phases = lines.stream().skip(1).map(l -> l.replaceAll(" +[0-9.]+ ms$", "")).toList();
        assertEquals("  JVM start to main", phases.get(0));
        assertEquals("  command line", phases.get(1));
        assertEquals("  the command (parse, run, print)", phases.get(2));
        assertTrue(phases.contains("    read host (sample ab-hwroce)") && phases.contains("      ip -j -d link show") && phases.contains("    plan")
                && phases.contains("      prove on the model host"), err.toString());
        assertEquals("  total, JVM start to exit", phases.get(phases.size() - 1));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches(".* [0-9.]+ ms")), err.toString());
        Run without = Run.of("plan", "--sample", "ab-hwroce");
        assertFalse(without.err().contains("timings"), "only when asked: " + without.err());
    }

    @Test
    void upgradeWithoutDryRunRefusesInThisBuild() {
        Run r = Run.of("upgrade", "--sample", "ab-hwroce");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("--dry-run"), r.err());
    }

    @Test
    void shippedTargetsPlan() {
        Run ab = Run.of("plan", "--sample", "ab-hwroce", "--target", TARGETS.resolve("active-backup.yaml").toString());
        assertEquals(0, ab.exitCode(), ab.err());
        assertTrue(ab.out().contains("[reachability] peers 10.10.1.12"), "peers from the target file");
        Run tcp = Run.of("plan", "--sample", "lacp-roce-lag", "--target", TARGETS.resolve("balance-tcp.yaml").toString());
        assertEquals(0, tcp.exitCode(), tcp.err());
        assertTrue(tcp.out().contains("[lacp-partner]"), tcp.out());
        assertTrue(tcp.out().contains("Switch team:"), tcp.out());
    }

    @Test
    void invalidTargetListsEveryErrorAndExitsTwo(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path t = tmp.resolve("bad.yaml");
        Files.writeString(t, """
                schema: network-tool/target/v1
                bond:
                  mode: balance-slb
                  members: [ens1f0, ens9f9]
                """);
        Run r = Run.of("plan", "--sample", "ab-hwroce", "--target", t.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("network-tool plan: ")), r.err());
        assertTrue(r.err().contains("bond.mode: balance-slb is refused"), r.err());
        assertTrue(r.err().contains("member ens9f9: no such interface"), r.err());
        assertTrue(r.err().contains("at least two NICs"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema: network-tool/target/v9\n", "schema: network-tool/target/v1\nbond: [1, 2\n",
        "schema: network-tool/target/v1\nbridges: x\n", "", "schema: network-tool/target/v1\nbond:\n  members: [~]\n",
        "schema: network-tool/target/v1\nmtu: 9000\nmtu: 1500\n"})
    void malformedTargetFileIsOneLine(String text, @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path t = tmp.resolve("t.yaml");
        Files.writeString(t, text);
        Run r = Run.of("plan", "--sample", "ab-hwroce", "--target", t.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().startsWith("network-tool: --target " + t), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("org.networktool") || r.err().contains("line -1"), r.err());
    }

    @Test
    void missingTargetFileAndBadOptions() {
        for (String[] args : new String[][] {
                {"plan", "--sample", "ab-hwroce", "--target", "/nonexistent/t.yaml"},
                {"plan", "--sample", "ab-hwroce", "--peer", "storage-peer.example"},
                {"plan", "--sample", "ab-hwroce", "--datapath", "dpdk"},
                {"upgrade", "--dry-run", "--sample", "nosuch"}}) {
            Run r = Run.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + " → " + r.err());
            assertEquals(1, r.errLines(), r.err());
        }
    }

    /** Peers from a target file reach ping and the probes as arguments: checked like --peer (issue 20). */
    @ParameterizedTest
    @ValueSource(strings = {"-f", "$(reboot)", "--help", "peer.example", ""})
    void aTargetFilesPeersAreCheckedLikePeer(String peer, @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path t = tmp.resolve("t.yaml");
        Files.writeString(t, "schema: network-tool/target/v1\npeers: [\"" + peer.replace("\"", "") + "\"]\n");
        Run r = Run.of("plan", "--sample", "ab-hwroce", "--target", t.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("in " + t + ": not a numeric IP address"), r.err());
    }

    /** The cluster key is read and checked before anything is planned: missing, a folder, open to others (issue 20). */
    @Test
    void aBadKeyFileStopsThePlan(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path open = tmp.resolve("open.key");
        Files.writeString(open, "a cluster key long enough\n");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        for (String key : new String[] {tmp.resolve("missing.key").toString(), tmp.toString(), open.toString()}) {
            Run r = Run.of("plan", "--sample", "ab-hwroce", "--peer", "10.10.1.12", "--key-file", key);
            assertEquals(2, r.exitCode(), key + " → " + r.out() + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().contains("cluster key"), r.err());
        }
    }

    /** No --peer: the storage interface's resolved neighbours in the storage subnet are the peers, and the plan says where they came from. */
    @Test
    void withoutPeersThePlanTakesThemFromTheNeighbourTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path root = SampleCopy.of("ab-hwroce", tmp.resolve("ab-hwroce"));
        java.nio.file.Files.writeString(root.resolve("commands/ip-neigh.json"), """
                [{"dst":"10.10.1.12","dev":"bond0","lladdr":"0c:42:a1:00:00:12","state":["REACHABLE"]},
                 {"dst":"10.10.1.1","dev":"bond0","lladdr":"0c:42:a1:00:00:01","state":["STALE"]},
                 {"dst":"10.10.1.14","dev":"bond0","state":["FAILED"]}]
                """);
        Run r = Run.of("plan", "--root", root.toString(), "--no-persist");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Storage peers 10.10.1.12 found in the neighbour table of bond0 (10.10.1.12 reachable)"), r.out());
        assertTrue(r.out().contains("peers 10.10.1.12 answer from the storage IP"), r.out());
        assertFalse(r.out().contains("No storage peers given"), r.out());
        Run given = Run.of("plan", "--root", root.toString(), "--no-persist", "--peer", "10.10.1.13");
        assertFalse(given.out().contains("10.10.1.12"), "a --peer replaces the neighbour table: " + given.out());
        Run none = Run.of("plan", "--sample", "ab-hwroce");
        assertTrue(none.out().contains("No storage peers given"), "a capture without the table: " + none.out());
    }
}
