package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Route;

class IpJsonParserTest {
    @Test
    void linksWithKindsAndMasters() throws Exception {
        List<IpLink> links = IpJsonParser.links(TestFiles.sampleFile("ab-hwroce", "commands/ip-link.json"));
        IpLink bond = links.stream().filter(l -> l.name().equals("bond0")).findFirst().orElseThrow();
        IpLink slave = links.stream().filter(l -> l.name().equals("ens1f1")).findFirst().orElseThrow();
        assertEquals("bond", bond.kind());
        assertEquals("bond0", slave.master());
        assertEquals("bond", slave.slaveKind());
    }

    @Test
    void addressesPerInterface() throws Exception {
        List<IpAddress> a = IpJsonParser.addresses(TestFiles.sampleFile("ab-hwroce", "commands/ip-addr.json")).get("bond0");
        assertEquals("10.10.1.11/24", a.get(0).cidr());
        assertTrue(a.get(0).isGlobal());
        assertEquals("link", a.get(1).scope());
    }

    @Test
    void routesLeaveOutKernelLocalEntries() throws Exception {
        List<Route> routes = IpJsonParser.routes(TestFiles.sampleFile("ab-hwroce", "commands/ip-route4.json"), "inet");
        assertTrue(routes.stream().noneMatch(r -> "local".equals(r.table())));
        Route via = routes.stream().filter(r -> "10.10.0.0/16".equals(r.destination())).findFirst().orElseThrow();
        assertEquals("10.10.1.1", via.gateway());
        assertEquals("bond0", via.device());
        assertEquals(100, via.metric());
        assertEquals("main", via.table());
    }

    @Test
    void malformed() {
        assertThrows(MalformedSourceException.class, () -> IpJsonParser.links("{}"));
        assertThrows(MalformedSourceException.class, () -> IpJsonParser.links("[{\"ifindex\":1}]"));
        assertThrows(MalformedSourceException.class, () -> IpJsonParser.addresses("[{\"ifname\":\"x\""));
        assertThrows(MalformedSourceException.class, () -> IpJsonParser.routes("", "inet"));
    }
}
