package org.networktool.planners;

import org.networktool.layout.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.networktool.layout.Cidr;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsInterface;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RdmaDevice;

/** Checks a target against a layout before anything is touched; reports every problem at once. */
public final class TargetValidator {
    private TargetValidator() {
    }

    public static List<PlanError> validate(HostLayout l, TargetSpec t) {
        List<PlanError> errors = new ArrayList<>();
        names(t, errors);
        BondSpec b = t.bond();
        if (b == null) {
            errors.add(new PlanError("bond", "the target has no bond: give bond.members and bond.mode"));
            return errors;
        }
        mode(b, errors);
        storage(l, t, errors);
        members(l, t, errors);
        existing(l, t, errors);
        for (String rxe : t.softRoce()) {
            Optional<RdmaDevice> d = l.rdma().stream().filter(x -> x.name().equals(rxe)).findFirst();
            if (d.isEmpty() || !d.get().isSoftRoce()) {
                errors.add(new PlanError("softRoce " + rxe, "no Soft-RoCE device of that name on this host (rdma link show lists them)"));
            }
        }
        linkLocalReach(l, t, errors);
        if (t.mtu() != null && (t.mtu() < 68 || t.mtu() > 65535)) {
            errors.add(new PlanError("mtu", t.mtu() + " is outside 68..65535"));
        }
        if (!Set.of("system", "netdev").contains(t.datapathType())) {
            errors.add(new PlanError("datapathType", "'" + t.datapathType() + "': use system (kernel datapath) or netdev (userspace)"));
        }
        return errors;
    }

    /**
     * After a hardware RoCE migration the members' QPs use link-local GIDs (fe80::), which do not route: every storage peer
     * must sit on the storage IP's own subnet (one L2 segment). Found here, not after the cutover.
     */
    private static void linkLocalReach(HostLayout l, TargetSpec t, List<PlanError> errors) {
        if (l.storage() == null || !t.softRoce().isEmpty() || !RdmaAddressing.isHardwareRoce(l)) {
            return;
        }
        List<Cidr> onLink = l.storage().addresses().stream().filter(a -> a.contains("/")).map(a -> Cidr.parse(
                Cidr.network(a.substring(0, a.indexOf('/')), Integer.parseInt(a.substring(a.indexOf('/') + 1))))).toList();
        for (String peer : t.peers()) {
            if (peer.matches("[0-9a-fA-F:.]+") && onLink.stream().noneMatch(c -> c.contains(peer))) {
                errors.add(new PlanError("peer " + peer, "not on the storage subnet " + String.join(", ", l.storage().addresses())
                        + ": after the migration each member's RDMA function has only its link-local GID (fe80::), which does not"
                        + " route. Give peers on the storage segment, or keep this host's storage network routed as it is (not migrated)"));
            }
        }
        // The kernel resolves a link-local RoCE v2 destination through the member's IPv6 neighbour table and fe80::/64 route.
        for (String m : t.bond() == null ? List.<String>of() : t.bond().members()) {
            if (l.netdev(m).map(n -> Boolean.TRUE.equals(n.ipv6Disabled())).orElse(false)) {
                errors.add(new PlanError("member " + m, "IPv6 is disabled on " + m + " (net.ipv6.conf." + m + ".disable_ipv6 = 1): its RDMA"
                        + " function would reach peers only on its link-local GID, which the kernel resolves through the member's IPv6"
                        + " neighbour table. Enable IPv6 on the members (sysctl -w net.ipv6.conf." + m + ".disable_ipv6=0, and in"
                        + " /etc/sysctl.d so it holds at boot), then plan again"));
            }
        }
    }

    private static void names(TargetSpec t, List<PlanError> errors) {
        check("bridge", t.bridge(), errors);
        check("internalPort", t.internalPort(), errors);
        if (t.bond() != null) {
            check("bond.name", t.bond().name(), errors);
            for (String m : t.bond().members()) {
                check("bond.members", m, errors);
            }
        }
        if (t.bridge().equals(t.internalPort()) || t.bond() != null && (t.bond().name().equals(t.bridge()) || t.bond().name().equals(t.internalPort()))) {
            errors.add(new PlanError("names", "bridge, internal port and bond need three different names"));
        }
    }

