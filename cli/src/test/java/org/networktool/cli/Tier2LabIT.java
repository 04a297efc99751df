package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.LayoutDiff;
import org.networktool.layout.RdmaPort;

/**
 * Tier 2 of the lab: a qemu guest with Debian's kernel (lab/tier2), a real Linux bond with
 * Soft-RoCE on it, migrated by the tool to an OVS kernel-datapath bond across two NICs and rolled
 * back (lab/tier2-guest/migrate.sh). Needs root, qemu and the kernel package; fails loudly without.
 */
class Tier2LabIT {
    private static final Path TIER2 = Path.of("..", "lab", "tier2").toAbsolutePath().normalize();
    private static final Path SCRIPT = Path.of("..", "lab", "tier2-guest", "migrate.sh").toAbsolutePath().normalize();

    @TempDir
    Path out;

    private HostLayout read(String name) throws Exception {
        return LayoutCodec.readLayout(Files.readString(out.resolve(name)), name);
    }

    @Test
    void linuxBondWithSoftRoceToOvsBondAndBackOnARealKernel() throws Exception {
        long t0 = System.nanoTime();
        Lab.Result prep = Lab.exec(List.of("bash", TIER2.toString(), "prepare"), Map.of(), 900);
        assertEquals(0, prep.code(), prep.err() + prep.out());
        long t1 = System.nanoTime();
        Files.writeString(out.resolve("params"), "MODE=active-backup\n");
        Lab.Result guest = Lab.exec(List.of("bash", TIER2.toString(), "guest", SCRIPT.toString(), out.toString()), Map.of(), 1200);
        String log = Files.exists(out.resolve("guest.log")) ? Files.readString(out.resolve("guest.log")) : "(no guest log)";
        assertEquals(0, guest.code(), guest.err() + "\n" + log);
        System.out.printf("tier-2: prepare %.1f s, guest scenario %.1f s%n%s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                log.lines().filter(l -> l.startsWith("== ")).reduce("", (a, b) -> a + "  " + b + "\n"));

        HostLayout before = read("before.json");
        assertEquals("bond0", before.storage().interfaceName());
        assertEquals("active-backup", before.bond("bond0").orElseThrow().mode());
        assertTrue(before.storage().singleNicRisk() != null, "one NIC before");
        assertEquals("bond0", before.rdma().get(0).ports().get(0).netdev(), "rxe0 on bond0");

        assertEquals("0", Files.readString(out.resolve("upgrade.rc")).strip(), Files.readString(out.resolve("upgrade.err")));
        HostLayout after = read("after.json");
        assertEquals("storage", after.storage().interfaceName());
        assertEquals("ovs-bond", after.storage().kind());
        assertEquals(List.of("0000:00:04", "0000:00:05"), after.storage().nics());
        assertNull(after.storage().singleNicRisk());
        assertTrue(after.bonds().isEmpty(), "bond0 deleted");
        assertEquals("system", after.ovs().bridge("br-storage").orElseThrow().datapathType());
        RdmaPort rxe = after.rdma().get(0).ports().get(0);
        assertEquals("storage", rxe.netdev(), "rxe0 re-linked to the internal port");
        assertTrue(rxe.isActive());
        assertTrue(rxe.gids().stream().anyMatch(g -> g.isRoceV2() && "192.0.2.1".equals(g.ip())), "RoCE v2 GID for the storage IP");

        assertEquals("0", Files.readString(out.resolve("rollback.rc")).strip(), Files.readString(out.resolve("rollback.err")));
        HostLayout restored = read("restored.json");
        assertEquals(List.of(), LayoutDiff.between(before, restored), "inspect before == after rollback");
        assertEquals("ens1f0", restored.bond("bond0").orElseThrow().activeSlave());
    }
}
