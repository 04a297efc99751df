package org.networktool.executors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
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
                        // The MTU is the port's as the layout read it; 1024 (enum 3) where unknown.
                        int mtuEnum = p.activeMtu() == null ? 3 : Integer.numberOfTrailingZeros(p.activeMtu()) - 7;
                        out.computeIfAbsent(d.nic() == null ? d.name() : d.nic(), k -> new ArrayList<>())
                                .add(new RocePath(d.name(), p.port(), g.index(), g.ip(), Math.max(1, Math.min(5, mtuEnum))));
                        break;
                    }
                }
            }
        }
        return out;
    }
}
