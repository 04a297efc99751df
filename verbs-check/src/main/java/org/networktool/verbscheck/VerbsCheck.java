package org.networktool.verbscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.Gid;

/**
 * What {@code network-tool verbs-check} does: every RDMA port (or the one device asked for) with
 * its state and RoCE v2 GIDs, then an RC ping-pong to each peer from each usable path.
 */
public final class VerbsCheck {
    private final Verbs verbs;
    private final Path sysRoot;

    public VerbsCheck(Verbs verbs, Path sysRoot) {
        this.verbs = verbs;
        this.sysRoot = sysRoot;
    }

    /** The ports of {@code device} or of every device; a port without a RoCE v2 IPv4 GID or not ACTIVE names it. */
    public List<PortReport> ports(String device) throws VerbsException {
        return ports(device, java.util.Set.of());
    }

    /**
     * As above; the devices in {@code members} are Open vSwitch members' own RDMA functions, which have no IPv4 GID by
     * design (a member's upper is ovs-system): theirs must be the RoCE v2 default GID, link-local.
     */
    public List<PortReport> ports(String device, java.util.Set<String> members) throws VerbsException {
        List<String> names = device == null ? verbs.deviceNames() : List.of(device);
        if (names.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_DEVICES, "no RDMA devices on this host");
        }
        List<PortReport> reports = new ArrayList<>();
        for (String name : names) {
            try (RdmaContext ctx = verbs.open(name)) {
                for (int port : ctx.ports(sysRoot)) {
                    PortAttributes a = ctx.queryPort(port);
                    List<Gid> v2 = ctx.gids(port, sysRoot).stream().filter(Gid::isRoceV2).toList();
                    List<String> problems = new ArrayList<>();
                    if (!a.isActive()) {
                        problems.add(VerbsFailure.PORT_DOWN.label() + ": " + a.state() + " (" + a.physicalState() + ")");
                    }
                    if (members.contains(name)) {
                        if (v2.stream().noneMatch(g -> g.gid().startsWith("fe80:"))) {
                            problems.add(VerbsFailure.NO_GID.label() + " that is link-local: the member's RDMA function has no default GID");
                        }
                    } else if (v2.stream().noneMatch(g -> g.ip() != null && g.ip().contains("."))) {
                        problems.add(VerbsFailure.NO_GID.label() + " for an IPv4 address: put the storage IP on "
                                + (v2.isEmpty() || v2.get(0).netdev() == null ? "its netdev" : v2.get(0).netdev()));
                    }
                    reports.add(new PortReport(name, port, a, v2, problems));
                }
            }
        }
        return reports;
    }

    /** The local paths a peer check starts from: one per usable port (the first RoCE v2 IPv4 GID of an ACTIVE port). */
    public List<RocePath> paths(List<PortReport> ports) {
        List<RocePath> paths = new ArrayList<>();
        for (PortReport p : ports) {
            if (!p.problems().isEmpty()) {
                continue;
            }
            p.roceV2Gids().stream().filter(g -> g.ip().contains(".")).findFirst()
                    .ifPresent(g -> paths.add(new RocePath(p.device(), p.port(), g.index(), g.ip(), p.attributes().activeMtuEnum())));
        }
        return paths;
    }

    public Path sysRoot() {
        return sysRoot;
    }

    public Verbs verbs() {
        return verbs;
    }
}
