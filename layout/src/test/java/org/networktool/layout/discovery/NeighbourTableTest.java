package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageSelector;

class NeighbourTableTest {
    /** The ab-hwroce sample: storage 10.10.1.11/24 on bond0, a route via 10.10.1.1. */
    private static HostLayout sample() {
        Path root = TestFiles.REPO.resolve("samples/ab-hwroce");
        return new HostInspector(new HostRoot(root), new CapturedCommands(root), "sample").inspect(StorageSelector.AUTO);
    }

    private static List<NeighbourTable.Peer> peers(String json) {
        return NeighbourTable.storagePeers(q -> q == HostQuery.IP_NEIGH ? CommandResult.ok(json) : CommandResult.failed("not asked"), sample());
    }

    @Test
    void resolvedNeighboursInTheStorageSubnetOnTheStorageInterfaceAreThePeers() {
        List<NeighbourTable.Peer> found = peers("""
                [{"dst":"10.10.1.12","dev":"bond0","lladdr":"0c:42:a1:00:00:12","state":["REACHABLE"]},
                 {"dst":"10.10.1.13","dev":"bond0","lladdr":"0c:42:a1:00:00:13","state":["STALE"]},
                 {"dst":"10.10.1.14","dev":"bond0","state":["FAILED"]},
                 {"dst":"10.10.1.15","dev":"bond0","state":["INCOMPLETE"]},
                 {"dst":"10.10.1.1","dev":"bond0","lladdr":"0c:42:a1:00:00:01","state":["REACHABLE"]},
                 {"dst":"10.10.2.12","dev":"bond0","lladdr":"0c:42:a1:00:02:12","state":["REACHABLE"]},
                 {"dst":"10.10.1.16","dev":"eno1","lladdr":"0c:42:a1:00:00:16","state":["REACHABLE"]},
                 {"dst":"10.10.1.11","dev":"bond0","lladdr":"0c:42:a1:00:00:11","state":["PERMANENT"]},
                 {"dst":"10.10.1.12","dev":"bond0","lladdr":"0c:42:a1:00:00:12","state":["REACHABLE"]},
                 {"dst":"fe80::1","dev":"bond0","lladdr":"0c:42:a1:00:00:12","state":["REACHABLE"]}]
                """);
        assertEquals(List.of(new NeighbourTable.Peer("10.10.1.12", "reachable"), new NeighbourTable.Peer("10.10.1.13", "stale")), found,
                "failed, incomplete, the router, another subnet, another interface, the host itself, a repeat and link-local are left out");
    }

    @Test
    void atMostFourPeers() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 20; i < 30; i++) {
            json.append(i == 20 ? "" : ",").append("{\"dst\":\"10.10.1.").append(i).append("\",\"dev\":\"bond0\",\"state\":[\"REACHABLE\"]}");
        }
        assertEquals(NeighbourTable.MAX_PEERS, peers(json.append("]").toString()).size());
    }

    @Test
    void noTableOrABadOneMeansNoPeers() {
        assertEquals(List.of(), NeighbourTable.storagePeers(q -> CommandResult.failed("not captured"), sample()));
        assertEquals(List.of(), peers("{\"not\":\"a list\"}"));
        assertEquals(List.of(), peers("[{\"dst\":\"storage-peer\",\"dev\":\"bond0\",\"state\":[\"REACHABLE\"]}]"), "a name is never looked up");
        assertEquals(List.of(), peers("[{\"dst\":\"10.10.1.12\",\"dev\":\"bond0\"}]"), "no state: not known to be resolved");
        assertEquals(List.of(), peers("[[[[["));
    }

    @Test
    void subnetArithmetic() {
        assertTrue(NeighbourTable.inStorageSubnet("10.10.1.200", List.of("10.10.1.11/24")));
        assertFalse(NeighbourTable.inStorageSubnet("10.10.2.1", List.of("10.10.1.11/24")));
        assertTrue(NeighbourTable.inStorageSubnet("10.10.3.1", List.of("10.10.1.11/22")));
        assertTrue(NeighbourTable.inStorageSubnet("fd00:10::12", List.of("fd00:10::11/64")));
        assertFalse(NeighbourTable.inStorageSubnet("fd00:11::12", List.of("fd00:10::11/64")));
        assertFalse(NeighbourTable.inStorageSubnet("10.10.1.12", List.of("fd00:10::11/64")));
        assertFalse(NeighbourTable.inStorageSubnet("abc", List.of("10.10.1.11/24")));
        assertFalse(NeighbourTable.inStorageSubnet("10.10.1.11", List.of("10.10.1.11/24")), "the host itself");
    }
}
