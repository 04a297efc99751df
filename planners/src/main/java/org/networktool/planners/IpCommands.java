package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Route;

/**
 * Every iproute2 (and arping) command a plan runs, spelled once. Each form here is one the model
 * host parses back ({@code sim.IpCommand}); a new form goes into both.
 */
final class IpCommands {
    private IpCommands() {
    }

    static Command up(String dev) {
        return Command.of("ip", "link", "set", "dev", dev, "up");
    }

    static Command down(String dev) {
        return Command.of("ip", "link", "set", "dev", dev, "down");
    }

    static Command mtu(String dev, int mtu) {
        return Command.of("ip", "link", "set", "dev", dev, "mtu", String.valueOf(mtu));
    }

    static Command mac(String dev, String mac) {
        return Command.of("ip", "link", "set", "dev", dev, "address", mac);
    }

    static Command nomaster(String dev) {
        return Command.of("ip", "link", "set", "dev", dev, "nomaster");
    }

    static Command master(String dev, String bond) {
        return Command.of("ip", "link", "set", "dev", dev, "master", bond);
    }

    static Command delete(String dev) {
        return Command.of("ip", "link", "del", "dev", dev);
    }

    /** A Linux bond as it was: mode, timers, LACP rate, hash policy and primary (the slaves join later). */
    static Command addBond(LinuxBond bond) {
        List<String> a = new ArrayList<>(List.of("ip", "link", "add", bond.name(), "type", "bond", "mode", bond.mode()));
        if (bond.miimonMs() != null) {
            a.addAll(List.of("miimon", String.valueOf(bond.miimonMs())));
        }
        if (bond.updelayMs() != null) {
            a.addAll(List.of("updelay", String.valueOf(bond.updelayMs())));
        }
        if (bond.downdelayMs() != null) {
            a.addAll(List.of("downdelay", String.valueOf(bond.downdelayMs())));
        }
        if (bond.isLacp() && bond.lacpRate() != null) {
            a.addAll(List.of("lacp_rate", bond.lacpRate()));
        }
        if (bond.xmitHashPolicy() != null && !"layer2".equals(bond.xmitHashPolicy())) {
            a.addAll(List.of("xmit_hash_policy", bond.xmitHashPolicy()));
        }
        if (bond.primary() != null) {
            a.addAll(List.of("primary", bond.primary()));
        }
        return Command.of(a);
    }

    /**
     * A peer's link-local RoCE GID resolved on a member for good: OVS takes every frame arriving on a member, so neighbour
     * advertisements never reach the member's own IPv6 stack, through which the kernel resolves a RoCE v2 destination.
     */
    static Command permanentNeighbour(String address, String mac, String dev) {
        return Command.of("ip", "-6", "neigh", "replace", address, "lladdr", mac, "dev", dev, "nud", "permanent");
    }

    static Command deleteNeighbour(String address, String dev) {
        return Command.of("ip", "-6", "neigh", "del", address, "dev", dev).tolerant();
    }

    static Command arpAnnounce(String dev, String address) {
        return Command.of("arping", "-U", "-c", "2", "-w", "2", "-I", dev, address).inBackground();
    }

    /** The batch lines that move the storage addresses and routes from one interface to another. */
    static List<String> moveLines(List<IpAddress> addrs, List<Route> routes, String from, String to) {
        List<String> lines = new ArrayList<>();
        for (Route r : routes) {
            lines.add("route del " + r.destination() + via(r) + " dev " + from + table(r));
        }
        for (IpAddress a : addrs) {
            lines.add("addr del " + a.cidr() + " dev " + from);
        }
        for (IpAddress a : addrs) {
            lines.add("addr add " + a.cidr() + " dev " + to);
        }
        for (Route r : routes) {
            lines.add("route add " + r.destination() + via(r) + " dev " + to + table(r)
                    + (r.protocol() == null ? "" : " proto " + r.protocol()) + (r.metric() == null ? "" : " metric " + r.metric())
                    + (r.preferredSource() == null ? "" : " src " + r.preferredSource()));
        }
        return lines;
    }

    private static String via(Route r) {
        return r.gateway() == null ? "" : " via " + r.gateway();
    }

    private static String table(Route r) {
        return r.table() == null || "main".equals(r.table()) ? "" : " table " + r.table();
    }
}
