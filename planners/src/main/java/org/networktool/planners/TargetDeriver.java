package org.networktool.planners;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.StorageNetwork;

/**
 * The one-click target: the storage bond's ports plus the matching free ports of another NIC, in
 * the mode the bond implies, with every choice explained. Pure: reads only the layout.
 */
public final class TargetDeriver {
    private TargetDeriver() {
    }

    /** A derived target, or why none could be derived. */
    public record Derivation(TargetSpec target, List<PlanError> errors) {
    }

    public static Derivation derive(HostLayout l, String datapathType) {
        StorageNetwork storage = l.storage();
        if (storage == null) {
            return failed("storage", "no storage network identified on this host: give it with --storage-if or --storage-cidr");
        }
        Optional<TargetSpec> existing = alreadyMigrated(l, storage);
        if (existing.isPresent()) {
            return new Derivation(existing.get(), List.of());
        }
        Optional<StorageSource> src = StorageSource.of(l);
        if (src.isEmpty()) {
            return failed("storage", storage.interfaceName() + " is a " + storage.kind()
                    + "; the one-click path migrates a Linux bond or a single port: give the target with --target FILE");
        }
        StorageSource source = src.get();
        List<String> reasons = new ArrayList<>();
        Set<String> sourceNics = source.ports().stream().map(p -> l.netdev(p).map(Netdev::nic).orElse(null))
                .filter(n -> n != null).collect(Collectors.toSet());
        Integer speed = source.ports().stream().map(p -> l.netdev(p).map(Netdev::speedMbps).orElse(null))
                .filter(s -> s != null).max(Integer::compare).orElse(null);
        reasons.add("members " + String.join(", ", source.ports()) + ": the ports of " + source.iface()
                + (sourceNics.isEmpty() ? "" : " (NIC " + String.join(", ", sourceNics) + ")"));

        Map<String, List<Netdev>> freeByNic = new LinkedHashMap<>();
        for (var nic : l.nics()) {
            if (sourceNics.contains(nic.id())) {
                continue;
            }
            List<String> rejected = new ArrayList<>();
            for (String port : nic.ports()) {
                Netdev n = l.netdev(port).orElse(null);
                String why = n == null ? "is not a network device on this host" : unusable(l, n, speed);
                if (why == null) {
                    freeByNic.computeIfAbsent(nic.id(), k -> new ArrayList<>()).add(n);
                } else {
                    rejected.add(port + " " + why);
                }
            }
            if (!rejected.isEmpty() && !freeByNic.containsKey(nic.id())) {
                reasons.add("NIC " + nic.id() + " not used: " + String.join("; ", rejected));
            }
        }
        if (freeByNic.isEmpty()) {
            return failed("members", "no free port" + (speed == null ? "" : " of the storage speed (" + speed + " Mb/s)")
                    + " on another NIC; free one, or list the members yourself with --target FILE");
        }
        // The NIC offering the most usable ports wins, then carrier-up ports, then PCI order.
        String nic = freeByNic.entrySet().stream()
                .max(Comparator.<Map.Entry<String, List<Netdev>>>comparingInt(e -> Math.min(e.getValue().size(), source.ports().size()))
                        .thenComparingLong(e -> e.getValue().stream().filter(n -> Boolean.TRUE.equals(n.carrier())).count())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        List<Netdev> added = freeByNic.get(nic).stream()
                .sorted(Comparator.comparing((Netdev n) -> !Boolean.TRUE.equals(n.carrier())).thenComparing(Netdev::pciAddress,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(source.ports().size()).sorted(Comparator.comparing(Netdev::name)).toList();
        reasons.add("members " + added.stream().map(Netdev::name).collect(Collectors.joining(", ")) + ": NIC " + nic
                + " — " + (speed == null ? "" : "same speed " + speed + " Mb/s, ") + "free"
                + (added.stream().allMatch(n -> Boolean.TRUE.equals(n.carrier())) ? ", carrier up" : ", some without carrier"));
        List<String> members = new ArrayList<>(source.ports());
        added.forEach(n -> members.add(n.name()));

        String mode;
        LacpSpec lacp;
        LinuxBond bond = source.bond().orElse(null);
        if (bond != null && bond.isLacp()) {
            String time = "slow".equals(bond.lacpRate()) ? "slow" : "fast";
            mode = BondSpec.BALANCE_TCP;
            lacp = new LacpSpec("active", time, true);
            reasons.add("mode balance-tcp, LACP active/" + time + ", fallback to active-backup: " + bond.name() + " is 802.3ad"
                    + " (lacp_rate " + bond.lacpRate() + "); the switch port-channel must be extended to the new members' ports");
        } else {
            mode = BondSpec.ACTIVE_BACKUP;
            lacp = null;
            reasons.add("mode active-backup: " + (bond == null ? source.iface() + " is a single port"
                    : bond.name() + " is " + bond.mode()) + "; needs nothing from the switch but the storage VLAN on every member's port");
        }
        String detect = "carrier";
        Integer miimon = null;
        if (bond != null && bond.miimonMs() != null && bond.miimonMs() > 0) {
            detect = "miimon";
            miimon = bond.miimonMs();
            reasons.add("link detection miimon every " + miimon + " ms, updelay " + bond.updelayMs() + " ms, downdelay "
                    + bond.downdelayMs() + " ms: as " + bond.name());
        } else {
            reasons.add("link detection by carrier");
        }
        Integer mtu = l.netdev(source.iface()).map(Netdev::mtu).orElse(null);
        reasons.add("MTU " + mtu + ": from " + source.iface());
        List<String> rxe = softRoceOn(l, source.iface());
        if (!rxe.isEmpty()) {
            reasons.add("Soft-RoCE " + String.join(", ", rxe) + " re-linked to the internal port with the storage IP");
        }
        reasons.add("bridge " + TargetSpec.DEFAULT_BRIDGE + ", internal port " + TargetSpec.DEFAULT_INTERNAL_PORT + ", bond "
                + TargetSpec.DEFAULT_BOND + " (datapath " + datapathType + "): defaults");
        BondSpec bondSpec = new BondSpec(TargetSpec.DEFAULT_BOND, mode, members, lacp, detect, miimon,
                bond == null || bond.updelayMs() == null ? 0 : bond.updelayMs(), bond == null || bond.downdelayMs() == null ? 0 : bond.downdelayMs());
        return new Derivation(new TargetSpec(null, source.iface(), null, null, datapathType, bondSpec, mtu, rxe, List.of(), reasons, null), List.of());
    }

    /** Why a port cannot join the storage bond, or null if it can. */
    static String unusable(HostLayout l, Netdev n, Integer speed) {
        if (n.kind() != NetdevKind.PHYSICAL) {
            return "is a " + n.kind().label() + " device";
        }
        if (n.master() != null) {
            return "is in " + n.master();
        }
        if (n.hasGlobalAddress()) {
            return "carries addresses";
        }
        if (l.ovs().bridgeOfInterface(n.name()).isPresent()) {
            return "is in OVS bridge " + l.ovs().bridgeOfInterface(n.name()).get().name();
        }
        if (speed != null && n.speedMbps() != null && !speed.equals(n.speedMbps())) {
            return "runs at " + n.speedMbps() + " Mb/s, not " + speed;
        }
        return null;
    }

    static List<String> softRoceOn(HostLayout l, String iface) {
        List<String> names = new ArrayList<>();
        for (RdmaDevice d : l.rdma()) {
            if (d.isSoftRoce() && d.ports().stream().map(RdmaPort::netdev).anyMatch(iface::equals)) {
                names.add(d.name());
            }
        }
        return names;
    }

    private static Optional<TargetSpec> alreadyMigrated(HostLayout l, StorageNetwork storage) {
        if (!"ovs-bond".equals(storage.kind()) || storage.nics().size() < 2) {
            return Optional.empty();
        }
        OvsBridge br = l.ovs().bridgeOfInterface(storage.interfaceName()).orElseThrow();
        OvsPort bond = br.bonds().get(0);
        Map<String, String> oc = bond.otherConfig();
        LacpSpec lacp = bond.lacp() == null ? null : new LacpSpec(bond.lacp(), oc.getOrDefault("lacp-time", "slow"),
                Boolean.parseBoolean(oc.getOrDefault("lacp-fallback-ab", "false")));
        BondSpec spec = new BondSpec(bond.name(), bond.bondMode(), bond.interfaceNames(), lacp, oc.getOrDefault("bond-detect-mode", "carrier"),
                oc.containsKey("bond-miimon-interval") ? Integer.valueOf(oc.get("bond-miimon-interval")) : null,
                bond.bondUpdelay(), bond.bondDowndelay());
        return Optional.of(new TargetSpec(null, storage.interfaceName(), br.name(), storage.interfaceName(), br.datapathType(), spec,
                l.netdev(storage.interfaceName()).map(Netdev::mtu).orElse(null), List.of(), List.of(),
                List.of("already migrated: " + storage.interfaceName() + " on " + br.name() + "/" + bond.name() + " across NICs "
                        + String.join(", ", storage.nics())), null));
    }

    private static Derivation failed(String subject, String message) {
        return new Derivation(null, List.of(new PlanError(subject, message)));
    }
}
