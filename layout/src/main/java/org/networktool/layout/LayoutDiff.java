package org.networktool.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between two layouts on the fields a migration touches: netdevs (kind, MTU,
 * master, MAC), global addresses, Linux bonds, routes, OVS bridges/ports/bonds and the netdev of
 * each RDMA port. Empty means "the same host" for the purposes of planning and rollback. Live
 * state (counters, operstate, link failures, the OVS active member) is deliberately not compared;
 * the active slave of an active-backup Linux bond is, because its RDMA device carries the GIDs.
 */
public final class LayoutDiff {
    /** Created by the kernel datapath on first use and kept by design; not the plan's doing. */
    private static final Set<String> IGNORED_NETDEVS = Set.of("ovs-system", "ovs-netdev");

    private LayoutDiff() {
    }

    public static List<Change> between(HostLayout before, HostLayout after) {
        List<Change> changes = new ArrayList<>();
        netdevs(before, after, changes);
        addresses(before, after, changes);
        bonds(before, after, changes);
        routes(before, after, changes);
        ovs(before, after, changes);
        rdma(before, after, changes);
        return changes;
    }

    private static void netdevs(HostLayout a, HostLayout b, List<Change> out) {
        Map<String, Netdev> before = byName(a.netdevs(), Netdev::name);
        Map<String, Netdev> after = byName(b.netdevs(), Netdev::name);
        IGNORED_NETDEVS.forEach(n -> {
            before.remove(n);
            after.remove(n);
        });
        for (Netdev n : before.values()) {
            Netdev m = after.get(n.name());
            if (m == null) {
                out.add(new Change(Change.Action.REMOVE, "netdev " + n.name(), n.kind().label(), null));
                continue;
            }
            field(out, "netdev " + n.name() + " kind", n.kind().label(), m.kind().label());
            field(out, "netdev " + n.name() + " mtu", n.mtu(), m.mtu());
            field(out, "netdev " + n.name() + " master", n.master(), m.master());
            if (n.kind() != NetdevKind.OVS_INTERNAL) {
                field(out, "netdev " + n.name() + " mac", n.mac(), m.mac());
            }
        }
        for (Netdev m : after.values()) {
            if (!before.containsKey(m.name())) {
                out.add(new Change(Change.Action.ADD, "netdev " + m.name(), m.kind().label(), null));
            }
        }
    }

    private static void addresses(HostLayout a, HostLayout b, List<Change> out) {
        keyed(out, "address ", "", "on ", addressOwners(a), addressOwners(b));
    }

