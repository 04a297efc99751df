package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.networktool.layout.HostLayout;
import org.networktool.layout.config.ConfigReader;
import org.networktool.planners.Command;
import org.networktool.planners.Persist;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;
import org.networktool.planners.Step;
import org.networktool.planners.Verdict;
import org.networktool.planners.persist.FileChange;

/**
 * A shipped sample migrated on paper: its configuration files as the migration's last step leaves them,
 * under a folder of its own, and its Open vSwitch database as the steps' ovs-vsctl commands leave it, in a
 * real ovsdb-server this test started (and stops, by its process).
 */
final class MigratedHost implements AutoCloseable {
    final Path root;
    final Plan plan;
    private final Path dbDir;
    private Process ovsdb;

    private MigratedHost(Path root, Plan plan, Path dbDir) {
        this.root = root;
        this.plan = plan;
        this.dbDir = dbDir;
    }

    /** The sample's files copied under {@code dir}/root, planned with its configuration, and the plan's files written there. */
    static MigratedHost of(String sample, Path dir) throws IOException {
        Path root = SampleCopy.of(sample, Files.createDirectories(dir.resolve("root")));
        // As on a host (git keeps only 0644): NetworkManager refuses a readable profile, netplan warns about one.
        for (String secret : List.of("etc/NetworkManager/system-connections", "etc/netplan")) {
            if (Files.isDirectory(root.resolve(secret))) {
                try (var files = Files.list(root.resolve(secret))) {
                    for (Path f : files.toList()) {
                        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                    }
                }
            }
        }
        HostLayout l = Child.practiceHost(sample);
        Persist persist = Persist.of(new ConfigReader(root).read(l.storage().interfaceName()));
        Plan plan = Planner.plan(PlanRequest.of(l).peers(List.of()).datapath("system").persist(persist));
        assertEquals(Verdict.APPLYABLE, plan.verdict(), () -> sample + ": " + plan.errors());
        assertTrue(!plan.files().isEmpty(), sample + ": the plan writes no configuration file");
        write(root, plan.files());
        return new MigratedHost(root, plan, dir.resolve("ovsdb"));
    }

    /** The files as the migration's last step leaves them under {@code root}. */
    static void write(Path root, List<FileChange> files) throws IOException {
        for (FileChange f : files) {
            Path p = root.resolve(f.path().substring(1));
            if (f.after() == null) {
                Files.delete(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.after());
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms(f.mode())));
            }
        }
    }

    private static String perms(String octal) {
        int m = Integer.parseInt(octal, 8);
        String rwx = "rwxrwxrwx";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            b.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return b.toString();
    }

    /** A real ovsdb-server with the vswitch schema, holding what every ovs-vsctl command of the plan's steps left. */
    Path migratedDatabase() throws Exception {
        Path sock = emptyDatabase();
        for (Step s : plan.steps()) {
            for (Command c : s.forward()) {
                if (!c.argv().isEmpty() && c.argv().get(0).equals("ovs-vsctl")) {
                    vsctl(sock, c.argv().subList(1, c.argv().size()));
                }
            }
        }
        return sock;
    }

    /** A real ovsdb-server with the vswitch schema and nothing in it: a host's first boot with Open vSwitch. */
    Path emptyDatabase() throws Exception {
        Files.createDirectories(dbDir);
        Path db = dbDir.resolve("conf.db");
        Path sock = dbDir.resolve("db.sock");
        run(List.of("ovsdb-tool", "create", db.toString(), "/usr/share/openvswitch/vswitch.ovsschema"));
        ovsdb = new ProcessBuilder("ovsdb-server", db.toString(), "--remote=punix:" + sock, "--unixctl=" + dbDir.resolve("db.ctl"),
                "--log-file=" + dbDir.resolve("ovsdb.log")).redirectErrorStream(true).redirectOutput(dbDir.resolve("ovsdb.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(sock)) {
            assertTrue(ovsdb.isAlive() && System.nanoTime() < deadline, "ovsdb-server did not start: " + Files.readString(dbDir.resolve("ovsdb.out")));
            Thread.sleep(50);
        }
        vsctl(sock, List.of("init"));
        return sock;
    }

    /** {@code host}'s files with {@code files} written over them under {@code dir}/root, without a plan (a real-world configuration and a hand-made spec). */
    static MigratedHost files(Path dir, Path host, List<FileChange> files) throws IOException {
        Path root = SampleCopy.tree(host, Files.createDirectories(dir.resolve("root")));
        write(root, files);
        return new MigratedHost(root, null, dir.resolve("ovsdb"));
    }

    static String vsctl(Path sock, List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + sock, "--no-wait", "--timeout=60"));
        argv.addAll(args);
        return run(argv);
    }

    static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + argv);
        assertEquals(0, p.exitValue(), () -> String.join(" ", argv) + " failed:\n" + out);
        return out;
    }

    @Override
    public void close() throws Exception {
        if (ovsdb != null) {
            ovsdb.destroy();
            ovsdb.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
