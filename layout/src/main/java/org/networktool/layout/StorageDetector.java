package org.networktool.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names the storage network of a layout: the interface carrying the storage IP, its physical
 * members, their NICs, the RDMA devices on them, and the single-NIC risk. A pure function of the
 * layout, so a target layout is judged exactly like a discovered one.
 */
public final class StorageDetector {
    private StorageDetector() {
    }

    /** The result: the storage network if one could be named, and why not otherwise. */
    public record Result(StorageNetwork storage, List<SourceWarning> warnings) {
    }

    public static Result detect(HostLayout layout, StorageSelector selector) {
        List<SourceWarning> warnings = new ArrayList<>();
        Netdev chosen;
        if (selector.interfaceName() != null) {
            chosen = layout.netdev(selector.interfaceName()).orElseThrow(() -> NetworkToolException.invalidInput(
                    "--storage-if " + selector.interfaceName() + ": no such interface on this host; `network-tool inspect` lists them"));
            if (!chosen.hasGlobalAddress()) {
                throw NetworkToolException.invalidInput("--storage-if " + chosen.name()
                        + ": the interface has no global IP address, so it cannot be the storage network");
            }
        } else if (selector.cidr() != null) {
            Cidr cidr = Cidr.parse(selector.cidr());
            List<Netdev> inCidr = layout.netdevs().stream()
                    .filter(n -> n.addresses().stream().anyMatch(a -> a.isGlobal() && cidr.contains(a.address()))).toList();
            if (inCidr.isEmpty()) {
                throw NetworkToolException.invalidInput("--storage-cidr " + selector.cidr() + ": no interface has an address in it");
            }
            if (inCidr.size() > 1) {
                throw NetworkToolException.invalidInput("--storage-cidr " + selector.cidr() + ": addresses on "
                        + names(inCidr) + "; the storage IP must sit on one interface, choose with --storage-if");
            }
            chosen = inCidr.get(0);
        } else {
            Optional<Netdev> auto = choose(layout, warnings);
            if (auto.isEmpty()) {
                return new Result(null, warnings);
            }
            chosen = auto.get();
        }
        return new Result(describe(layout, chosen, warnings), warnings);
    }

    private static Optional<Netdev> choose(HostLayout layout, List<SourceWarning> warnings) {
        List<Netdev> candidates = layout.netdevs().stream()
                .filter(n -> n.kind() != NetdevKind.LOOPBACK && n.hasGlobalAddress()).toList();
        if (candidates.isEmpty()) {
            warnings.add(new SourceWarning("storage", "no interface carries a global IP address: no storage network found"));
            return Optional.empty();
        }
        int best = candidates.stream().mapToInt(n -> score(layout, n)).max().orElse(0);
        if (best < 0) {
            warnings.add(new SourceWarning("storage", "the only addressed interfaces (" + names(candidates)
                    + ") hold the default route, which is usually management: choose with --storage-if if one is storage"));
            return Optional.empty();
        }
        List<Netdev> top = candidates.stream().filter(n -> score(layout, n) == best).toList();
        if (top.size() > 1) {
            warnings.add(new SourceWarning("storage", "several interfaces could be the storage network ("
                    + names(top) + "): choose one with --storage-if or --storage-cidr"));
            return Optional.empty();
        }
        return Optional.of(top.get(0));
    }

    /** RoCE on it weighs most, a bond next; the interface holding the default route is usually management. */
    private static int score(HostLayout layout, Netdev n) {
        int score = 0;
        List<String> members = members(layout, n).stream().map(StorageMember::name).toList();
        if (!rdmaDevicesOn(layout, n.name(), members).isEmpty()) {
            score += 4;
        }
        if (n.kind() == NetdevKind.BOND || n.kind() == NetdevKind.OVS_INTERNAL && members.size() > 1) {
            score += 2;
        }
        if (layout.routes().stream().anyMatch(r -> "default".equals(r.destination()) && n.name().equals(r.device()))) {
            score -= 3;
        }
        return score;
    }

