package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import org.networktool.planners.persist.RowOwner;

/**
 * Every ovs-vsctl command a plan runs, spelled once, idempotent where ovs-vsctl can be
 * ({@code --may-exist}, {@code --if-exists}). The model host parses each form back
 * ({@code sim.OvsVsctlCommand}); a new form goes into both.
 */
final class VsctlCommands {
    private VsctlCommands() {
    }

    /**
     * The bridge and its internal port, no address yet. {@code hwaddr}/{@code portMac} (null: OVS's choice) give them MACs of
     * their own: without hwaddr the bridge takes the lowest member MAC, which that member's RDMA function sends RoCE with.
     */
    static Command addBridge(String bridge, String datapathType, String port, Integer mtu, String hwaddr, String portMac, RowOwner owner) {
        List<String> a = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-br", bridge, "--", "set", "bridge", bridge,
                "datapath_type=" + datapathType));
        if (hwaddr != null) {
            a.add("other_config:hwaddr=\"" + hwaddr + "\"");
        }
        a.addAll(owner.tag("bridge", bridge));
        a.addAll(List.of("--", "--may-exist", "add-port", bridge, port));
        a.addAll(owner.tag("port", port));
        a.addAll(List.of("--", "set", "interface", port, "type=internal"));
        if (mtu != null) {
            a.add("mtu_request=" + mtu);
        }
        if (portMac != null) {
            a.add("mac=\"" + portMac + "\"");
        }
        a.addAll(owner.tag("interface", port));
        return Command.of(a);
    }

    static Command deleteBridge(String bridge) {
        return Command.of("ovs-vsctl", "--if-exists", "del-br", bridge);
    }

    static Command deletePort(String bridge, String port) {
        return Command.of("ovs-vsctl", "--if-exists", "del-port", bridge, port);
    }

    /** A new bond port over two or more interfaces, with its settings (and, for a handover, per-interface LACP identity). */
    static Command addBond(String bridge, String bond, List<String> ifaces, List<String> settings, List<String> interfaceSettings) {
        List<String> a = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-bond", bridge, bond));
        a.addAll(ifaces);
        a.addAll(settings);
        a.addAll(interfaceSettings);
        return Command.of(a);
    }

    /** add-bond needs two interfaces: the bond port created with one; add-bond-iface later makes it a bond. */
    static Command addOneMemberBond(String bridge, String bond, String iface, List<String> settings, List<String> interfaceSettings) {
        List<String> a = new ArrayList<>(List.of("ovs-vsctl", "--", "--id=@m0", "create", "Interface", "name=" + iface,
                "--", "--id=@p", "create", "Port", "name=" + bond, "interfaces=@m0"));
        a.addAll(settings);
        a.addAll(List.of("--", "add", "Bridge", bridge, "ports", "@p"));
        a.addAll(interfaceSettings);
        return Command.of(a);
    }

    static Command addBondIfaces(String bond, List<String> ifaces, List<String> settings, List<String> interfaceSettings) {
        List<String> a = new ArrayList<>(List.of("ovs-vsctl"));
        for (String i : ifaces) {
            a.addAll(List.of("--", "--may-exist", "add-bond-iface", bond, i));
        }
        a.addAll(List.of("--", "set", "port", bond));
        a.addAll(settings);
        a.addAll(interfaceSettings);
        return Command.of(a);
    }

    static Command deleteBondIfaces(String bond, List<String> ifaces) {
        List<String> a = new ArrayList<>(List.of("ovs-vsctl"));
        for (String i : ifaces) {
            a.addAll(List.of("--", "--if-exists", "del-bond-iface", bond, i));
        }
        return Command.of(a);
    }
}
