package org.networktool.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.Ovs;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;

/** network-tool in a child JVM (so it can be killed for real), and practice hosts made from samples. */
final class Child {
    private Child() {
    }

    static HostLayout practiceHost(String sample) {
        Path root = Path.of("..", "samples", sample).toAbsolutePath();
        HostLayout l = new HostInspector(new HostRoot(root), new CapturedCommands(root), "sample " + sample).inspect(StorageSelector.AUTO);
        return new HostLayout(l.schema(), l.hostname(), l.source(), l.storage(), l.nics(), l.netdevs(), l.bonds(), l.routes(),
                new Ovs(true, "3.1.0", List.of()), l.rdma(), List.of());
    }

    static Path writeHost(Path dir, String name, HostLayout l) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, LayoutCodec.toYaml(l));
        return f;
    }

    static HostLayout readHost(Path f) throws IOException {
        return LayoutCodec.readLayout(Files.readString(f), f.toString());
    }

    static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        // A short-lived tool run: C1 and the serial collector start it ~25 % sooner (as in the lab's guests).
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("child-" + System.nanoTime() + ".out").toFile())
                .redirectError(dir.resolve("child-" + System.nanoTime() + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits for a file to appear (the paused marker, a journal record); fails after the limit. */
    static String await(Path file, long seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(file) && Files.size(file) > 0) {
                return Files.readString(file);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " did not appear within " + seconds + " s");
    }

    /** Waits until the newest run in the state directory reaches a state; returns its id. */
    static String awaitState(org.networktool.rollback.StateDir state, org.networktool.rollback.RunState want, long seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            List<String> ids = Files.isDirectory(state.runs()) ? state.runIds() : List.of();
            if (!ids.isEmpty()) {
                String id = ids.get(ids.size() - 1);
                if (org.networktool.rollback.RunState.of(org.networktool.rollback.JournalReader.read(state.journal(id))) == want) {
                    return id;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run reached " + want + " within " + seconds + " s");
    }

    /** The watchdog journals the rollback before it prints its last line: wait for the line, not just the state. */
    static String awaitFileContains(Path file, String text, long seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000;
        String content = "";
        while (System.currentTimeMillis() < end) {
            content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(file + " never said '" + text + "':\n" + content);
    }

    /** A real SIGKILL by PID, as an operator's kill -9 or the OOM killer would do it. */
    static void kill9(long pid) throws Exception {
        Process k = new ProcessBuilder("kill", "-9", String.valueOf(pid)).start();
        k.waitFor(10, TimeUnit.SECONDS);
    }
}
