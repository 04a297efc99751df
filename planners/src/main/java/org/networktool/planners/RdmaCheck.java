package org.networktool.planners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.RoceGids;

/**
 * The {@code [rdma]} gate's check of a layout: the same on a live host, a practice host and the
 * planner's model host, so the model is never kinder than the kernel. Two forms: the storage IP's
 * RoCE v2 GID on a storage RDMA port (a Linux bond, or Soft-RoCE that follows the storage
 * interface), and, with {@code members}, every member's own RDMA port ACTIVE with the RoCE v2
 * default GID of its own MAC and no other netdev sending with that MAC (hardware RoCE under an OVS
 * bond, where IP GIDs are gone).
 */
public final class RdmaCheck {
    /**
     * Behind a port-channel, how many flow labels (UDP source ports) the RC ping-pong gate tries from each member, of which
     * one must be answered. Enough that some hash onto each member of a 2- or 4-port channel, few enough to set up quickly. */
    public static final int GATE_FLOW_LABELS = 16;

    public record Result(boolean ok, String message, Map<String, String> figures) {
    }

    private RdmaCheck() {
    }

    public static Result check(HostLayout l, Gate.Rdma g) {
        return g.members().isEmpty() ? storageIp(l) : members(l, g.members());
    }

    /** The port of the hardware RDMA function whose traffic leaves on {@code netdev}. */
    public static Optional<Map.Entry<RdmaDevice, RdmaPort>> hardwarePortOn(HostLayout l, String netdev) {
        for (RdmaDevice d : l.rdma()) {
            if (d.isSoftRoce()) {
                continue;
            }
            for (RdmaPort p : d.ports()) {
                if (netdev.equals(p.netdev())) {
                    return Optional.of(Map.entry(d, p));
                }
            }
        }
        return Optional.empty();
    }

    private static Result members(HostLayout l, List<String> members) {
        Map<String, String> fig = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> down = new ArrayList<>();
        int active = 0;
        for (String m : members) {
            Optional<Map.Entry<RdmaDevice, RdmaPort>> on = hardwarePortOn(l, m);
            Optional<Netdev> dev = l.netdev(m);
            if (on.isEmpty() || dev.isEmpty() || dev.get().mac() == null) {
                problems.add(m + " has no RDMA device");
                continue;
            }
            String name = on.get().getKey().name() + "/" + on.get().getValue().port();
            RdmaPort p = on.get().getValue();
            String mac = dev.get().mac();
            String own = RoceGids.linkLocalGid(mac);
            Optional<Gid> gid = p.gids().stream().filter(x -> x.isRoceV2() && own.equals(x.gid()) && m.equals(x.netdev())).findFirst();
            fig.put(m, name + " " + p.state() + gid.map(x -> ", GID [" + x.index() + "] " + x.ip()).orElse(", no GID of its own") + ", MAC " + mac);
            if (!p.isActive() && !Boolean.FALSE.equals(dev.get().carrier()) && dev.get().isUp()) {
                problems.add(name + " (" + m + ") is " + p.state() + " while " + m + " has its link");
            } else if (p.isActive()) {
                active++;
            } else {
                // A member without its link is the OVS bond gate's to judge (a degraded bond is a reason to migrate).
                down.add(m);
            }
            if (gid.isEmpty()) {
                problems.add(name + " (" + m + ") has no RoCE v2 default GID of its own MAC " + mac);
            }
            List<String> sharing = l.netdevs().stream().filter(n -> !n.name().equals(m) && mac.equalsIgnoreCase(String.valueOf(n.mac())))
                    .map(Netdev::name).toList();
            if (!sharing.isEmpty()) {
                problems.add(m + "'s MAC " + mac + " is also on " + String.join(", ", sharing)
                        + ": RoCE from " + name + " and frames from " + sharing.get(0) + " would make the switch see the MAC flap");
            }
        }
        if (problems.isEmpty() && active == 0) {
            problems.add("no member's RDMA port is ACTIVE");
        }
        return problems.isEmpty() ? new Result(true, active + " member RDMA ports ACTIVE, each with its own RoCE v2 GID and MAC"
                + (down.isEmpty() ? "" : " (" + String.join(", ", down) + " without link)"), fig)
                : new Result(false, String.join("; ", problems), fig);
    }

    private static Result storageIp(HostLayout l) {
        Map<String, String> fig = new LinkedHashMap<>();
        if (l.storage() == null) {
            return new Result(false, "no storage network", fig);
        }
        List<String> ips = l.storage().addresses().stream().map(a -> a.replaceAll("/.*", "")).toList();
        List<String> down = new ArrayList<>();
        int checked = 0;
        boolean carried = false;
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                if (!l.storage().rdmaDevices().contains(d.name() + "/" + p.port())) {
                    continue;
                }
                checked++;
                boolean gid = p.gids().stream().anyMatch(x -> x.isRoceV2() && ips.contains(x.ip()));
                carried |= gid && p.isActive();
                fig.put(d.name() + "/" + p.port(), p.state() + (gid ? ", RoCE v2 GID" : ", no storage GID"));
                if (!p.isActive()) {
                    down.add(d.name() + "/" + p.port() + " is " + p.state());
                }
            }
        }
        if (checked == 0) {
            return new Result(false, "no RDMA device on the storage network", fig);
        }
        // A down backup port (a degraded bond, the reason to migrate) does not stop storage RDMA; no ACTIVE port with the GID does.
        if (!carried) {
            down.add(0, "no ACTIVE storage RDMA port has a RoCE v2 GID for the storage IP");
            return new Result(false, String.join("; ", down), fig);
        }
        return new Result(true, (checked - down.size()) + " RDMA ports ACTIVE" + (down.isEmpty() ? "" : " (" + String.join(", ", down) + ")"), fig);
    }
}
