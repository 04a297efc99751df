package org.networktool.planners;

import java.util.List;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;

/** The MACs the migration gives the bridge and the internal port; null: Open vSwitch's choice. */
record PortMacs(String bridge, String port) {

    /**
     * Hardware RoCE: MACs of their own (a member's RDMA function sends RoCE with the member's). A DHCP address: the internal
     * port keeps the old interface's MAC, the DHCP client's identity, and the bridge gets one of its own, so no member's MAC
     * is used twice.
     */
    static PortMacs of(HostLayout l, String sourceIface, boolean hardwareRoce, boolean dhcp) {
        if (!hardwareRoce && !dhcp) {
            return new PortMacs(null, null);
        }
        String sourceMac = l.netdev(sourceIface).map(Netdev::mac).orElseThrow();
        List<String> own = RdmaAddressing.ownMacs(l, sourceMac);
        return new PortMacs(own.get(0), hardwareRoce ? own.get(1) : sourceMac);
    }
}
