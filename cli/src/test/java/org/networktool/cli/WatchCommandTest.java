package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch on captured hosts (--once) and its bad input; the live loop runs in the tier-1 lab (Tier1LabIT). */
class WatchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void onceOnAMigratedHostPrintsTheMapAndWritesTheFileAsked() throws Exception {
        Path file = tmp.resolve("sub/rdma-paths.json");
        Run r = Run.of("watch", "--sample", "migrated-ovs", "--once", "--map-file", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("bond-storage (active-backup): active ens1f0; carrying ens1f0; members ens1f0 enabled, ens2f0 enabled; RDMA mlx5_0/1"),
                r.out());
        String json = Files.readString(file);
        assertTrue(json.contains("\"schema\" : \"network-tool/rdma-paths/v1\""), json);
        assertTrue(json.contains("\"activeMember\" : \"ens1f0\""), json);
        assertEquals(1, Files.list(file.getParent()).count(), "no temporary file left beside the map");
    }

    @Test
    void aHostNotYetMigratedHasNoBondToWatch() {
        Run r = Run.of("watch", "--sample", "ab-hwroce", "--once");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no OVS bond carries the storage network on node1 (it is on bond0, linux-bond)"), r.err());
    }

    @Test
    void badInputIsOneLineAndExit2() {
        for (String[] argv : new String[][] {{"watch", "--sample", "migrated-ovs"}, {"watch", "--interval", "5", "--once", "--sample", "migrated-ovs"}}) {
            Run r = Run.of(argv);
            assertEquals(2, r.exitCode(), r.err());
            assertEquals(1, r.errLines(), r.err());
        }
    }
}
