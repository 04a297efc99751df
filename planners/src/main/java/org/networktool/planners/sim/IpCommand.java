package org.networktool.planners.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.networktool.layout.Cidr;
import org.networktool.layout.IpAddress;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.Route;

/** The subset of iproute2 plans use: link set/add/del, addr add/del, route add/del/replace, -batch. */
final class IpCommand {
    private final SimHost host;

    IpCommand(SimHost host) {
        this.host = host;
    }

    void run(List<String> args, String stdin) {
        boolean force = false;
        int i = 0;
        if (i < args.size() && args.get(i).equals("-force")) {
            force = true;
            i++;
        }
        if (i < args.size() && args.get(i).equals("-batch")) {
            if (!"-".equals(args.get(i + 1)) || stdin == null) {
                throw new SimulationException("ip -batch: only '-' with standard input is supported");
            }
            SimulationException first = null;
            for (String line : stdin.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    one(List.of(line.trim().split("\\s+")));
                } catch (SimulationException e) {
                    if (!force) {
                        throw new SimulationException("Command failed -:" + line + ": " + e.getMessage());
                    }
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw new SimulationException("ip -force -batch: some commands failed, first: " + first.getMessage());
            }
            return;
        }
        if (i < args.size() && args.get(i).equals("-6")) {
            i++;
            if (i < args.size() && args.get(i).equals("neigh")) {
                neighbour(args.subList(i + 1, args.size()));
                return;
            }
        }
        one(args.subList(i, args.size()));
    }

    /** {@code ip -6 neigh replace ADDR lladdr MAC dev DEV nud permanent} and {@code ip -6 neigh del ADDR dev DEV}. */
    private void neighbour(List<String> a) {
        String verb = a.isEmpty() ? "" : a.get(0);
        int dev = a.indexOf("dev");
        if (dev < 0 || dev + 1 >= a.size() || host.dev(a.get(dev + 1)) == null) {
            throw new SimulationException("ip -6 neigh: Cannot find device \"" + (dev < 0 || dev + 1 >= a.size() ? "" : a.get(dev + 1)) + "\"");
        }
        String address = a.size() > 1 ? a.get(1) : "";
        if (!address.toLowerCase(java.util.Locale.ROOT).matches("[0-9a-f:]+")) {
            throw new SimulationException("ip -6 neigh: bad address " + address);
        }
        switch (verb) {
            case "replace" -> {
                int ll = a.indexOf("lladdr");
                if (ll < 0 || ll + 1 >= a.size() || !a.get(ll + 1).toLowerCase(java.util.Locale.ROOT).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                    throw new SimulationException("ip -6 neigh replace: lladdr MAC required");
                }
                host.neighbours.add(a.get(dev + 1) + " " + address + " " + a.get(ll + 1));
            }
            case "del" -> {
                if (!host.neighbours.removeIf(n -> n.startsWith(a.get(dev + 1) + " " + address + " "))) {
                    throw new SimulationException("RTNETLINK answers: No such file or directory");
                }
            }
            default -> throw new SimulationException("ip -6 neigh: unsupported " + verb);
        }
    }

    private void one(List<String> a) {
        switch (a.get(0)) {
            case "link" -> link(a.subList(1, a.size()));
            case "addr", "address" -> addr(a.subList(1, a.size()));
            case "route" -> route(a.subList(1, a.size()));
            default -> throw new SimulationException("ip: unsupported object " + a.get(0));
        }
    }

    private void link(List<String> a) {
        switch (a.get(0)) {
            case "set" -> {
                expect(a, 1, "dev");
                SimHost.Dev d = host.dev(a.get(2));
                for (int i = 3; i < a.size(); i++) {
                    switch (a.get(i)) {
                        case "up" -> d.up = true;
                        case "down" -> {
                            d.up = false;
                            host.neighbours.removeIf(n -> n.startsWith(d.name + " "));
                        }
                        case "mtu" -> setMtu(d, Integer.parseInt(a.get(++i)));
                        case "nomaster" -> release(d);
                        case "address" -> {
                            d.mac = a.get(++i);
                            SimHost.Bond own = host.bonds.get(d.name);
                            if (own != null) {
                                own.randomMac = false;
                            }
                        }
                        case "master" -> enslave(d, a.get(++i));
                        default -> throw new SimulationException("ip link set: unsupported " + a.get(i));
                    }
                }
            }
            case "add" -> addBond(a);
            case "del", "delete" -> {
                expect(a, 1, "dev");
                SimHost.Dev d = host.dev(a.get(2));
                if (d.kind != NetdevKind.BOND) {
                    throw new SimulationException("ip link del: " + d.name + " is not a device the plan may delete");
                }
                SimHost.Bond b = host.bonds.get(d.name);
                for (String s : new ArrayList<>(b.slaves)) {
                    release(host.dev(s));
                }
                host.bonds.remove(d.name);
                host.devs.remove(d.name);
                host.routes.removeIf(r -> d.name.equals(r.device()));
            }
            default -> throw new SimulationException("ip link: unsupported " + a.get(0));
        }
    }

