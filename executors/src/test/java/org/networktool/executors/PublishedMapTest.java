package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stream reads from watch's map: the ports of disabled members, re-read when the file changes, kept when it cannot be read. */
class PublishedMapTest {
    @TempDir
    Path dir;

    private static String map(boolean ens1f0Enabled) {
        return """
            {"schema":"network-tool/rdma-paths/v1","time":"2026-12-03T18:00:00Z","paths":{"bond":"bond-storage","mode":"active-backup",
             "activeMember":"ens2f0","members":[
              {"name":"ens1f0","nic":"0000:04:00","enabled":%s,"active":false,"carrying":false,"rdma":[{"device":"mlx5_0","port":1,"netdev":"ens1f0","roceV2Gids":[]}],
               "own":{"member":"ens1f0","nic":"0000:04:00","device":"mlx5_0","port":1,"gidIndex":1,"gid":"fe80::1","mac":"0c:42:a1:00:00:01"}},
              {"name":"ens2f0","nic":"0000:05:00","enabled":true,"active":true,"carrying":true,"rdma":[{"device":"mlx5_2","port":1,"netdev":"ens2f0","roceV2Gids":[]}]}],
             "storageRdma":[]}}
            """.formatted(ens1f0Enabled);
    }

    @Test
    void disabledMembersPortsAreDownAndTheMapIsFollowedAsItChanges() throws Exception {
        Path f = dir.resolve("rdma-paths.json");
        Files.writeString(f, map(true));
        PublishedMap m = new PublishedMap(f);
        assertEquals(Set.of(), m.now());
        Files.writeString(f, map(false));
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 1_000));
        assertEquals(Set.of("mlx5_0/1"), m.now());
        Files.writeString(f, "{ torn");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2_000));
        assertEquals(Set.of("mlx5_0/1"), m.now(), "a map that cannot be read says nothing: the last answer stands");
        Files.delete(f);
        assertEquals(Set.of("mlx5_0/1"), m.now());
    }

    @Test
    void aFileOfAnotherKindIsNotAMap() throws Exception {
        Path f = dir.resolve("other.json");
        Files.writeString(f, "{\"schema\":\"network-tool/verbs-soak/v1\",\"paths\":{\"members\":[{\"enabled\":false,\"rdma\":[{\"device\":\"x\",\"port\":1}]}]}}");
        assertEquals(Set.of(), new PublishedMap(f).now());
    }
}
