package org.networktool.verbscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.Gid;
import org.networktool.layout.RocePortPath;

/** One local end of RoCE v2 traffic: a device's port and the GID index that carries an IPv4 address. */
public record RocePath(String device, int port, int gidIndex, String ip, int activeMtuEnum) {

    /**
     * The first ACTIVE port of {@code device} (or of any device when null) with a RoCE v2 GID for
     * {@code ip} (or for any IPv4 address when null). Named failures: no devices, no such device,
     * port not ACTIVE, no RoCE v2 GID.
     */
    public static RocePath find(Verbs verbs, String device, String ip, Path sysRoot) throws VerbsException {
        List<String> names = device == null ? verbs.deviceNames() : List.of(device);
        if (names.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_DEVICES, "no RDMA devices on this host");
        }
        List<String> down = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            try (RdmaContext ctx = verbs.open(name)) {
                for (int port : ctx.ports(sysRoot)) {
                    PortAttributes attrs = ctx.queryPort(port);
                    for (Gid g : ctx.gids(port, sysRoot)) {
                        if (!g.isRoceV2() || !g.ip().contains(".")) {
                            continue;
                        }
                        seen.add(name + "/" + port + " " + g.ip());
                        if (ip != null && !ip.equals(g.ip())) {
                            continue;
                        }
                        if (!attrs.isActive()) {
                            down.add(name + " port " + port + " is " + attrs.state() + " (" + attrs.physicalState() + ")");
                            continue;
                        }
                        return new RocePath(name, port, g.index(), g.ip(), attrs.activeMtuEnum());
                    }
                    if (!attrs.isActive() && device != null) {
                        down.add(name + " port " + port + " is " + attrs.state() + " (" + attrs.physicalState() + ")");
                    }
                }
            }
        }
        if (!down.isEmpty()) {
            throw new VerbsException(VerbsFailure.PORT_DOWN, String.join("; ", down) + ": check the link of its netdev");
        }
        String what = ip == null ? "an IPv4 address" : ip;
        throw new VerbsException(VerbsFailure.NO_GID, "no RoCE v2 GID for " + what + " on " + (device == null ? "any RDMA device" : device)
                + (seen.isEmpty() ? "" : " (RoCE v2 IPv4 GIDs here: " + String.join(", ", seen) + ")")
                + ": the address must be on the netdev the RDMA device is linked to");
    }

    /** The MAC this path's GID was made from (a default link-local GID), or null for an IP GID. */
    public String mac() {
        return org.networktool.layout.RoceGids.macOf(org.networktool.layout.RoceGids.gidOf(ip));
    }

    /** An advertised end of this host as a path to open queue pairs on: the port must be ACTIVE. */
    public static RocePath of(Verbs verbs, RocePortPath p) throws VerbsException {
        try (RdmaContext ctx = verbs.open(p.device())) {
            PortAttributes attrs = ctx.queryPort(p.port());
            if (!attrs.isActive()) {
                throw new VerbsException(VerbsFailure.PORT_DOWN, p.device() + " port " + p.port() + " is " + attrs.state() + " ("
                        + attrs.physicalState() + "): check the link of " + p.netdev());
            }
            return new RocePath(p.device(), p.port(), p.gidIndex(), org.networktool.layout.RoceGids.ipOf(p.gid()), attrs.activeMtuEnum());
        }
    }
}
