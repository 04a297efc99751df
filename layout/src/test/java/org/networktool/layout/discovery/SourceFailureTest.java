package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageSelector;

/** What a source cannot give is a warning naming the source; the rest of the layout still stands. */
class SourceFailureTest {
    @TempDir
    Path tmp;

    private Path copyOf(String sample) throws IOException {
        Path src = TestFiles.SAMPLES.resolve(sample);
        Path dst = tmp.resolve(sample);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    private static boolean warned(HostLayout l, String source, String text) {
        return l.warnings().stream().anyMatch(w -> w.source().contains(source) && w.message().contains(text));
    }

    @Test
    void malformedProcBondingFallsBackToSysfs() throws IOException {
        Path root = copyOf("ab-hwroce");
        Files.writeString(root.resolve("proc/net/bonding/bond0"), "Ethernet Channel Bonding Driver: v6.1\n\nBonding Mo");
        HostLayout l = SampleHosts.inspect(root, StorageSelector.AUTO);
        assertTrue(warned(l, "/proc/net/bonding/bond0", "Bonding Mode"), l.warnings().toString());
        var bond = l.bond("bond0").orElseThrow();
        assertEquals("active-backup", bond.mode());
        assertEquals("ens1f0", bond.activeSlave());
        assertEquals(2, bond.slaves().size(), "slaves from sysfs");
        assertNotNull(l.storage());
    }

    @Test
    void unreadableFileIsAWarningNotACrash() throws IOException {
        Path root = copyOf("ab-hwroce");
        // A directory where a file should be: not read, said once.
        Path proc = root.resolve("proc/net/bonding/bond0");
        Files.delete(proc);
        Files.createDirectory(proc);
        HostLayout l = SampleHosts.inspect(root, StorageSelector.AUTO);
        assertTrue(warned(l, "/proc/net/bonding/bond0", "not a regular file"), l.warnings().toString());
        assertEquals(1, l.warnings().stream().filter(w -> w.source().equals("/proc/net/bonding/bond0")).count(), l.warnings().toString());
        assertEquals("bond0", l.storage().interfaceName());
    }

    @Test
    void missingCommandsAreWarnings() throws IOException {
        Path root = copyOf("migrated-ovs");
        Files.delete(root.resolve("commands/ip-addr.json"));
        Files.writeString(root.resolve("commands/ovs-bond-show.txt.err"), "exit 1: ovs-appctl: cannot connect");
        Files.writeString(root.resolve("commands/rdma-link.json"), "[{\"ifname\":");
        HostLayout l = SampleHosts.inspect(root, StorageSelector.AUTO);
        assertTrue(warned(l, "ip -j addr show", "addresses unknown"), l.warnings().toString());
        assertTrue(warned(l, "ovs-appctl bond/show", "cannot connect"), l.warnings().toString());
        assertTrue(warned(l, "rdma", "not valid JSON"), l.warnings().toString());
        assertTrue(warned(l, "storage", "no interface carries a global IP address"), l.warnings().toString());
        assertTrue(l.ovs().present());
    }

    @Test
    void malformedOvsdbOutput() throws IOException {
        Path root = copyOf("migrated-ovs");
        Files.writeString(root.resolve("commands/ovs-port.json"), "{\"headings\":[\"_uuid\"],\"data\":[[1,2]]}");
        HostLayout l = SampleHosts.inspect(root, StorageSelector.AUTO);
        assertTrue(warned(l, "ovs-vsctl", "row 1 has 2 values for 1 columns"), l.warnings().toString());
    }

    @Test
    void bondingMastersFileIsNotANetdev() throws IOException {
        Path root = copyOf("ab-hwroce");
        Files.writeString(root.resolve("sys/class/net/bonding_masters"), "bond0\n");
        HostLayout l = SampleHosts.inspect(root, StorageSelector.AUTO);
        assertTrue(l.netdev("bonding_masters").isEmpty());
        assertEquals("bond0", l.storage().interfaceName());
    }

    @Test
    void emptyRootGivesAnEmptyLayoutWithWarnings() {
        HostLayout l = SampleHosts.inspect(tmp, StorageSelector.AUTO);
        assertTrue(l.netdevs().isEmpty());
        assertTrue(warned(l, "ip", "not captured"));
        assertTrue(l.storage() == null);
    }
}