    private static void check(String field, String name, List<PlanError> errors) {
        if (!Names.isValidInterface(name)) {
            errors.add(new PlanError(field, "'" + name + "' is not a valid interface name: it " + Names.why(name)));
        }
    }

    private static void mode(BondSpec b, List<PlanError> errors) {
        if ("balance-slb".equals(b.mode())) {
            errors.add(new PlanError("bond.mode", "balance-slb is refused for RDMA storage: it moves the host MAC between members"
                    + " while RoCE frames leave on the port their RDMA device is bound to, so the switch sees the MAC flap;"
                    + " use active-backup, or balance-tcp with LACP"));
        } else if (!BondSpec.ACTIVE_BACKUP.equals(b.mode()) && !BondSpec.BALANCE_TCP.equals(b.mode())) {
            errors.add(new PlanError("bond.mode", "'" + b.mode() + "' is not supported: use active-backup or balance-tcp"));
        }
        LacpSpec lacp = b.lacp();
        if (BondSpec.BALANCE_TCP.equals(b.mode()) && (lacp == null || !lacp.enabled())) {
            errors.add(new PlanError("bond.lacp", "balance-tcp needs LACP (lacp.mode: active): OVS will not hash L4 flows over an unnegotiated bond"));
        }
        if (lacp != null) {
            if (lacp.mode() != null && !Set.of("active", "passive", "off").contains(lacp.mode())) {
                errors.add(new PlanError("bond.lacp.mode", "'" + lacp.mode() + "': use active, passive or off"));
            }
            if (lacp.time() != null && !Set.of("fast", "slow").contains(lacp.time())) {
                errors.add(new PlanError("bond.lacp.time", "'" + lacp.time() + "': use fast (1 s, timeout 3 s) or slow (30 s, timeout 90 s)"));
            }
        }
        if (!Set.of("carrier", "miimon").contains(b.detectMode())) {
            errors.add(new PlanError("bond.detectMode", "'" + b.detectMode() + "': use carrier or miimon"));
        } else if ("miimon".equals(b.detectMode()) && b.miimonIntervalMs() != null && b.miimonIntervalMs() <= 0) {
            errors.add(new PlanError("bond.miimonIntervalMs", "must be greater than 0 with miimon detection"));
        }
        for (Integer d : new Integer[] {b.updelayMs(), b.downdelayMs()}) {
            if (d != null && d < 0) {
                errors.add(new PlanError("bond.updelayMs/downdelayMs", "must not be negative"));
            }
        }
    }

    private static void storage(HostLayout l, TargetSpec t, List<PlanError> errors) {
        if (l.storage() == null) {
            errors.add(new PlanError("storage", "no storage IP found on this host: choose the storage network with --storage-if or --storage-cidr"));
            return;
        }
        if (t.storageInterface() != null && !t.storageInterface().equals(l.storage().interfaceName())) {
            errors.add(new PlanError("storageInterface", "the target moves the storage IP from " + t.storageInterface()
                    + " but it is on " + l.storage().interfaceName()));
        }
        for (String cidr : l.storage().addresses()) {
            String ip = cidr.substring(0, cidr.indexOf('/'));
            List<String> holders = l.netdevs().stream().filter(n -> n.addresses().stream().map(IpAddress::address).anyMatch(ip::equals))
                    .map(Netdev::name).toList();
            if (holders.size() > 1) {
                errors.add(new PlanError("storage", "the storage IP " + ip + " is on more than one interface (" + String.join(", ", holders)
                        + "): remove the duplicate before migrating"));
            }
        }
    }

