package org.networktool.layout.discovery;

import java.util.List;

/**
 * Every command {@code inspect} runs, with the file name a capture stores its output under
 * ({@code commands/<file>}). {@code lab/capture-host} writes exactly these files; a test keeps the
 * two lists equal.
 */
public enum HostQuery {
    IP_LINK("ip-link.json", "ip", "-j", "-d", "link", "show"),
    IP_ADDR("ip-addr.json", "ip", "-j", "addr", "show"),
    IP_ROUTE4("ip-route4.json", "ip", "-j", "-4", "route", "show", "table", "all"),
    IP_ROUTE6("ip-route6.json", "ip", "-j", "-6", "route", "show", "table", "all"),
    OVS_SYSTEM("ovs-open-vswitch.json", "ovs-vsctl", "--format=json", "--columns=ovs_version", "list", "Open_vSwitch"),
    OVS_BRIDGES("ovs-bridge.json", "ovs-vsctl", "--format=json", "--columns=_uuid,name,datapath_type,ports,other_config", "list", "Bridge"),
    OVS_PORTS("ovs-port.json", "ovs-vsctl", "--format=json",
            "--columns=_uuid,name,interfaces,bond_mode,lacp,bond_updelay,bond_downdelay,tag,other_config", "list", "Port"),
    OVS_INTERFACES("ovs-interface.json", "ovs-vsctl", "--format=json",
            "--columns=_uuid,name,type,mtu,mtu_request,ofport,link_state,admin_state,mac_in_use", "list", "Interface"),
    OVS_BOND_SHOW("ovs-bond-show.txt", "ovs-appctl", "bond/show"),
    RDMA_LINK("rdma-link.json", "rdma", "-j", "link", "show"),
    IBV_DEVINFO("ibv-devinfo.txt", "ibv_devinfo", "-v"),
    /** Not part of the layout: where no peer is given, the storage peers are the neighbours on the storage interface. */
    IP_NEIGH("ip-neigh.json", "ip", "-j", "neigh", "show");

    private final String file;
    private final List<String> argv;

    HostQuery(String file, String... argv) {
        this.file = file;
        this.argv = List.of(argv);
    }

    public String file() {
        return file;
    }

    public List<String> argv() {
        return argv;
    }

    /** The command as a field engineer would type it, for messages. */
    public String display() {
        return String.join(" ", argv);
    }

    /** A short name of the source for warnings: the command without its formatting options. */
    public String label() {
        return String.join(" ", argv.stream().filter(a -> !a.startsWith("--")).toList());
    }
}
