package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallParsersTest {
    @Test
    void activeMtuFromIbvDevinfo() {
        Map<String, Integer> mtus = IbvDevinfoParser.activeMtus(TestFiles.sampleFile("ab-hwroce", "commands/ibv-devinfo.txt"));
        assertEquals(1024, mtus.get("mlx5_0/1"));
        assertEquals(4, mtus.size());
        assertTrue(IbvDevinfoParser.activeMtus("hca_id: x\n port: 1\n active_mtu: unknown\n").isEmpty());
        assertTrue(IbvDevinfoParser.activeMtus(null).isEmpty());
    }

    @Test
    void gidToAddress() {
        assertEquals("10.10.1.11", RdmaReader.ipOf("0000:0000:0000:0000:0000:ffff:0a0a:010b"));
        assertEquals("fe80::ba59:9fff:fe3b:100", RdmaReader.ipOf("fe80:0000:0000:0000:ba59:9fff:fe3b:0100"));
        assertEquals("2001:db8::1:0:0:1", RdmaReader.compress("2001:db8:0:0:1:0:0:1"));
        assertEquals("::1", RdmaReader.compress("0:0:0:0:0:0:0:1"));
        assertEquals(null, RdmaReader.ipOf("short"));
    }

    @Test
    void pciAddresses() {
        assertTrue(Pci.isAddress("0000:3b:00.1"));
        assertEquals("0000:3b:00", Pci.device("0000:3b:00.1"));
        assertEquals(1, Pci.function("0000:3b:00.1"));
        assertTrue(!Pci.isAddress("virtio0"));
    }
}
