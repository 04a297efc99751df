package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captured roots made hostile (issue 20): whatever a capture holds, {@code inspect --root} and {@code plan --root}
 * read nothing outside it, never block, and turn each bad value into a warning naming its file — never an internal
 * error. The tests run as root in CI, as the tool does on a host.
 */
class HostileCaptureTest {
    private static final String MARKER = "MARKER-OUTSIDE-THE-ROOT-5f3a";

    @TempDir
    static Path tmp;

    /** A copy of a sample whose capture is then spoiled. */
    private static Path copy(String sample, String name) throws IOException {
        return SampleCopy.of(sample, tmp.resolve(name));
    }

    private static Path outside() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("outside"));
        for (String f : List.of("secret", "address", "operstate", "mtu", "uevent", "hostname")) {
            Files.writeString(dir.resolve(f), MARKER + "\n");
        }
        return dir;
    }

    private static void link(Path root, String relative, Path target) throws IOException {
        Path p = root.resolve(relative);
        SampleCopy.delete(p);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, target);
    }

    private static Run inspect(Path root, String... more) {
        String[] argv = Stream.concat(Stream.of("inspect", "--root", root.toString()), Stream.of(more)).toArray(String[]::new);
        return Run.of(argv);
    }

    private static void readsAndWarns(Run r, String file, String says) {
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertFalse(r.err().contains("internal error"), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains(file) && l.contains(says)), "warning on " + file + ": " + r.out());
    }

    /** Every way out of the root in one capture; the marker outside must appear in no output of inspect or plan. */
    @Test
    void aCaptureWithLinksOutOfItsRootReadsNothingOutside() throws IOException {
        Path out = outside();
        Path root = copy("ab-hwroce", "links-out");
        link(root, "proc/sys/kernel/hostname", out.resolve("secret"));
        link(root, "etc/hostname", out.resolve("hostname"));
        link(root, "sys/class/net/ens1f0/address", out.resolve("address"));
        link(root, "sys/class/net/ens1f1/device/uevent", out.resolve("uevent"));
        link(root, "proc/net/bonding/bond0", out.resolve("secret"));
        link(root, "commands/ip-addr.json", out.resolve("secret"));
        link(root, "sys/class/net/eno1", out); // a whole netdev directory elsewhere
        link(root, "sys/class/infiniband/mlx5_3/ports", Path.of("../../../../../outside")); // relative, still out
        List<Run> runs = List.of(inspect(root), inspect(root, "-o", "json"), inspect(root, "-o", "yaml"),
                Run.of("plan", "--root", root.toString(), "--storage-if", "bond0"),
                Run.of("plan", "--root", root.toString(), "--storage-if", "bond0", "-o", "json"));
        for (Run r : runs) {
            assertFalse((r.out() + r.err()).contains(MARKER), "read outside the root:\n" + r.out() + r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
        Run text = runs.get(0);
        for (String f : List.of("/proc/sys/kernel/hostname", "/sys/class/net/ens1f0/address", "/sys/class/net/eno1",
                "/proc/net/bonding/bond0", "/sys/class/infiniband/mlx5_3/ports")) {
            readsAndWarns(text, f, "leaves the captured root");
        }
        assertTrue(text.out().contains("ip-addr.json: a link that leaves the captured root"), text.out());
    }

    @Test
    void aConfigurationFileLinkedOutOfTheRootIsNotReadNorPlanned() throws IOException {
        Path out = outside();
        Path root = copy("ab-hwroce", "config-out");
        link(root, "etc/network/interfaces.d/storage", out.resolve("secret"));
        for (String format : List.of("text", "json")) {
            Run r = Run.of("plan", "--root", root.toString(), "-o", format);
            assertFalse((r.out() + r.err()).contains(MARKER), "read outside the root:\n" + r.out() + r.err());
            assertFalse(r.err().contains("internal error"), r.err());
            assertTrue((r.out() + r.err()).contains("/etc/network/interfaces.d/storage: a link that leaves the captured root"),
                    r.out() + r.err());
        }
    }

    @Test
    void anInterfaceNameFromACommandCannotClimbOutOfTheRoot() throws IOException {
        Path out = outside();
        Path root = copy("ab-hwroce", "dotdot");
        Path ipLink = root.resolve("commands/ip-link.json");
        String up = "../".repeat(12) + out.toString().substring(1);
        Files.writeString(ipLink, Files.readString(ipLink).replaceFirst("\"ifname\": ?\"eno1\"", "\"ifname\":\"" + up + "\""));
        Run r = inspect(root, "-o", "json");
        assertFalse(r.out().contains(MARKER), r.out());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("is not a name Linux gives a network device, ignored"), r.out());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void devicesAndFifosAreNotRead() throws Exception {
        Path root = copy("ab-hwroce", "specials");
        link(root, "sys/class/net/ens1f0/address", Path.of("/dev/zero")); // outside: refused before its type matters
        Path fifo = root.resolve("sys/class/net/ens1f0/mtu");
        Files.delete(fifo);
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        Path zero = root.resolve("zero");
        assertEquals(0, new ProcessBuilder("mknod", zero.toString(), "c", "1", "5").start().waitFor());
        link(root, "sys/class/net/ens1f1/address", Path.of("../../../../zero"));
        Run r = inspect(root);
        readsAndWarns(r, "/sys/class/net/ens1f0/mtu", "not a regular file");
        readsAndWarns(r, "/sys/class/net/ens1f1/address", "not a regular file");
        readsAndWarns(r, "/sys/class/net/ens1f0/address", "leaves the captured root");
    }

    @Test
    void aFileLargerThanAnyRealOneIsNotRead() throws IOException {
        Path root = copy("ab-hwroce", "large");
        try (var ch = java.nio.channels.FileChannel.open(root.resolve("commands/ip-route4.json"),
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'['}), 40L << 20); // sparse: 40 MiB on paper
        }
        Run r = inspect(root);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ip-route4.json: larger than 16 MiB, not read"), r.out());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("speed 99999999999", "sys/class/net/ens1f0/speed", "99999999999", "ens1f0"),
                Arguments.of("PCI_SLOT_NAME garbage", "sys/class/net/ens1f0/device/uevent", "DRIVER=mlx5_core\nPCI_SLOT_NAME=garbage",
                        "PCI_SLOT_NAME is not a PCI address"),
                Arguments.of("GID zzzz", "sys/class/infiniband/mlx5_0/ports/1/gids/1", "zzzz:0000:0000:0000:0000:ffff:0a0a:010b",
                        "mlx5_0"),
                Arguments.of("GID index abc", "sys/class/infiniband/mlx5_0/ports/1/gids/abc", "fe80:0000:0000:0000:ba59:9fff:fe3b:0100",
                        "/sys/class/infiniband/mlx5_0/ports/1/gids/abc: not a number"),
                Arguments.of("port x", "sys/class/infiniband/mlx5_1/ports/x/state", "4: ACTIVE",
                        "/sys/class/infiniband/mlx5_1/ports/x: not a number"),
                Arguments.of("deep ip-link", "commands/ip-link.json", "[".repeat(100_000) + "]".repeat(100_000), "nesting depth"),
                Arguments.of("ifindex word", "sys/class/net/ens1f0/ifindex", "first", "ens1f0"),
                Arguments.of("not UTF-8", "sys/class/net/ens1f0/operstate", "\u00ff\u00fe", "ens1f0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsAWarningNotAnInternalError(String name, String file, String content, String said) throws IOException {
        Path root = copy("ab-hwroce", name.replace(' ', '-'));
        Files.createDirectories(root.resolve(file).getParent());
        if (content.startsWith("\u00ff")) {
            Files.write(root.resolve(file), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        } else {
            Files.writeString(root.resolve(file), content + "\n");
        }
        for (String format : List.of("text", "json")) {
            Run r = inspect(root, "-o", format);
            assertEquals(0, r.exitCode(), name + ": " + r.err());
            assertFalse(r.err().contains("internal error"), r.err());
            // JSON keeps a warning's file and message apart
            assertTrue(Stream.of(said.split(": ")).allMatch(r.out()::contains), name + " -o " + format + ":\n" + r.out());
        }
    }

    static Stream<Arguments> badOvs() {
        return Stream.of(
                Arguments.of("map of numbers", "commands/ovs-port.json", (java.util.function.UnaryOperator<String>)
                        s -> s.replaceFirst("\\[\"map\", ?\\[[^\\]]*\\]\\]", "[\"map\",[1,2]]")),
                Arguments.of("bridges without a name", "commands/ovs-bridge.json", (java.util.function.UnaryOperator<String>)
                        s -> s.replace("\"name\"", "\"nome\"")),
                Arguments.of("short bond/show separator", "commands/ovs-bond-show.txt", (java.util.function.UnaryOperator<String>)
                        s -> s.replace("---- bond-storage ----", "----")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOvs")
    void aBadOvsAnswerIsAWarning(String name, String file, java.util.function.UnaryOperator<String> spoil) throws IOException {
        Path root = copy("migrated-ovs", "ovs-" + name.replace(' ', '-'));
        Path f = root.resolve(file);
        String before = Files.readString(f);
        Files.writeString(f, spoil.apply(before));
        assertFalse(before.equals(Files.readString(f)), "the case spoils " + file);
        Run r = inspect(root);
        assertEquals(0, r.exitCode(), name + ": " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertTrue(r.out().contains("Warnings"), name + ":\n" + r.out());
    }
}
