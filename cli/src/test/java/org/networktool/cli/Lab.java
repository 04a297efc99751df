package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.StateDir;

/** A tier-1 lab (lab/tier1) for one test class: namespaces, real userspace OVS, a peer. */
final class Lab implements AutoCloseable {
    static final Path SCRIPT = Path.of("..", "lab", "tier1").toAbsolutePath().normalize();
    final String name;
    final Map<String, String> env = new LinkedHashMap<>();

    private Lab(String name) {
        this.name = name;
    }

    static Lab up(String prefix, String switchMode) throws Exception {
        String name = prefix + (ProcessHandle.current().pid() % 10000);
        sh(List.of("bash", SCRIPT.toString(), "down", name));
        Lab lab = new Lab(name);
        String envFile = sh(List.of("bash", SCRIPT.toString(), "up", name, "--switch", switchMode)).strip();
        for (String line : Files.readAllLines(Path.of(envFile))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                lab.env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return lab;
    }

    Path dir() {
        return Path.of(env.get("LAB_DIR"));
    }

    String state() {
        return dir().resolve("state").toString();
    }

    /** Commands that read or write the host's configuration files: given the lab's root, never the machine's /etc. */
    private static final java.util.Set<String> CONFIG_COMMANDS = java.util.Set.of("upgrade", "rollback", "plan", "shell");

    /** The tool's argv inside the host namespace, pointed at the host's OVS instance and the lab's configuration root. */
    List<String> tool(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        if (!a.isEmpty() && CONFIG_COMMANDS.contains(a.get(0))) {
            a.addAll(1, List.of("--config-root", configRoot().toString()));
        }
        return toolIn(env.get("LAB_HOST_NS"), env.get("LAB_HOST_OVS_RUNDIR"), a.toArray(String[]::new));
    }

    /** The folder holding the lab host's etc/network. */
    Path configRoot() {
        return Path.of(env.get("LAB_CONFIG_ROOT"));
    }

    /** Every file under the lab host's etc/, with its permissions: what a rollback must give back byte for byte. */
    Map<String, String> configFiles() throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = Files.walk(configRoot().resolve("etc"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(configRoot().relativize(p).toString(), java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(p)) + "\n" + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    /** The tool's argv inside namespace {@code ns}. */
    static List<String> toolIn(String ns, String ovsRunDir, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "env",
                "OVS_RUNDIR=" + ovsRunDir, ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** {@code argv} started in the background with its output in the lab's directory (stop it by its Process). */
    Process background(String label, List<String> argv) throws IOException {
        return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir().resolve(label + ".out").toFile()).redirectError(dir().resolve(label + ".err").toFile()).start();
    }

    record Result(int code, String out, String err) {
    }

    Result run(String... args) throws Exception {
        return exec(tool(args), Map.of(), 300);
    }

    Process start(Map<String, String> extraEnv, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(tool(args)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir().resolve("child-" + System.nanoTime() + ".out").toFile())
                .redirectError(dir().resolve("child-" + System.nanoTime() + ".err").toFile());
        pb.environment().putAll(extraEnv);
        return pb.start();
    }

    /** A balance-tcp target over ens1f0 (NIC 1) and ens2f0 (NIC 2), LACP fast with fallback to active-backup. */
    Path balanceTcpTarget() throws IOException {
        Path target = dir().resolve("tcp.yaml");
        Files.writeString(target, """
                schema: network-tool/target/v1
                datapathType: netdev
                bond:
                  mode: balance-tcp
                  members: [ens1f0, ens2f0]
                  lacp: {mode: active, time: fast, fallbackActiveBackup: true}
                """);
        return target;
    }

    /**
     * The switch team's part of a balance-tcp migration, as in the field: once the running upgrade
     * {@code p} has journaled its cutover (in a run that is not one of {@code runsBefore}), the switch
     * ports of ens1f0 and ens2f0 become one LACP port-channel, po1.
     */
    void extendPortChannelAtCutover(Process p, List<String> runsBefore) throws Exception {
        StateDir states = new StateDir(Path.of(state()));
        long end = System.currentTimeMillis() + 120_000;
        while (!cutoverDone(states, runsBefore) && System.currentTimeMillis() < end && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(cutoverDone(states, runsBefore), "the cutover was journaled");
        in("sw", "ovs-vsctl", "del-port", "br-sw", "sw-a0", "--", "del-port", "br-sw", "sw-b0", "--", "add-bond", "br-sw", "po1",
                "sw-a0", "sw-b0", "bond_mode=balance-tcp", "lacp=active", "other_config:lacp-time=fast", "other_config:lacp-fallback-ab=true");
    }

    /**
     * The switch team's part when such a migration rolls back: once the running upgrade {@code p} journals
     * its rollback, po1 goes back to two plain ports, as it must before the host returns to one port. (Left
     * as a port-channel, its fallback to active-backup may pick ens2f0's port, where the host has no address.)
     */
    void restorePlainSwitchAtRollback(Process p, List<String> runsBefore) throws Exception {
        StateDir states = new StateDir(Path.of(state()));
        long end = System.currentTimeMillis() + 120_000;
        while (!journaled(states, runsBefore, RecordType.ROLLBACK_BEGIN) && System.currentTimeMillis() < end && p.isAlive()) {
            Thread.sleep(50);
        }
        if (journaled(states, runsBefore, RecordType.ROLLBACK_BEGIN)) {
            in("sw", "ovs-vsctl", "del-port", "br-sw", "po1", "--", "add-port", "br-sw", "sw-a0", "--", "add-port", "br-sw", "sw-b0");
        }
    }

    private static boolean journaled(StateDir state, List<String> runsBefore, RecordType type) {
        return state.runIds().stream().filter(id -> !runsBefore.contains(id)).anyMatch(id -> JournalReader.read(state.journal(id)).records()
                .stream().anyMatch(r -> r.type() == type));
    }

    /** The runs journaled in this lab's state directory so far. */
    List<String> runIds() {
        return new StateDir(Path.of(state())).runIds();
    }

    private static boolean cutoverDone(StateDir state, List<String> runsBefore) {
        return state.runIds().stream().filter(id -> !runsBefore.contains(id)).anyMatch(id -> JournalReader.read(state.journal(id)).records()
                .stream().anyMatch(r -> r.type() == RecordType.STEP_DONE && "cutover".equals(r.step())));
    }

    HostLayout inspect() throws Exception {
        Result r = run("inspect", "--nic-map", env.get("LAB_NIC_MAP"), "-o", "json");
        assertEquals(0, r.code(), r.err());
        return LayoutCodec.readLayout(r.out(), "lab inspect");
    }

    /**
     * The peer gets {@code count} echo replies from the storage IP within 10 s. A deadline rather than a fixed
     * burst: a failover in this userspace lab takes about a second (the switch relearns the MAC from the bond's
     * learning packets), and how long is a benchmark figure, not what these tests assert.
     */
    boolean peerReachesStorage(int count) throws Exception {
        return exec(List.of("ip", "netns", "exec", env.get("LAB_PEER_NS"), "ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.2",
                "-W", "1", "-w", "10", env.get("LAB_STORAGE_IP")), Map.of(), 60).code() == 0;
    }

    String in(String ns, String... argv) throws Exception {
        List<String> a = new ArrayList<>(List.of("bash", SCRIPT.toString(), "exec", name, ns));
        a.addAll(List.of(argv));
        return sh(a);
    }

    @Override
    public void close() throws Exception {
        sh(List.of("bash", SCRIPT.toString(), "down", name));
    }

    static String sh(List<String> argv) throws Exception {
        Result r = exec(argv, Map.of(), 120);
        if (r.code() != 0) {
            throw new AssertionError(argv + " failed (" + r.code() + "): " + r.err() + r.out());
        }
        return r.out();
    }

    /** A cluster key as an operator keeps one: mode 0600 (the tool refuses a key others can read). */
    static Path writeKey(Path file, String key) throws java.io.IOException {
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static Result exec(List<String> argv, Map<String, String> env, long seconds) throws Exception {
        Path out = Files.createTempFile("lab", ".out");
        Path err = Files.createTempFile("lab", ".err");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
