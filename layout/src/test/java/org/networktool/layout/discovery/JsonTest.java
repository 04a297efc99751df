package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The tree built from the streaming parser is Jackson's own tree, and a hostile document is a malformed source. */
class JsonTest {
    @Test
    void theTreeIsWhatAnObjectMapperReads() throws Exception {
        String text = "[{\"ifname\":\"ens1f0\",\"mtu\":9000,\"big\":12345678901,\"huge\":123456789012345678901234,\"rate\":1.5,"
                + "\"up\":true,\"down\":false,\"master\":null,\"flags\":[\"UP\",\"LOWER_UP\"],\"linkinfo\":{\"info_kind\":\"bond\"}},[],{}]";
        JsonNode mine = Json.parse(text, "ip -j link");
        assertEquals(new ObjectMapper().readTree(text), mine);
        assertEquals("ens1f0", Json.text(mine.get(0), "ifname"));
        assertEquals(9000, Json.integer(mine.get(0), "mtu"));
        assertEquals(null, Json.text(mine.get(0), "master"));
    }

    @Test
    void hostileDocumentsAreMalformedSourcesNamingWhatWasRead() {
        for (String bad : new String[] {"[" .repeat(100_000) + "]".repeat(100_000), "[1] [2]", "{\"a\":", "[1,]", "nul", "\"" + "x".repeat(30_000_000) + "\""}) {
            MalformedSourceException e = assertThrows(MalformedSourceException.class, () -> Json.parse(bad, "ip -j link"),
                    bad.substring(0, Math.min(20, bad.length())));
            assertTrue(e.getMessage().startsWith("ip -j link: not valid JSON ("), e.getMessage());
        }
    }
}
