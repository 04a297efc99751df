package org.networktool.verbscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.networktool.layout.Gid;
import org.networktool.layout.RocePortPath;

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
        List<String> names = device == null ? verbs.requireDevices() : List.of(device);
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

    /**
     * From every Open vSwitch member's own path ({@code members}: member → path) to every link-local RoCE port the peer
     * advertises; a member whose port is not ACTIVE (its cable out) is named so, not left to time out.
     */
    public List<MemberPeerResult> fromMembers(ProbeClient client, Map<String, RocePath> members, List<PortReport> ports, ProbePeer peer,
            int flowLabel, int iterations, int size) {
        List<MemberPeerResult> out = new ArrayList<>();
        if (members.isEmpty()) {
            return out;
        }
        List<RocePortPath> theirs;
        try {
            theirs = linkLocalPorts(client, peer);
        } catch (VerbsException e) {
            members.forEach((m, p) -> out.add(new MemberPeerResult(m, null, peer + " (ports not told)", PeerResult.failed(peer.toString(), p, e, 0))));
            return out;
        }
        for (Map.Entry<String, RocePath> m : members.entrySet()) {
            String mac = m.getValue().mac();
            PortReport port = ports.stream().filter(r -> r.device().equals(m.getValue().device()) && r.port() == m.getValue().port())
                    .findFirst().orElse(null);
            for (RocePortPath p : theirs) {
                PeerResult r = port != null && !port.attributes().isActive()
                        ? PeerResult.failed(peer.toString(), m.getValue(), new VerbsException(VerbsFailure.PORT_DOWN, m.getValue().device()
                                + " port " + m.getValue().port() + " is " + port.attributes().state() + " (" + port.attributes().physicalState()
                                + "): check the link of " + m.getKey()), 0)
                        : client.ping(m.getValue(), peer, p.gid(), flowLabel, iterations, size);
                out.add(new MemberPeerResult(m.getKey(), mac, peer.host() + " " + p.device() + "/" + p.port(), r));
            }
        }
        return out;
    }

    /** The link-local RoCE ports {@code peer} advertises: what a member's own path can reach. None is a named failure. */
    static List<RocePortPath> linkLocalPorts(ProbeClient client, ProbePeer peer) throws VerbsException {
        List<RocePortPath> theirs = client.paths(peer).stream().filter(RocePortPath::isLinkLocal).toList();
        if (theirs.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_GID, peer + " advertises no link-local RoCE port");
        }
        return theirs;
    }

    public Path sysRoot() {
        return sysRoot;
    }

    public Verbs verbs() {
        return verbs;
    }
}
