package org.networktool.planners;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.RoceGids;

/**
 * RDMA addressing of a hardware RoCE host after the migration, decided at plan time: each member's
 * own path (read from the model host's end state, whose GID tables follow the kernel), and MACs of
 * their own for the bridge and the internal port, so that no two senders share a member's MAC.
 */
public final class RdmaAddressing {
    private RdmaAddressing() {
    }

    /** Storage RDMA on hardware functions: their GIDs follow the kernel's netdev rules, not a Soft-RoCE link the plan moves. */
    public static boolean isHardwareRoce(HostLayout l) {
        return l.storage() != null && l.rdma().stream().filter(d -> !d.isSoftRoce())
                .anyMatch(d -> d.ports().stream().anyMatch(p -> l.storage().rdmaDevices().contains(d.name() + "/" + p.port())));
    }

    /** Every member's path on the layout the migration ends with; a member without an RDMA function has none. */
    public static List<MemberRdmaPath> paths(HostLayout end, List<String> members) {
        List<MemberRdmaPath> out = new ArrayList<>();
        for (String m : members) {
            Optional<Map.Entry<RdmaDevice, RdmaPort>> on = RdmaCheck.hardwarePortOn(end, m);
            Optional<Netdev> dev = end.netdev(m);
            if (on.isEmpty() || dev.isEmpty() || dev.get().mac() == null) {
                continue;
            }
            String own = RoceGids.linkLocalGid(dev.get().mac());
            Optional<Gid> gid = on.get().getValue().gids().stream().filter(g -> g.isRoceV2() && own.equals(g.gid())).findFirst();
            gid.ifPresent(g -> out.add(new MemberRdmaPath(m, dev.get().nic(), on.get().getKey().name(), on.get().getValue().port(),
                    g.index(), g.ip(), dev.get().mac())));
        }
        return out;
    }

    /**
     * Two locally administered unicast MACs derived from {@code base} (the old storage interface's), for the bridge's local
     * port and the internal port; none equal to a MAC on the host. Derived, not random, so a re-run plans the same values.
     */
    public static List<String> ownMacs(HostLayout l, String base) {
        Set<String> taken = new HashSet<>();
        l.netdevs().stream().map(Netdev::mac).filter(m -> m != null).forEach(m -> taken.add(m.toLowerCase(Locale.ROOT)));
        String[] o = base.toLowerCase(Locale.ROOT).split(":");
        int first = (Integer.parseInt(o[0], 16) | 0x02) & ~0x01;
        int last = Integer.parseInt(o[5], 16);
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < 2 && i < 512; i++) {
            int f = (first ^ ((i & 0x1) == 0 ? 0 : 0x40) ^ ((i >> 1 & 0x1) == 0 ? 0 : 0x80)) & 0xfe | 0x02;
            String mac = String.format(Locale.ROOT, "%02x:%s:%s:%s:%s:%02x", f, o[1], o[2], o[3], o[4], (last + (i >> 2)) & 0xff);
            if (taken.add(mac)) {
                out.add(mac);
            }
        }
        return out;
    }
}
