package org.networktool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.networktool.layout.BondSlave;
import org.networktool.layout.Gid;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.Nic;
import org.networktool.layout.OvsBondMember;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.Route;
import org.networktool.layout.SourceWarning;
import org.networktool.layout.StorageMember;
import org.networktool.layout.StorageNetwork;

/** The human summary of a layout: storage network and risk first, then the parts behind it. */
final class LayoutText {
    private LayoutText() {
    }

    static String render(HostLayout l) {
        StringBuilder b = new StringBuilder();
        b.append("Host ").append(l.hostname()).append("  (").append(l.source()).append(")\n\n");
        storage(b, l);
        nics(b, l);
        bonds(b, l);
        ovs(b, l);
        rdma(b, l);
        if (!l.warnings().isEmpty()) {
            b.append("Warnings\n");
            for (SourceWarning w : l.warnings()) {
                b.append("  ! ").append(w.source()).append(": ").append(w.message()).append('\n');
            }
        }
        return b.toString();
    }

    private static void storage(StringBuilder b, HostLayout l) {
        StorageNetwork s = l.storage();
        if (s == null) {
            b.append("Storage network: not identified (see warnings; choose with --storage-if or --storage-cidr)\n\n");
            return;
        }
        b.append("Storage network: ").append(s.interfaceName()).append(" (").append(s.kind());
        if (s.bondMode() != null) {
            b.append(", ").append(s.bondMode());
        }
        b.append(")  ").append(String.join(" ", s.addresses())).append('\n');
        Table t = new Table("member", "NIC", "state", "link failures", "active");
        for (StorageMember m : s.members()) {
            t.row(m.name(), orDash(m.nic()), orDash(m.state()), m.linkFailureCount() == null ? "-" : m.linkFailureCount().toString(),
                    m.active() ? "yes" : "");
        }
        t.appendTo(b, "  ");
        b.append("  NICs: ").append(s.nics().isEmpty() ? "-" : String.join(", ", s.nics()));
        b.append("   RDMA: ").append(s.rdmaDevices().isEmpty() ? "none" : String.join(", ", s.rdmaDevices())).append('\n');
        List<Route> routes = l.routes().stream().filter(r -> s.interfaceName().equals(r.device())).toList();
        for (Route r : routes) {
            b.append("  route ").append(r.destination()).append(r.gateway() == null ? "" : " via " + r.gateway())
                    .append(" table ").append(r.table()).append(r.protocol() == null ? "" : " proto " + r.protocol()).append('\n');
        }
        if (s.singleNicRisk() != null) {
            b.append("  RISK ").append(s.singleNicRisk()).append('\n');
        } else if (s.nics().size() >= 2) {
            b.append("  OK   members span ").append(s.nics().size()).append(" NICs\n");
        }
        b.append('\n');
    }

    private static void nics(StringBuilder b, HostLayout l) {
        b.append("NICs\n");
        if (l.nics().isEmpty()) {
            b.append("  none found\n\n");
            return;
        }
        Table t = new Table("NIC", "driver", "port", "state", "speed", "MTU", "used by");
        for (Nic nic : l.nics()) {
            boolean first = true;
            for (String port : nic.ports()) {
                Optional<Netdev> n = l.netdev(port);
                t.row(first ? nic.id() : "", first ? orDash(nic.driver()) : "", port,
                        n.map(Netdev::operstate).orElse("-"),
                        n.map(Netdev::speedMbps).map(s -> s + " Mb/s").orElse("-"),
                        n.map(Netdev::mtu).map(Object::toString).orElse("-"), usedBy(l, port));
                first = false;
            }
        }
        t.appendTo(b, "  ");
        b.append('\n');
    }

    private static String usedBy(HostLayout l, String port) {
        Optional<String> master = l.netdev(port).map(Netdev::master);
        if (master.isPresent() && !"ovs-system".equals(master.get())) {
            return master.get();
        }
        return l.ovs().bridgeOfInterface(port).map(br -> br.ports().stream()
                .filter(p -> p.interfaceNames().contains(port)).map(p -> br.name() + "/" + p.name()).findFirst().orElse(br.name()))
                .orElseGet(() -> l.netdev(port).filter(Netdev::hasGlobalAddress).map(n -> "addresses").orElse("free"));
    }

