package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvsdbTableTest {
    private static final String PORTS = TestFiles.sampleFile("migrated-ovs", "commands/ovs-port.json");
    private static final String IFACES = TestFiles.sampleFile("migrated-ovs", "commands/ovs-interface.json");

    @Test
    void typedValues() throws Exception {
        List<Map<String, Object>> rows = OvsdbTable.rows(PORTS, "ports");
        Map<String, Object> bond = rows.stream().filter(r -> "bond-storage".equals(r.get("name"))).findFirst().orElseThrow();
        assertEquals(2, OvsdbTable.refs(bond, "interfaces").size());
        assertEquals("active-backup", OvsdbTable.string(bond, "bond_mode"));
        assertNull(OvsdbTable.string(bond, "lacp"), "an empty optional column is null");
        assertEquals(Map.of("bond-detect-mode", "miimon", "bond-miimon-interval", "100"), OvsdbTable.map(bond, "other_config"));
        Map<String, Object> storage = OvsdbTable.rows(IFACES, "ifaces").get(0);
        assertEquals(9000, OvsdbTable.integer(storage, "mtu_request"));
        assertEquals("internal", OvsdbTable.string(storage, "type"));
    }

    @Test
    void malformed() {
        assertThrows(MalformedSourceException.class, () -> OvsdbTable.rows("", "x"));
        assertThrows(MalformedSourceException.class, () -> OvsdbTable.rows("[1,2]", "x"));
        assertThrows(MalformedSourceException.class, () -> OvsdbTable.rows("{\"headings\":[\"a\",\"b\"],\"data\":[[1]]}", "x"));
    }

    @Test
    void truncatedAtEveryOffset() {
        for (int cut = 0; cut < PORTS.length() - 1; cut++) {
            String head = PORTS.substring(0, cut);
            assertThrows(MalformedSourceException.class, () -> OvsdbTable.rows(head, "x"), "cut at " + cut);
        }
    }
}
