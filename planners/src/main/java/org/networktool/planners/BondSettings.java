package org.networktool.planners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.BondSlave;
import org.networktool.layout.LacpAggregator;
import org.networktool.layout.LinuxBond;

/** The OVS bond's settings as `ovs-vsctl` takes them, shared by the migration and the boot configuration so both agree. */
final class BondSettings {
    private BondSettings() {
    }

    /**
     * bond_mode always explicit: OVS defaults to balance-slb, which RDMA storage must not get. {@code handoverFrom}: the
     * 802.3ad bond whose LACP identity the OVS bond announces (null when there is no handover).
     */
    static List<String> of(BondSpec b, LinuxBond handoverFrom) {
        List<String> s = new ArrayList<>();
        s.add("bond_mode=" + b.mode());
        if (b.lacp() != null && b.lacp().enabled()) {
            s.add("lacp=" + b.lacp().mode());
            s.add("other_config:lacp-time=" + (b.lacp().time() == null ? "fast" : b.lacp().time()));
            s.add("other_config:lacp-fallback-ab=" + (b.lacp().fallbackActiveBackup() == null || b.lacp().fallbackActiveBackup()));
            if (handoverFrom != null) {
                LacpAggregator agg = handoverFrom.aggregator();
                s.add("other_config:lacp-system-id=" + agg.systemMac());
                s.add("other_config:lacp-system-priority=" + (agg.systemPriority() == null ? 65535 : agg.systemPriority()));
            }
        }
        s.add("other_config:bond-detect-mode=" + b.detectMode());
        if ("miimon".equals(b.detectMode())) {
            s.add("other_config:bond-miimon-interval=" + (b.miimonIntervalMs() == null ? 200 : b.miimonIntervalMs()));
        }
        s.add("bond_updelay=" + (b.updelayMs() == null ? 0 : b.updelayMs()));
        s.add("bond_downdelay=" + (b.downdelayMs() == null ? 0 : b.downdelayMs()));
        return s;
    }

    /**
     * Each member's own settings, stored in OVSDB with it: the storage MTU (OVSDB keeps it across a reboot, whatever the boot
     * configuration does) and, for a handover, bond0's LACP identity (its key, its port numbers, fresh numbers for new ports).
     */
    static Map<String, List<String>> members(LinuxBond handoverFrom, List<String> ifaces, Integer mtu, org.networktool.planners.persist.RowOwner owner) {
        int next = handoverFrom == null ? 0 : handoverFrom.slaves().stream().map(BondSlave::actorPortNumber).filter(java.util.Objects::nonNull)
                .max(Integer::compare).orElse(handoverFrom.slaves().size()) + 1;
        Map<String, List<String>> a = new LinkedHashMap<>();
        for (String i : ifaces) {
            List<String> set = new ArrayList<>();
            if (mtu != null) {
                set.add("mtu_request=" + mtu);
            }
            if (handoverFrom != null) {
                Integer port = handoverFrom.slave(i).map(BondSlave::actorPortNumber).orElse(null);
                if (port == null) {
                    port = handoverFrom.slave(i).isPresent() ? handoverFrom.slaveNames().indexOf(i) + 1 : next++;
                }
                set.add("other_config:lacp-port-id=" + port);
                set.add("other_config:lacp-aggregation-key=" + handoverFrom.aggregator().actorKey());
            }
            set.addAll(owner.tag("interface", i));
            if (!set.isEmpty()) {
                a.put(i, set);
            }
        }
        return a;
    }

    /** Each member's settings as ovs-vsctl commands ({@code -- set interface M ...}), appended to the command that adds it. */
    static List<String> setInterfaces(Map<String, List<String>> members) {
        List<String> a = new ArrayList<>();
        members.forEach((m, set) -> {
            a.addAll(List.of("--", "set", "interface", m));
            a.addAll(set);
        });
        return a;
    }
}