    private static void bonds(StringBuilder b, HostLayout l) {
        if (l.bonds().isEmpty()) {
            return;
        }
        b.append("Linux bonds\n");
        for (LinuxBond bond : l.bonds()) {
            b.append("  ").append(bond.name()).append("  mode ").append(orDash(bond.mode()))
                    .append("  miimon ").append(orDash(bond.miimonMs())).append(" ms")
                    .append("  updelay ").append(orDash(bond.updelayMs())).append("  downdelay ").append(orDash(bond.downdelayMs()));
            if (bond.activeSlave() != null) {
                b.append("  active ").append(bond.activeSlave());
            }
            b.append('\n');
            if (bond.isLacp()) {
                b.append("    LACP rate ").append(orDash(bond.lacpRate())).append("  hash ").append(orDash(bond.xmitHashPolicy()));
                if (bond.aggregator() != null) {
                    b.append("  aggregator ").append(orDash(bond.aggregator().aggregatorId()))
                            .append(" (").append(orDash(bond.aggregator().numberOfPorts())).append(" ports)")
                            .append("  partner ").append(orDash(bond.aggregator().partnerMac()))
                            .append(" key ").append(orDash(bond.aggregator().partnerKey()));
                }
                b.append('\n');
            }
            for (BondSlave s : bond.slaves()) {
                b.append("    slave ").append(s.name()).append("  mii ").append(orDash(s.miiStatus()))
                        .append("  failures ").append(orDash(s.linkFailureCount()));
                if (s.partnerSystemMac() != null) {
                    b.append("  partner ").append(s.partnerSystemMac()).append(" key ").append(orDash(s.partnerKey()));
                }
                b.append('\n');
            }
        }
        b.append('\n');
    }

    private static void ovs(StringBuilder b, HostLayout l) {
        if (!l.ovs().present()) {
            b.append("Open vSwitch: not present\n\n");
            return;
        }
        b.append("Open vSwitch ").append(orDash(l.ovs().version())).append('\n');
        if (l.ovs().bridges().isEmpty()) {
            b.append("  no bridges\n");
        }
        for (OvsBridge br : l.ovs().bridges()) {
            b.append("  bridge ").append(br.name()).append(" (datapath ").append(orDash(br.datapathType())).append(")\n");
            for (OvsPort p : br.ports()) {
                if (p.isBond()) {
                    b.append("    bond ").append(p.name()).append("  mode ").append(orDash(p.bondMode()))
                            .append("  lacp ").append(p.lacp() == null ? "off" : p.lacp());
                    if (!p.otherConfig().isEmpty()) {
                        b.append("  ").append(p.otherConfig());
                    }
                    b.append('\n');
                    List<String> members = new ArrayList<>();
                    for (String i : p.interfaceNames()) {
                        Optional<OvsBondMember> m = p.bondStatus() == null ? Optional.empty()
                                : p.bondStatus().members().stream().filter(x -> x.name().equals(i)).findFirst();
                        members.add(i + m.map(x -> (x.enabled() ? " enabled" : " disabled") + (x.active() ? ", active" : "")).orElse(""));
                    }
                    b.append("      members: ").append(String.join("; ", members)).append('\n');
                } else {
                    String type = p.interfaces().isEmpty() ? "" : p.interfaces().get(0).type();
                    b.append("    port ").append(p.name()).append(type == null || type.isEmpty() ? "" : " (" + type + ")").append('\n');
                }
            }
        }
        b.append('\n');
    }

    private static void rdma(StringBuilder b, HostLayout l) {
        b.append("RDMA devices\n");
        if (l.rdma().isEmpty()) {
            b.append("  none\n\n");
            return;
        }
        Table t = new Table("device", "port", "state", "physical", "MTU", "netdev", "NIC", "RoCE v2 GIDs");
        for (RdmaDevice d : l.rdma()) {
            for (RdmaPort p : d.ports()) {
                List<String> v2 = p.gids().stream().filter(Gid::isRoceV2).map(g -> "[" + g.index() + "] " + g.ip()).toList();
                t.row(d.name() + (d.isSoftRoce() ? " (soft)" : ""), String.valueOf(p.port()), orDash(p.state()),
                        orDash(p.physicalState()), orDash(p.activeMtu()), orDash(p.netdev()), orDash(d.nic()),
                        v2.isEmpty() ? "none" : String.join(", ", v2));
            }
        }
        t.appendTo(b, "  ");
        b.append('\n');
    }

    private static String orDash(Object v) {
        return v == null ? "-" : v.toString();
    }
}