    private static void members(HostLayout l, TargetSpec t, List<PlanError> errors) {
        BondSpec b = t.bond();
        String storageIf = l.storage() == null ? null : l.storage().interfaceName();
        Set<String> nics = new TreeSet<>();
        Set<Integer> speeds = new LinkedHashSet<>();
        if (new LinkedHashSet<>(b.members()).size() != b.members().size()) {
            errors.add(new PlanError("bond.members", "a member is listed twice"));
        }
        for (String m : b.members()) {
            Optional<Netdev> n = l.netdev(m);
            if (n.isEmpty()) {
                errors.add(new PlanError("member " + m, "no such interface on this host (`network-tool inspect` lists the NIC ports)"));
                continue;
            }
            Netdev d = n.get();
            if (d.kind() != NetdevKind.PHYSICAL) {
                errors.add(new PlanError("member " + m, "is a " + d.kind().label() + " device, not a NIC port"));
                continue;
            }
            if (d.nic() != null) {
                nics.add(d.nic());
            }
            if (d.speedMbps() != null) {
                speeds.add(d.speedMbps());
            }
            boolean inStorageBond = d.master() != null && d.master().equals(storageIf);
            boolean inTargetBridge = l.ovs().bridgeOfInterface(m).map(br -> br.name().equals(t.bridge())).orElse(false);
            if (d.master() != null && !inStorageBond && !inTargetBridge) {
                errors.add(new PlanError("member " + m, "is busy in " + ("ovs-system".equals(d.master())
                        ? "OVS bridge " + l.ovs().bridgeOfInterface(m).map(OvsBridge::name).orElse("?") : d.master())
                        + ": free it or choose another port"));
            } else if (d.hasGlobalAddress() && !m.equals(storageIf)) {
                errors.add(new PlanError("member " + m, "carries addresses of its own: it is in use, choose another port"));
            }
        }
        if (b.members().size() < 2 || nics.size() < 2) {
            errors.add(new PlanError("bond.members", "the members must sit on at least two NICs to remove the single point of failure"
                    + " (now on " + (nics.isEmpty() ? "no known NIC" : String.join(", ", nics)) + ")"));
        }
        if (speeds.size() > 1) {
            errors.add(new PlanError("bond.members", "members run at different speeds " + speeds + " Mb/s: a bond needs equal members"));
        }
    }

    /** Names already taken: the target may reuse only what is exactly its own (crash residue). */
    private static void existing(HostLayout l, TargetSpec t, List<PlanError> errors) {
        Optional<OvsBridge> br = l.ovs().bridge(t.bridge());
        if (br.isPresent()) {
            for (OvsPort p : br.get().ports()) {
                boolean own = p.name().equals(t.bridge())
                        || p.name().equals(t.internalPort()) && p.interfaces().stream().allMatch(i -> "internal".equals(i.type()))
                        || p.name().equals(t.bond().name()) && p.interfaces().stream().map(OvsInterface::name).allMatch(t.bond().members()::contains);
                if (!own) {
                    errors.add(new PlanError("bridge " + t.bridge(), "already exists with port " + p.name() + " that is not part of this target:"
                            + " choose another bridge name, or remove it (if it is an interrupted migration, run `network-tool rollback`)"));
                }
            }
        } else if (l.netdev(t.bridge()).isPresent()) {
            errors.add(new PlanError("bridge " + t.bridge(), "a network device with this name already exists"));
        }
        boolean internalIsOurs = br.flatMap(x -> x.port(t.internalPort())).isPresent();
        if (!internalIsOurs && l.netdev(t.internalPort()).isPresent()) {
            errors.add(new PlanError("internalPort " + t.internalPort(), "a network device with this name already exists: choose another name"));
        }
        for (OvsBridge other : l.ovs().bridges()) {
            if (!other.name().equals(t.bridge()) && (other.port(t.internalPort()).isPresent() || other.port(t.bond().name()).isPresent())) {
                errors.add(new PlanError("bridge " + other.name(), "already has a port named " + t.internalPort() + " or " + t.bond().name()
                        + ": choose other names"));
            }
        }
    }
}
