package org.networktool.executors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.planners.MemberRdmaPath;
import org.networktool.planners.RdmaAddressing;
import org.networktool.planners.RdmaCheck;
import org.networktool.verbscheck.RocePath;

/** The storage network's RDMA paths by NIC: each storage RDMA port with a RoCE v2 GID for a storage IP. */
final class RdmaPaths {
    private RdmaPaths() {
    }

    /** NIC (or the device name where the layout knows no NIC, as for Soft-RoCE) → its paths. */
    static Map<String, List<RocePath>> byNic(HostLayout l) {
        Map<String, List<RocePath>> out = new LinkedHashMap<>();
        if (l.storage() == null) {
            return out;
        }
        List<String> ips = l.storage().addresses().stream().map(a -> a.replaceAll("/.*", "")).toList();
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                if (!l.storage().rdmaDevices().contains(d.name() + "/" + p.port())) {
                    continue;
                }
                for (Gid g : p.gids()) {
                    if (g.isRoceV2() && ips.contains(g.ip())) {
                        out.computeIfAbsent(d.nic() == null ? d.name() : d.nic(), k -> new ArrayList<>())
                                .add(new RocePath(d.name(), p.port(), g.index(), g.ip(), mtuEnum(p)));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Each member's own path on a hardware RoCE host: its RDMA port and the RoCE v2 default GID of its MAC; members without one are left out. */
    static Map<String, RocePath> ofMembers(HostLayout l, List<String> members) {
        Map<String, RocePath> out = new LinkedHashMap<>();
        for (MemberRdmaPath m : RdmaAddressing.paths(l, members)) {
            RdmaPort p = RdmaCheck.hardwarePortOn(l, m.member()).orElseThrow().getValue();
            out.put(m.member(), new RocePath(m.device(), m.port(), m.gidIndex(), m.gid(), mtuEnum(p)));
        }
        return out;
    }

    /** The port's active MTU as the verbs enum; 1024 (enum 3) where the layout does not know it. */
    private static int mtuEnum(RdmaPort p) {
        int e = p.activeMtu() == null ? 3 : Integer.numberOfTrailingZeros(p.activeMtu()) - 7;
        return Math.max(1, Math.min(5, e));
    }
}
