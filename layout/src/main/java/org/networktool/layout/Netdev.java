package org.networktool.layout;

import java.util.List;

/**
 * One network device. {@code nic} names the physical NIC the port belongs to (its PCI device, or a
 * lab NIC map entry) and is null for virtual devices. {@code ipv6Disabled}: its
 * {@code net.ipv6.conf.DEV.disable_ipv6}, null where the source does not say.
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
        List<IpAddress> addresses,
        Boolean ipv6Disabled) {

    public Netdev {
        Lists.required(name, "name");
        Lists.required(kind, "kind");
        addresses = Lists.copy(addresses);
    }

    /** {@code ipv6Disabled} unknown (a capture without {@code /proc/sys/net/ipv6}). */
    public Netdev(String name, int ifindex, NetdevKind kind, String mac, Integer mtu, String operstate, Boolean carrier, Integer speedMbps,
            String driver, String pciAddress, String nic, String master, List<IpAddress> addresses) {
        this(name, ifindex, kind, mac, mtu, operstate, carrier, speedMbps, driver, pciAddress, nic, master, addresses, null);
    }

    public boolean isUp() {
        return "up".equalsIgnoreCase(operstate) || Boolean.TRUE.equals(carrier) && !"down".equalsIgnoreCase(operstate);
    }

    public boolean hasGlobalAddress() {
        return addresses.stream().anyMatch(IpAddress::isGlobal);
    }
}
