package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Netdev;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsPort;

/**
 * Verifies a layout against a target: the applied state, compared with the desired one. Empty
 * means the host is the target. The same check decides "nothing to do" before planning.
 */
public final class TargetCheck {
    private TargetCheck() {
    }

    public static List<String> mismatches(HostLayout l, TargetSpec t, List<String> storageAddresses) {
        List<String> out = new ArrayList<>();
        Optional<OvsBridge> br = l.ovs().bridge(t.bridge());
        if (br.isEmpty()) {
            out.add("bridge " + t.bridge() + " missing");
            return out;
        }
        if (br.get().port(t.internalPort()).isEmpty()) {
            out.add("internal port " + t.internalPort() + " missing");
        }
        Optional<OvsPort> bond = br.get().port(t.bond().name());
        if (bond.isEmpty()) {
            out.add("bond " + t.bond().name() + " missing");
        } else {
            OvsPort p = bond.get();
            if (!p.interfaceNames().stream().sorted().toList().equals(t.bond().members().stream().sorted().toList())) {
                out.add("bond " + p.name() + " members " + p.interfaceNames() + ", expected " + t.bond().members());
            }
            if (!t.bond().mode().equals(p.bondMode())) {
                out.add("bond " + p.name() + " mode " + p.bondMode() + ", expected " + t.bond().mode());
            }
            String lacp = t.bond().lacp() != null && t.bond().lacp().enabled() ? t.bond().lacp().mode() : null;
            if (lacp != null && !lacp.equals(p.lacp())) {
                out.add("bond " + p.name() + " lacp " + p.lacp() + ", expected " + lacp);
            }
            Map<String, String> oc = p.otherConfig();
            if (!t.bond().detectMode().equals(oc.getOrDefault("bond-detect-mode", "carrier"))) {
                out.add("bond " + p.name() + " detect mode " + oc.get("bond-detect-mode") + ", expected " + t.bond().detectMode());
            }
        }
        for (String cidr : storageAddresses) {
            List<String> holders = l.netdevs().stream().filter(n -> n.addresses().stream().map(IpAddress::cidr).anyMatch(cidr::equals))
                    .map(Netdev::name).toList();
            if (!holders.equals(List.of(t.internalPort()))) {
                out.add("storage address " + cidr + " on " + holders + ", expected on " + t.internalPort());
            }
        }
        for (String m : t.bond().members()) {
            l.netdev(m).filter(n -> n.master() != null && !"ovs-system".equals(n.master()))
                    .ifPresent(n -> out.add("member " + m + " still in " + n.master()));
        }
        if (t.mtu() != null) {
            l.netdev(t.internalPort()).filter(n -> n.mtu() != null && !n.mtu().equals(t.mtu()))
                    .ifPresent(n -> out.add("internal port MTU " + n.mtu() + ", expected " + t.mtu()));
        }
        for (String rxe : t.softRoce()) {
            boolean moved = l.rdma().stream().anyMatch(d -> d.name().equals(rxe) && d.ports().stream().anyMatch(p -> t.internalPort().equals(p.netdev())));
            if (!moved) {
                out.add("Soft-RoCE " + rxe + " not on " + t.internalPort());
            }
        }
        return out;
    }
}
