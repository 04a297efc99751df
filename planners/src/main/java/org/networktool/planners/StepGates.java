package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.HostLayout;

/**
 * The gates of a plan's steps, each built in one place. On a hardware RoCE host the storage IP's
 * RoCE v2 GID lives only until the cutover (an Open vSwitch member's upper is ovs-system); from
 * then on RDMA is proven on each member's own path.
 */
final class StepGates {
    private final HostLayout l;
    private final TargetSpec t;
    private final boolean hardwareRoce;
    /** Whether the storage IP's RoCE v2 GID is gone at the step being built: from the cutover on, on a hardware host. */
    private boolean ipGidGone;

    StepGates(HostLayout l, TargetSpec t, boolean hardwareRoce) {
        this.l = l;
        this.t = t;
        this.hardwareRoce = hardwareRoce;
    }

    /** From the step being built on, the storage IP has no RoCE v2 GID on a hardware host. */
    void ipGidGoes() {
        ipGidGone = true;
    }

    Gate storageIpOn(String iface) {
        return new Gate.StorageIp("storage IP " + String.join(", ", l.storage().addresses()) + " on " + iface + " only", iface,
                l.storage().addresses());
    }

    Gate bridge() {
        return new Gate.OvsBridge(t.bridge() + " with internal port " + t.internalPort() + " exists", t.bridge(), t.internalPort());
    }

    Gate bondEnabled(String what, List<String> members) {
        return new Gate.OvsBond(t.bond().name() + " " + what, t.bond().name(), members);
    }

    Gate allMembersEnabled() {
        return bondEnabled("has all members " + String.join(", ", t.bond().members()) + " enabled", t.bond().members());
    }

    Gate lacpPartner() {
        return new Gate.LacpPartner("every member of " + t.bond().name() + " sees the same LACP partner system and key", t.bond().name());
    }

    Gate persisted() {
        List<String> m = t.bond().members();
        return new Gate.OvsPersisted("the Open vSwitch database on disk holds " + t.bridge() + " with " + t.bond().name()
                + " over " + String.join(", ", m) + " and " + t.internalPort(), t.bridge(), t.bond().name(), m, t.internalPort());
    }

    Gate pathSymmetry(PathGateSpec g) {
        return new Gate.PathSymmetry("from every member of " + t.bond().name() + ", at least " + g.minSymmetric() + " of "
                + g.tuples() + " UDP 5-tuples to " + String.join(", ", t.peers()) + " (path port " + g.port()
                + ") come back on the member they left on", t.bond().name(), t.peers(), g.port(), g.minSymmetric(), g.tuples());
    }

    List<Gate> paths() {
        return paths(List.of());
    }

    /**
     * Reachability and RDMA. {@code ownPaths}: on a hardware RoCE host, the members in the OVS bond; each stands on its own
     * default GID and MAC, and with the cluster key an RC ping-pong from each of them reaches every RoCE port of every peer.
     */
    List<Gate> paths(List<String> ownPaths) {
        List<Gate> g = new ArrayList<>();
        if (!t.peers().isEmpty()) {
            g.add(new Gate.Reachability("peers " + String.join(", ", t.peers()) + " answer from the storage IP", t.peers()));
        }
        boolean ipGid = (!l.storage().rdmaDevices().isEmpty() || !t.softRoce().isEmpty()) && !(hardwareRoce && ipGidGone);
        if (ipGid) {
            g.add(new Gate.Rdma("storage RDMA devices have an ACTIVE port and a RoCE v2 GID for the storage IP", List.of()));
        }
        boolean members = hardwareRoce && !ownPaths.isEmpty();
        if (members) {
            g.add(new Gate.Rdma("RDMA ports of " + String.join(", ", ownPaths) + " ACTIVE, each with the RoCE v2 GID of its own"
                    + " MAC, and no other netdev sending with that MAC", ownPaths));
        }
        if (t.rdmaProbePort() != null && !t.peers().isEmpty()) {
            if (ipGid) {
                g.add(new Gate.RdmaPingPong("RC ping-pong to " + String.join(", ", t.peers()) + " (probe serve port "
                        + t.rdmaProbePort() + ") works on at least one path per NIC", t.peers(), t.rdmaProbePort(), List.of(), null));
            }
            if (members) {
                boolean hashed = t.bond().behindPortChannel();
                String what = hashed
                        ? "RC queue pairs on " + RdmaCheck.GATE_FLOW_LABELS + " flow labels (UDP source ports) from the RDMA port of each of " + String.join(", ", ownPaths)
                                + ", at least one answered from every link-local RoCE port of " + String.join(", ", t.peers())
                                + " (the port-channel picks the port by the 5-tuple; probe serve port " + t.rdmaProbePort() + ")"
                        : "RC ping-pong from the RDMA port of each of " + String.join(", ", ownPaths) + " to every link-local RoCE port of "
                                + String.join(", ", t.peers()) + " (probe serve port " + t.rdmaProbePort() + ")";
                g.add(new Gate.RdmaPingPong(what, t.peers(), t.rdmaProbePort(), ownPaths, hashed ? RdmaCheck.GATE_FLOW_LABELS : null));
            }
        }
        return g;
    }

    static List<Gate> concat(List<Gate> a, List<Gate> b) {
        List<Gate> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
