package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.Gid;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.Netdev;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;

/** The lab's emulated RDMA functions are shown as the member's own, and their NICs are left out; an unlisted device is untouched. */
class EmulatedRdmaFunctionsTest {
    @TempDir
    Path tmp;

    private static Netdev dev(String name, String master, String pci, String nic) {
        return new Netdev(name, 1, NetdevKind.PHYSICAL, "52:54:00:12:04:00", 9000, "up", true, 10000, "virtio_net", pci, nic, master, List.of());
    }

    @Test
    void aFunctionBecomesItsMembersRdmaPortAndItsNicDisappears() throws Exception {
        Files.writeString(tmp.resolve("map"), "# device member function\nemlx0 ens1f0 rf1f0\n");
        EmulatedRdmaFunctions lab = EmulatedRdmaFunctions.fromFile(tmp.resolve("map"), new Warnings());
        List<Netdev> netdevs = lab.hide(List.of(dev("ens1f0", "bond0", "0000:00:04.0", "0000:00:04"), dev("rf1f0", null, "0000:00:06.0", "0000:00:06")));
        assertEquals(List.of("ens1f0"), netdevs.stream().map(Netdev::name).toList());

        RdmaPort port = new RdmaPort(1, "ACTIVE", "LinkUp", "Ethernet", 4096, "rf1f0", List.of(
                new Gid(0, "fe80:0000:0000:0000:5054:00ff:fe12:0400", "RoCE v2", "rf1f0", "fe80::5054:ff:fe12:400"),
                new Gid(1, "0000:0000:0000:0000:0000:ffff:c000:0201", "RoCE v2", "rf1f0", "192.0.2.1")));
        List<RdmaDevice> out = lab.apply(List.of(new RdmaDevice("emlx0", "rxe", null, null, List.of(port)),
                new RdmaDevice("rxe9", "rxe", null, null, List.of(port))), netdevs);
        RdmaDevice emlx = out.get(0);
        assertEquals("emulated", emlx.provider());
        assertEquals(false, emlx.isSoftRoce());
        assertEquals("0000:00:04", emlx.nic());
        assertEquals("ens1f0", emlx.ports().get(0).netdev());
        assertEquals(List.of("bond0", "bond0"), emlx.ports().get(0).gids().stream().map(Gid::netdev).toList(), "a bond slave's GIDs name the master");
        assertEquals("rxe", out.get(1).provider(), "a device the file does not list stays as read");
        assertEquals("rf1f0", out.get(1).ports().get(0).netdev());
    }
}
