package org.networktool.layout;

import java.util.List;

/**
 * One network device. {@code nic} names the physical NIC the port belongs to (its PCI device, or a
 * lab NIC map entry) and is null for virtual devices.
 */
public record Netdev(
        String name,
        int ifindex,
        NetdevKind kind,
        String mac,
        Integer mtu,
        String operstate,
        Boolean carrier,
        Integer speedMbps,
        String driver,
        String pciAddress,
        String nic,
        String master,
        List<IpAddress> addresses) {

    public Netdev {
        addresses = Lists.copy(addresses);
    }

    public boolean isUp() {
        return "up".equalsIgnoreCase(operstate) || Boolean.TRUE.equals(carrier) && !"down".equalsIgnoreCase(operstate);
    }

    public boolean hasGlobalAddress() {
        return addresses.stream().anyMatch(IpAddress::isGlobal);
    }
}