    private void setMtu(SimHost.Dev d, int mtu) {
        if (d.master != null && host.bonds.containsKey(d.master)) {
            throw new SimulationException("ip link set " + d.name + " mtu: a bond slave takes its bond's MTU");
        }
        d.mtu = mtu;
        SimHost.Bond b = host.bonds.get(d.name);
        if (b != null) {
            b.slaves.forEach(s -> host.dev(s).mtu = mtu);
        }
    }

    // ip link add NAME type bond mode M [miimon N] [updelay N] [downdelay N] [lacp_rate R] [xmit_hash_policy P] [primary X]
    private void addBond(List<String> a) {
        String name = a.get(1);
        expect(a, 2, "type");
        expect(a, 3, "bond");
        if (host.devs.containsKey(name)) {
            throw new SimulationException("RTNETLINK answers: File exists");
        }
        SimHost.Bond b = new SimHost.Bond();
        b.name = name;
        b.miimon = 0;
        b.updelay = 0;
        b.downdelay = 0;
        b.randomMac = true;
        b.xmitHashPolicy = "layer2"; // kernel defaults, as sysfs then reports them
        for (int i = 4; i + 1 < a.size(); i += 2) {
            String v = a.get(i + 1);
            switch (a.get(i)) {
                case "mode" -> b.mode = v;
                case "miimon" -> b.miimon = Integer.parseInt(v);
                case "updelay" -> b.updelay = Integer.parseInt(v);
                case "downdelay" -> b.downdelay = Integer.parseInt(v);
                case "lacp_rate" -> b.lacpRate = v;
                case "xmit_hash_policy" -> b.xmitHashPolicy = v;
                case "primary" -> b.primary = v;
                default -> throw new SimulationException("ip link add type bond: unsupported option " + a.get(i));
            }
        }
        if (b.mode == null) {
            b.mode = "balance-rr";
        }
        if (!"802.3ad".equals(b.mode)) {
            b.lacpRate = null;
        } else if (b.lacpRate == null) {
            b.lacpRate = "slow";
        }
        SimHost.Dev d = new SimHost.Dev();
        d.name = name;
        d.kind = NetdevKind.BOND;
        d.mac = host.newMac();
        d.mtu = 1500;
        d.ifindex = host.nextIfindex++;
        host.devs.put(name, d);
        host.bonds.put(name, b);
    }

    private void enslave(SimHost.Dev d, String bondName) {
        SimHost.Bond b = host.bonds.get(bondName);
        if (b == null) {
            throw new SimulationException("Cannot find bond \"" + bondName + "\"");
        }
        if (d.up) {
            throw new SimulationException("Error: Device can not be enslaved while up.");
        }
        if (d.master != null) {
            throw new SimulationException(d.name + " is already enslaved to " + d.master);
        }
        SimHost.Dev bond = host.dev(bondName);
        b.permanentMacs.put(d.name, d.mac);
        if (b.slaves.isEmpty() && b.randomMac) {
            bond.mac = d.mac;
            b.randomMac = false;
        }
        b.slaves.add(d.name);
        d.master = bondName;
        d.mtu = bond.mtu;
        d.mac = bond.mac;
        d.up = true;
        if (b.active == null && !"802.3ad".equals(b.mode)) {
            b.active = d.name;
        }
    }

    private void release(SimHost.Dev d) {
        if (d.master == null) {
            throw new SimulationException(d.name + " has no master");
        }
        SimHost.Bond b = host.bonds.get(d.master);
        if (b == null) {
            throw new SimulationException("ip link set nomaster: " + d.name + " is in " + d.master + ", not a Linux bond");
        }
        b.slaves.remove(d.name);
        d.mac = b.permanentMacs.remove(d.name);
        d.master = null;
        if (d.name.equals(b.active)) {
            b.active = b.slaves.isEmpty() ? null : b.slaves.get(0);
        }
        if (b.slaves.isEmpty()) {
            host.dev(b.name).mac = host.newMac();
            b.randomMac = true;
        }
    }

