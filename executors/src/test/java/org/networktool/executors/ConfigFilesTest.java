package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.config.ConfigReader;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.planners.Command;
import org.networktool.planners.FileWrite;
import org.networktool.planners.Persist;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;
import org.networktool.planners.Step;

/** The planned file writes on a real filesystem: forward, then the plan's undo, gives back every byte and mode. */
class ConfigFilesTest {

    /** Every file under etc/: path → permissions + content. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root.resolve("etc"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + "\n"
                        + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                    Files.setPosixFilePermissions(q, Files.getPosixFilePermissions(p));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab-hwroce", "lacp-roce-lag", "degraded", "softroce"})
    void upgradeThenUndoRestoresTheTreeByteForByte(String sample, @TempDir Path root) throws IOException {
        Path src = Path.of("..", "samples", sample).toAbsolutePath();
        copy(src.resolve("etc"), root.resolve("etc"));
        if (Files.isDirectory(src.resolve("usr"))) {
            // What the sample says is installed (NetworkManager's Open vSwitch plugin): the reader refuses a host without it.
            copy(src.resolve("usr"), root.resolve("usr"));
        }
        Map<String, String> before = tree(root);
        HostLayout l = new HostInspector(new HostRoot(src), new CapturedCommands(src), "sample").inspect(StorageSelector.AUTO);
        Plan plan = Planner.plan(PlanRequest.of(l).peers(List.of("10.10.1.12")).datapath("system").persist(Persist.of(new ConfigReader(root).read(l.storage().interfaceName()))));
        assertFalse(plan.files().isEmpty(), plan.errors().toString());
        ConfigFiles files = new ConfigFiles(root);
        Step last = plan.steps().get(plan.steps().size() - 1);
        for (Command c : last.forward()) {
            if (c.file() != null) {
                CommandOutcome o = files.apply(c.file());
                assertTrue(o.ok(), o.output());
            }
        }
        Map<String, String> migrated = tree(root);
        assertTrue(!migrated.equals(before));
        for (var f : plan.files()) {
            String path = f.path().substring(1);
            if (f.after() == null) {
                assertFalse(migrated.containsKey(path), path + " removed");
            } else {
                assertEquals(PosixFilePermissions.toString(ConfigFiles.permissions(f.mode())) + "\n" + f.after(), migrated.get(path));
            }
        }
        for (Command c : last.inverse()) {
            if (c.file() != null) {
                assertTrue(files.apply(c.file()).ok());
            }
        }
        assertEquals(before, tree(root), "rollback restores every file, its bytes and its mode");
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".network-tool.tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void writesAreIdempotentAndConfinedToEtc(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("etc/network"));
        ConfigFiles files = new ConfigFiles(root);
        FileWrite w = new FileWrite("/etc/network/interfaces", "auto lo\n", "0640");
        assertEquals("wrote /etc/network/interfaces (8 bytes)", files.apply(w).output());
        assertEquals("/etc/network/interfaces already as planned", files.apply(w).output());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/network/interfaces"))));
        FileWrite gone = new FileWrite("/etc/network/interfaces", null, "0640");
        assertTrue(files.apply(gone).ok());
        assertEquals("/etc/network/interfaces was already gone", files.apply(gone).output());
        for (String bad : List.of("/root/.ssh/authorized_keys", "/etc/../root/x", "etc/network/interfaces")) {
            CommandOutcome o = files.apply(new FileWrite(bad, "x\n", "0644"));
            assertFalse(o.ok(), bad);
            assertTrue(o.output().contains("not a configuration file under /etc/"), o.output());
        }
        CommandOutcome noDir = files.apply(new FileWrite("/etc/netplan/60.yaml", "x\n", "0600"));
        assertFalse(noDir.ok());
        assertTrue(noDir.output().contains("does not exist"), noDir.output());
    }

    @Test
    void anExecRunnerWritesFilesItselfNeverThroughAProcess(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("etc"));
        ExecRunner runner = new ExecRunner(HostAccess.LOCAL.withConfigRoot(root), java.time.Duration.ofSeconds(2));
        CommandOutcome o = runner.run(Command.write(new FileWrite("/etc/hostname", "node1\n", "0644")));
        assertTrue(o.ok(), o.output());
        assertArrayEquals("node1\n".getBytes(), Files.readAllBytes(root.resolve("etc/hostname")));
    }
}