    /** Things known by a key whose one value may move: added, removed, or moved from one value to another. */
    private static void keyed(List<Change> out, String subject, String movedSuffix, String valueLabel,
                              Map<String, String> before, Map<String, String> after) {
        for (var e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                out.add(new Change(Change.Action.REMOVE, subject + e.getKey(), valueLabel + e.getValue(), null));
            } else if (!now.equals(e.getValue())) {
                out.add(new Change(Change.Action.UPDATE, subject + e.getKey() + movedSuffix, e.getValue(), now));
            }
        }
        for (var e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(new Change(Change.Action.ADD, subject + e.getKey(), null, valueLabel + e.getValue()));
            }
        }
    }

    private static Map<String, String> addressOwners(HostLayout l) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Netdev n : l.netdevs()) {
            for (IpAddress a : n.addresses()) {
                if (a.isGlobal()) {
                    owners.merge(a.cidr(), n.name(), (x, y) -> x + "," + y);
                }
            }
        }
        return owners;
    }

    private static void bonds(HostLayout a, HostLayout b, List<Change> out) {
        Map<String, LinuxBond> before = byName(a.bonds(), LinuxBond::name);
        Map<String, LinuxBond> after = byName(b.bonds(), LinuxBond::name);
        for (LinuxBond x : before.values()) {
            LinuxBond y = after.get(x.name());
            if (y == null) {
                out.add(new Change(Change.Action.REMOVE, "linux bond " + x.name(), describe(x), null));
                continue;
            }
            String s = "linux bond " + x.name();
            field(out, s + " mode", x.mode(), y.mode());
            field(out, s + " miimon", x.miimonMs(), y.miimonMs());
            field(out, s + " updelay", x.updelayMs(), y.updelayMs());
            field(out, s + " downdelay", x.downdelayMs(), y.downdelayMs());
            field(out, s + " lacp_rate", x.lacpRate(), y.lacpRate());
            field(out, s + " xmit_hash_policy", x.xmitHashPolicy(), y.xmitHashPolicy());
            field(out, s + " primary", x.primary(), y.primary());
            // Slave order follows enslave order and carries no meaning; the active slave does.
            field(out, s + " slaves", String.join(",", x.slaveNames().stream().sorted().toList()),
                    String.join(",", y.slaveNames().stream().sorted().toList()));
            if ("active-backup".equals(x.mode())) {
                field(out, s + " active slave", x.activeSlave(), y.activeSlave());
            }
        }
        for (LinuxBond y : after.values()) {
            if (!before.containsKey(y.name())) {
                out.add(new Change(Change.Action.ADD, "linux bond " + y.name(), null, describe(y)));
            }
        }
    }

    private static String describe(LinuxBond b) {
        return b.mode() + ": " + String.join(" ", b.slaveNames());
    }

    /** Routes are matched by destination, gateway and table, so a route moved to another device reads as one change. */
    private static void routes(HostLayout a, HostLayout b, List<Change> out) {
        Map<String, List<Route>> before = a.routes().stream().collect(Collectors.groupingBy(LayoutDiff::routeKey, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<Route>> after = b.routes().stream().collect(Collectors.groupingBy(LayoutDiff::routeKey, LinkedHashMap::new, Collectors.toList()));
        for (var e : before.entrySet()) {
            List<Route> now = after.getOrDefault(e.getKey(), List.of());
            String was = e.getValue().stream().map(LayoutDiff::routeDetail).sorted().collect(Collectors.joining(", "));
            String is = now.stream().map(LayoutDiff::routeDetail).sorted().collect(Collectors.joining(", "));
            if (now.isEmpty()) {
                out.add(new Change(Change.Action.REMOVE, "route " + e.getKey(), was, null));
            } else if (!was.equals(is)) {
                out.add(new Change(Change.Action.UPDATE, "route " + e.getKey(), was, is));
            }
        }
        for (var e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(new Change(Change.Action.ADD, "route " + e.getKey(), null,
                        e.getValue().stream().map(LayoutDiff::routeDetail).sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    private static String routeKey(Route r) {
        return r.destination() + (r.gateway() == null ? "" : " via " + r.gateway()) + ("main".equals(r.table()) ? "" : " table " + r.table());
    }

    private static String routeDetail(Route r) {
        return "dev " + r.device() + (r.metric() == null ? "" : " metric " + r.metric()) + (r.protocol() == null ? "" : " proto " + r.protocol());
    }

    private static void ovs(HostLayout a, HostLayout b, List<Change> out) {
        Map<String, OvsBridge> before = byName(a.ovs().bridges(), OvsBridge::name);
        Map<String, OvsBridge> after = byName(b.ovs().bridges(), OvsBridge::name);
        for (OvsBridge x : before.values()) {
            OvsBridge y = after.get(x.name());
            if (y == null) {
                out.add(new Change(Change.Action.REMOVE, "ovs bridge " + x.name(), "ports " + portNames(x), null));
                continue;
            }
            field(out, "ovs bridge " + x.name() + " datapath", x.datapathType(), y.datapathType());
            ports(x, y, out);
        }
        for (OvsBridge y : after.values()) {
            if (!before.containsKey(y.name())) {
                out.add(new Change(Change.Action.ADD, "ovs bridge " + y.name(), null, "datapath " + y.datapathType()));
                ports(new OvsBridge(y.name(), y.datapathType(), List.of()), y, out);
            }
        }
    }

    private static void ports(OvsBridge x, OvsBridge y, List<Change> out) {
        Map<String, OvsPort> before = byName(x.ports(), OvsPort::name);
        Map<String, OvsPort> after = byName(y.ports(), OvsPort::name);
        for (OvsPort p : before.values()) {
            OvsPort q = after.get(p.name());
            String s = "ovs port " + y.name() + "/" + p.name();
            if (q == null) {
                out.add(new Change(Change.Action.REMOVE, s, describe(p), null));
                continue;
            }
            field(out, s + " interfaces", String.join(",", p.interfaceNames()), String.join(",", q.interfaceNames()));
            field(out, s + " bond_mode", p.bondMode(), q.bondMode());
            field(out, s + " lacp", p.lacp(), q.lacp());
            field(out, s + " other_config", p.otherConfig().toString(), q.otherConfig().toString());
        }
        for (OvsPort q : after.values()) {
            if (!before.containsKey(q.name()) && !q.name().equals(y.name())) {
                out.add(new Change(Change.Action.ADD, "ovs port " + y.name() + "/" + q.name(), null, describe(q)));
            }
        }
    }

    private static String describe(OvsPort p) {
        if (p.interfaces().size() == 1 && "internal".equals(p.interfaces().get(0).type())) {
            OvsInterface i = p.interfaces().get(0);
            return "internal" + (i.mtuRequest() == null ? "" : ", mtu " + i.mtuRequest());
        }
        StringBuilder b = new StringBuilder();
        if (p.bondMode() != null) {
            b.append(p.bondMode()).append(", ");
        }
        if (p.lacp() != null) {
            b.append("lacp ").append(p.lacp()).append(", ");
        }
        b.append("members ").append(String.join(" ", p.interfaceNames()));
        return b.toString();
    }

    private static String portNames(OvsBridge b) {
        return b.ports().stream().map(OvsPort::name).collect(Collectors.joining(" "));
    }

    private static void rdma(HostLayout a, HostLayout b, List<Change> out) {
        keyed(out, "rdma ", " netdev", "netdev ", rdmaNetdevs(a), rdmaNetdevs(b));
    }

    private static Map<String, String> rdmaNetdevs(HostLayout l) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                m.put(d.name() + "/" + p.port(), String.valueOf(p.netdev()));
            }
        }
        return m;
    }

    private static void field(List<Change> out, String subject, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(new Change(Change.Action.UPDATE, subject, String.valueOf(before), String.valueOf(after)));
        }
    }

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        list.forEach(x -> m.put(name.apply(x), x));
        return m;
    }
}