    private void addr(List<String> a) {
        String verb = a.get(0);
        String cidr = a.get(1);
        expect(a, 2, "dev");
        SimHost.Dev d = host.dev(a.get(3));
        int slash = cidr.indexOf('/');
        String ip = cidr.substring(0, slash);
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        String family = ip.contains(":") ? "inet6" : "inet";
        boolean present = d.addresses.stream().anyMatch(x -> x.address().equals(ip));
        String network = Cidr.network(ip, prefix);
        switch (verb) {
            case "add" -> {
                if (present) {
                    throw new SimulationException("RTNETLINK answers: File exists");
                }
                int globals = (int) d.addresses.stream().filter(IpAddress::isGlobal).count();
                d.addresses.add(globals, new IpAddress(family, ip, prefix, "global"));
                host.routes.add(new Route(family, network, null, d.name, "main", "kernel", family.equals("inet") ? "link" : null,
                        family.equals("inet") ? ip : null, family.equals("inet") ? null : 256));
            }
            case "del" -> {
                if (!present) {
                    throw new SimulationException("RTNETLINK answers: Cannot assign requested address");
                }
                d.addresses.removeIf(x -> x.address().equals(ip));
                host.routes.removeIf(r -> d.name.equals(r.device()) && ("kernel".equals(r.protocol()) && network.equals(r.destination())
                        || ip.equals(r.preferredSource())));
                boolean lastOfFamily = d.addresses.stream().noneMatch(x -> x.isGlobal() && x.family().equals(family));
                if (lastOfFamily && family.equals("inet")) {
                    host.routes.removeIf(r -> d.name.equals(r.device()) && family.equals(r.family()));
                }
            }
            default -> throw new SimulationException("ip addr: unsupported " + verb);
        }
    }

    // route add|del|replace DST [via GW] dev DEV [table T] [proto P] [metric M] [src S] [scope S]
    private void route(List<String> a) {
        String verb = a.get(0);
        String dst = a.get(1);
        String via = null;
        String dev = null;
        String table = "main";
        String proto = "boot";
        String src = null;
        String scope = null;
        Integer metric = null;
        for (int i = 2; i + 1 < a.size(); i += 2) {
            String v = a.get(i + 1);
            switch (a.get(i)) {
                case "via" -> via = v;
                case "dev" -> dev = v;
                case "table" -> table = v;
                case "proto" -> proto = v;
                case "metric" -> metric = Integer.parseInt(v);
                case "src" -> src = v;
                case "scope" -> scope = v;
                default -> throw new SimulationException("ip route: unsupported " + a.get(i));
            }
        }
        String family = (via != null ? via : dst).contains(":") ? "inet6" : "inet";
        SimHost.Dev d = host.dev(dev);
        final String gateway = via;
        if (!verb.equals("del") && gateway != null && d.addresses.stream().noneMatch(x -> x.isGlobal() && x.family().equals(family)
                && Cidr.parse(Cidr.network(x.address(), x.prefixLength())).contains(gateway))) {
            throw new SimulationException("Error: Nexthop has invalid gateway.");
        }
        final String fDst = dst;
        final String fVia = via;
        final String fTable = table;
        final String fDev = dev;
        java.util.function.Predicate<Route> same = r -> Objects.equals(r.destination(), fDst) && Objects.equals(r.gateway(), fVia)
                && Objects.equals(r.table(), fTable);
        Route route = new Route(family, dst, via, dev, table, proto, scope, src, metric);
        switch (verb) {
            case "add" -> {
                if (host.routes.stream().anyMatch(same)) {
                    throw new SimulationException("RTNETLINK answers: File exists");
                }
                host.routes.add(route);
            }
            case "replace" -> {
                int at = indexOf(same);
                if (at >= 0) {
                    host.routes.set(at, route);
                } else {
                    host.routes.add(route);
                }
            }
            case "del" -> {
                if (!host.routes.removeIf(r -> same.test(r) && fDev.equals(r.device()))) {
                    throw new SimulationException("RTNETLINK answers: No such process");
                }
            }
            default -> throw new SimulationException("ip route: unsupported " + verb);
        }
    }

    private int indexOf(java.util.function.Predicate<Route> p) {
        for (int i = 0; i < host.routes.size(); i++) {
            if (p.test(host.routes.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void expect(List<String> a, int i, String word) {
        if (a.size() <= i || !a.get(i).equals(word)) {
            throw new SimulationException("ip: expected '" + word + "' at argument " + i + " of " + String.join(" ", a));
        }
    }
}
