package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;

class InspectCommandTest {
    static final String[] SAMPLES = {"ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce"};

    static Stream<Arguments> sampleAndFormat() {
        return Stream.of(SAMPLES).flatMap(s -> Stream.of("text", "yaml", "json").map(f -> Arguments.of(s, f)));
    }

    @ParameterizedTest(name = "{0} -o {1}")
    @MethodSource("sampleAndFormat")
    void everySampleInEveryFormat(String sample, String format) {
        Run r = Run.of("inspect", "--sample", sample, "--output", format);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        if (format.equals("text")) {
            assertTrue(r.out().startsWith("Host "), r.out());
            assertTrue(r.out().contains("Storage network: "), r.out());
        } else {
            HostLayout layout = LayoutCodec.readLayout(r.out(), format);
            assertEquals("sample " + sample, layout.source());
            assertEquals("10.10.1.11/24", layout.storage().addresses().get(0));
        }
    }

    @Test
    void textNamesTheRiskAndTheRdmaDevices() {
        Run r = Run.of("inspect", "--sample", "ab-hwroce");
        assertTrue(r.out().contains("RISK bond0: both members on NIC 0000:3b:00 — one NIC failure stops storage"), r.out());
        assertTrue(r.out().contains("mlx5_0  1     ACTIVE"), r.out());
        Run migrated = Run.of("inspect", "--sample", "migrated-ovs");
        assertTrue(migrated.out().contains("OK   members span 2 NICs"), migrated.out());
        assertFalse(migrated.out().contains("RISK"));
    }

    @Test
    void rootReadsACapturedFolder() {
        Path root = Path.of("..", "samples", "softroce").toAbsolutePath();
        Run r = Run.of("inspect", "--root", root.toString(), "-o", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(LayoutCodec.readLayout(r.out(), "json").rdma().get(0).isSoftRoce());
    }

    @Test
    void storageChoiceOptions() {
        Run r = Run.of("inspect", "--sample", "ab-hwroce", "--storage-if", "eno1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Storage network: eno1"), r.out());
        Run c = Run.of("inspect", "--sample", "ab-hwroce", "--storage-cidr", "10.10.1.0/24");
        assertTrue(c.out().contains("Storage network: bond0"), c.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "inspect --sample nosuch",
        "inspect --sample ../etc",
        "inspect --root /nonexistent/dir",
        "inspect --root /proc/self",
        "inspect --sample ab-hwroce --root /tmp",
        "inspect --sample ab-hwroce --output xml",
        "inspect --sample ab-hwroce --storage-if bad/name",
        "inspect --sample ab-hwroce --storage-if averyveryverylongname0",
        "inspect --sample ab-hwroce --storage-if ens9f9",
        "inspect --sample ab-hwroce --storage-cidr 10.10.1.0",
        "inspect --sample ab-hwroce --storage-if bond0 --storage-cidr 10.10.1.0/24",
        "inspect --frobnicate",
        "inspekt"})
    void badInputIsOneLineAndExitTwo(String args) {
        Run r = Run.of(args.split(" "));
        assertEquals(2, r.exitCode(), args + " → " + r.err());
        assertEquals(1, r.errLines(), () -> args + " → " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpExplainsTheCommand() {
        Run r = Run.of("inspect", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--sample=NAME"), r.out());
        assertTrue(r.out().contains("ab-hwroce"), "sample names listed: " + r.out());
        Run top = Run.of("--help");
        assertTrue(top.out().contains("Exit codes:"), top.out());
        assertTrue(top.out().contains("inspect"), top.out());
    }

    @Test
    void versionAndNoArguments() {
        assertTrue(Run.of("--version").out().startsWith("network-tool "));
        Run none = Run.of();
        assertEquals(0, none.exitCode());
        assertTrue(none.out().contains("Usage: network-tool"), none.out());
    }
}
