package org.networktool.verbscheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.networktool.layout.Gid;
import org.networktool.layout.RoceGids;
import org.networktool.layout.RocePortPath;

/**
 * The RoCE v2 ends this host offers its peers: on every RDMA port, each IPv4 GID and each default
 * (link-local, EUI-64 of the sending MAC) GID, with the MAC of its netdev. What {@code probe serve}
 * advertises; a peer plans its neighbour entries and its per-member ping-pongs from it.
 */
public final class PortPaths {
    private PortPaths() {
    }

    public static List<RocePortPath> local(Verbs verbs, Path sysRoot) throws VerbsException {
        List<RocePortPath> out = new ArrayList<>();
        for (String name : verbs.deviceNames()) {
            try (RdmaContext ctx = verbs.open(name)) {
                for (int port : ctx.ports(sysRoot)) {
                    for (Gid g : ctx.gids(port, sysRoot)) {
                        if (!g.isRoceV2() || g.netdev() == null) {
                            continue;
                        }
                        String mac = mac(sysRoot, g.netdev());
                        boolean ipv4 = g.ip() != null && g.ip().contains(".");
                        // Only the default GID among link-local ones: its MAC is the one the port sends with (an address made
                        // by stable-privacy says nothing about the MAC).
                        boolean defaultGid = mac != null && RoceGids.linkLocalGid(mac).equals(g.gid());
                        if (mac != null && (ipv4 || defaultGid)) {
                            out.add(new RocePortPath(name, port, g.index(), g.gid(), mac, g.netdev()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** One path on the wire: {@code device,port,gidIndex,gid,mac,netdev}. */
    static String encode(RocePortPath p) {
        return p.device() + "," + p.port() + "," + p.gidIndex() + "," + p.gid() + "," + p.mac() + "," + p.netdev();
    }

    static RocePortPath decode(String s) throws VerbsException {
        String[] f = s.split(",", -1);
        try {
            if (f.length == 6 && f[0].matches("[A-Za-z0-9_.-]{1,64}") && f[5].matches("[A-Za-z0-9_.@:-]{1,15}")
                    && f[4].toLowerCase(Locale.ROOT).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                int port = Integer.parseInt(f[1]);
                int index = Integer.parseInt(f[2]);
                String gid = GidBytes.format(GidBytes.parse(f[3]));
                if (port >= 1 && port <= 255 && index >= 0 && index <= 65535) {
                    return new RocePortPath(f[0], port, index, gid, f[4].toLowerCase(Locale.ROOT), f[5]);
                }
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new VerbsException(VerbsFailure.PROTOCOL, "bad RoCE path from the peer: " + s);
    }

    private static String mac(Path sysRoot, String netdev) {
        try {
            String m = Files.readString(sysRoot.resolve("sys/class/net").resolve(netdev).resolve("address")).strip().toLowerCase(Locale.ROOT);
            return m.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}") ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
