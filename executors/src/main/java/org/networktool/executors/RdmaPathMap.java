package org.networktool.executors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.OvsBondMember;
import org.networktool.layout.OvsBondStatus;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.StorageMember;

/**
 * Which bond member carries storage now, and the RDMA device/port/GIDs on each member: what the
 * storage layer needs to open RDMA connections only where the traffic flows (the active member's
 * device in active-backup, enabled members in balance-tcp). A member that is not enabled never
 * carries.
 */
public record RdmaPathMap(String bond, String mode, String activeMember, List<Member> members, List<Endpoint> storageRdma) {

    public RdmaPathMap {
        members = List.copyOf(members);
        storageRdma = List.copyOf(storageRdma);
    }

    /**
     * One member: its NIC, its OVS state, whether storage traffic leaves on it, its RDMA ports, and on a hardware RoCE host
     * its own path (RDMA device and port, GID index and GID of its MAC, the MAC): where the storage layer opens this
     * member's queue pair (null where there is none, as on a Soft-RoCE host).
     */
    public record Member(String name, String nic, boolean enabled, boolean active, boolean carrying, List<Endpoint> rdma,
            org.networktool.planners.MemberRdmaPath own) {
        public Member {
            rdma = List.copyOf(rdma);
        }
    }

    /** An RDMA device port and its RoCE v2 GIDs ("index ip"). */
    public record Endpoint(String device, int port, String netdev, List<String> roceV2Gids) {
        public Endpoint {
            roceV2Gids = List.copyOf(roceV2Gids);
        }
    }

    /** The OVS bond under the storage network's bridge, when the storage network is on one. */
    public static Optional<OvsPort> storageBond(HostLayout l) {
        if (l.storage() == null || !"ovs-bond".equals(l.storage().kind())) {
            return Optional.empty();
        }
        for (OvsBridge b : l.ovs().bridges()) {
            if (b.port(l.storage().interfaceName()).isPresent()) {
                return b.ports().stream().filter(OvsPort::isBond).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * On a hardware RoCE host migrated to an OVS bond: each member's own RDMA path (its port, the RoCE v2 default GID of its
     * MAC), for verbs-check; empty elsewhere.
     */
    public static Map<String, org.networktool.verbscheck.RocePath> memberPaths(HostLayout l) {
        return storageBond(l).filter(b -> org.networktool.planners.RdmaAddressing.isHardwareRoce(l))
                .map(b -> RdmaPaths.ofMembers(l, b.interfaceNames())).orElse(Map.of());
    }

    /** The map from a layout and the bond's live state ({@code ovs-appctl bond/show}). */
    public static RdmaPathMap of(HostLayout l, OvsPort bond, OvsBondStatus live) {
        String mode = live != null && live.mode() != null ? live.mode() : bond.bondMode();
        String active = live == null ? null : live.activeMember();
        List<Member> members = new ArrayList<>();
        for (String name : bond.interfaceNames()) {
            OvsBondMember m = live == null ? null : live.members().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            boolean enabled = m != null && m.enabled();
            boolean isActive = name.equals(active) && enabled;
            boolean carrying = enabled && (!"active-backup".equals(mode) || isActive);
            // A member of no known NIC (no PCI device, no --nic-map line) has a null NIC: not an error here.
            String nic = l.storage().members().stream().filter(s -> s.name().equals(name)).findFirst().map(StorageMember::nic).orElse(null);
            org.networktool.planners.MemberRdmaPath own = org.networktool.planners.RdmaAddressing.isHardwareRoce(l)
                    ? org.networktool.planners.RdmaAddressing.paths(l, List.of(name)).stream().findFirst().orElse(null) : null;
            members.add(new Member(name, nic, enabled, isActive, carrying, endpoints(l, name), own));
        }
        List<Endpoint> storage = new ArrayList<>();
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                if (l.storage().rdmaDevices().contains(d.name() + "/" + p.port())) {
                    storage.add(endpoint(d, p));
                }
            }
        }
        boolean anyCarrying = members.stream().anyMatch(Member::carrying);
        return new RdmaPathMap(bond.name(), mode, anyCarrying ? active : null, members, storage);
    }

    private static List<Endpoint> endpoints(HostLayout l, String netdev) {
        List<Endpoint> out = new ArrayList<>();
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                if (netdev.equals(p.netdev())) {
                    out.add(endpoint(d, p));
                }
            }
        }
        return out;
    }

    private static Endpoint endpoint(RdmaDevice d, RdmaPort p) {
        return new Endpoint(d.name(), p.port(), p.netdev(), p.gids().stream().filter(Gid::isRoceV2).map(g -> g.index() + " " + g.ip()).toList());
    }

    /** The members storage traffic leaves on, for a log line. */
    public List<String> carrying() {
        return members.stream().filter(Member::carrying).map(Member::name).toList();
    }
}