    private static StorageNetwork describe(HostLayout layout, Netdev storage, List<SourceWarning> warnings) {
        List<StorageMember> members = members(layout, storage);
        Set<String> nics = new LinkedHashSet<>();
        boolean unknownNic = false;
        for (StorageMember m : members) {
            if (m.nic() == null) {
                unknownNic = true;
            } else {
                nics.add(m.nic());
            }
        }
        if (unknownNic) {
            warnings.add(new SourceWarning("storage", storage.name() + ": the NIC of some members is unknown (no PCI device)"));
        }
        String bondMode = layout.bond(storage.name()).map(LinuxBond::mode).orElse(ovsBond(layout, storage.name())
                .map(OvsPort::bondMode).orElse(null));
        String active = members.stream().filter(StorageMember::active).map(StorageMember::name)
                .reduce((a, b) -> a + "," + b).orElse(null);
        String risk = null;
        if (!members.isEmpty() && nics.size() < 2 && !unknownNic) {
            String who = members.size() == 1 ? "its only member is" : members.size() == 2 ? "both members" : "all " + members.size() + " members";
            risk = storage.name() + ": " + who + " on NIC " + String.join(", ", nics) + " — one NIC failure stops storage";
        }
        return new StorageNetwork(storage.name(), kindOf(layout, storage), storage.addresses().stream()
                .filter(IpAddress::isGlobal).map(IpAddress::cidr).toList(), bondMode, active, members,
                List.copyOf(nics), rdmaDevicesOn(layout, storage.name(), members.stream().map(StorageMember::name).toList()), risk);
    }

    private static String kindOf(HostLayout layout, Netdev n) {
        return switch (n.kind()) {
            case BOND -> "linux-bond";
            case OVS_INTERNAL -> ovsBond(layout, n.name()).isPresent() ? "ovs-bond" : "ovs-internal";
            default -> n.kind().label();
        };
    }

    /** The physical ports under an interface: bond slaves, the OVS bridge's member ports, or itself. */
    static List<StorageMember> members(HostLayout layout, Netdev n) {
        List<StorageMember> members = new ArrayList<>();
        Optional<LinuxBond> bond = layout.bond(n.name());
        if (bond.isPresent()) {
            LinuxBond b = bond.get();
            for (BondSlave s : b.slaves()) {
                boolean active = b.isLacp() ? s.isUp() && b.aggregator() != null && java.util.Objects.equals(s.aggregatorId(), b.aggregator().aggregatorId())
                        : s.name().equals(b.activeSlave());
                members.add(new StorageMember(s.name(), layout.netdev(s.name()).map(Netdev::nic).orElse(null),
                        s.miiStatus(), s.linkFailureCount(), active));
            }
            return members;
        }
        if (n.kind() == NetdevKind.OVS_INTERNAL) {
            Optional<OvsBridge> bridge = layout.ovs().bridgeOfInterface(n.name());
            if (bridge.isPresent()) {
                for (OvsPort p : bridge.get().ports()) {
                    if (p.name().equals(n.name()) || p.name().equals(bridge.get().name())) {
                        continue;
                    }
                    for (OvsInterface i : p.interfaces()) {
                        if ("internal".equals(i.type()) || i.type() != null && !i.type().isEmpty() && !"system".equals(i.type())) {
                            continue;
                        }
                        boolean active = p.bondStatus() == null ? !p.isBond()
                                : p.bondStatus().members().stream().anyMatch(m -> m.name().equals(i.name())
                                        && (m.active() || !"active-backup".equals(p.bondStatus().mode()) && m.enabled()));
                        members.add(new StorageMember(i.name(), layout.netdev(i.name()).map(Netdev::nic).orElse(null),
                                i.linkState(), null, active));
                    }
                }
            }
            return members;
        }
        if (n.kind() == NetdevKind.PHYSICAL) {
            members.add(new StorageMember(n.name(), n.nic(), n.operstate(), null, true));
        }
        return members;
    }

    private static Optional<OvsPort> ovsBond(HostLayout layout, String internalPort) {
        return layout.ovs().bridgeOfInterface(internalPort).flatMap(b -> b.bonds().stream().findFirst());
    }

    private static List<String> rdmaDevicesOn(HostLayout layout, String iface, List<String> members) {
        List<String> devices = new ArrayList<>();
        for (RdmaDevice d : layout.rdma()) {
            for (RdmaPort p : d.ports()) {
                if (p.netdev() != null && (p.netdev().equals(iface) || members.contains(p.netdev()))) {
                    devices.add(d.name() + "/" + p.port());
                }
            }
        }
        devices.sort(Comparator.naturalOrder());
        return devices;
    }

    private static String names(List<Netdev> list) {
        return String.join(", ", list.stream().map(Netdev::name).toList());
    }
}
