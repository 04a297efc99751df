package org.networktool.layout.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.Names;

/** Netdevs from {@code /sys/class/net} joined with {@code ip -j -d link} and {@code ip -j addr}. */
final class NetdevReader {
    private static final String NET = "sys/class/net";
    private final HostRoot root;
    private final Warnings warnings;

    NetdevReader(HostRoot root, Warnings warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    List<Netdev> read(Map<String, IpLink> links, Map<String, List<IpAddress>> addresses) {
        List<String> names;
        try {
            // Only directories are netdevs: with bonding loaded, /sys/class/net/bonding_masters is a file.
            names = new ArrayList<>(root.list(NET).stream().filter(n -> root.isDirectory(NET + "/" + n)).toList());
        } catch (IOException e) {
            warnings.add("/" + NET, "cannot list network devices: " + e.getMessage());
            names = new ArrayList<>();
        }
        for (String fromIp : links.keySet()) {
            if (!Names.isKernelName(fromIp)) {
                warnings.add(HostQuery.IP_LINK.label(), "'" + fromIp + "' is not a name Linux gives a network device, ignored");
            } else if (!names.contains(fromIp)) {
                names.add(fromIp);
            }
        }
        Map<String, Netdev> byName = new LinkedHashMap<>();
        for (String name : names) {
            byName.put(name, netdev(name, Optional.ofNullable(links.get(name)), addresses.getOrDefault(name, List.of())));
        }
        return byName.values().stream()
                .sorted((a, b) -> a.ifindex() != b.ifindex() ? Integer.compare(a.ifindex(), b.ifindex()) : a.name().compareTo(b.name()))
                .toList();
    }

    private Netdev netdev(String name, Optional<IpLink> link, List<IpAddress> addrs) {
        String dir = NET + "/" + name;
        SysfsDevice.Info device = SysfsDevice.read(root, dir, warnings);
        Integer ifindex = number(dir + "/ifindex");
        Integer mtu = link.map(IpLink::mtu).orElse(number(dir + "/mtu"));
        String operstate = root.readQuietly(dir + "/operstate").orElse(link.map(IpLink::operstate).orElse(null));
        String mac = root.readQuietly(dir + "/address").orElse(link.map(IpLink::mac).orElse(null));
        Boolean carrier = root.readQuietly(dir + "/carrier").map("1"::equals).orElse(null);
        Integer speed = number(dir + "/speed");
        String master = link.map(IpLink::master).orElse(root.linkName(dir + "/master").orElse(null));
        return new Netdev(name, ifindex != null ? ifindex : link.map(IpLink::ifindex).orElse(0),
                kind(name, dir, link, device.pciAddress()), mac, mtu,
                operstate == null ? null : operstate.toLowerCase(), carrier,
                speed == null || speed < 0 ? null : speed, device.driver(), device.pciAddress(),
                device.pciAddress() == null ? null : Pci.device(device.pciAddress()), master, addrs,
                root.readQuietly("proc/sys/net/ipv6/conf/" + name + "/disable_ipv6").map("1"::equals).orElse(null));
    }

    private NetdevKind kind(String name, String dir, Optional<IpLink> link, String pci) {
        String k = link.map(IpLink::kind).orElse(null);
        if (k != null) {
            switch (k) {
                case "bond": return NetdevKind.BOND;
                case "openvswitch": return "ovs-system".equals(name) ? NetdevKind.OVS_SYSTEM : NetdevKind.OVS_INTERNAL;
                case "bridge": return NetdevKind.BRIDGE;
                case "vlan": return NetdevKind.VLAN;
                case "veth": return NetdevKind.VETH;
                case "tun": return NetdevKind.TAP;
                case "macvlan": return NetdevKind.MACVLAN;
                default: return NetdevKind.OTHER;
            }
        }
        if ("loopback".equals(link.map(IpLink::linkType).orElse(null)) || "772".equals(root.readQuietly(dir + "/type").orElse(""))) {
            return NetdevKind.LOOPBACK;
        }
        if (root.isDirectory(dir + "/bonding")) {
            return NetdevKind.BOND;
        }
        if (root.isDirectory(dir + "/bridge")) {
            return NetdevKind.BRIDGE;
        }
        if (root.exists(dir + "/tun_flags")) {
            return NetdevKind.TAP;
        }
        if (root.readQuietly(dir + "/uevent").orElse("").contains("DEVTYPE=vlan")) {
            return NetdevKind.VLAN;
        }
        return pci != null || root.exists(dir + "/device") ? NetdevKind.PHYSICAL : NetdevKind.OTHER;
    }

    private Integer number(String path) {
        Optional<String> v = root.readQuietly(path);
        try {
            return v.map(Integer::parseInt).orElse(null);
        } catch (NumberFormatException e) {
            warnings.add("/" + path, "not a number, ignored");
            return null;
        }
    }
}
