package org.networktool.layout;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GID table the kernel gives a RoCE port, from the layout of its netdevs (roce_gid_mgmt.c):
 * default GIDs fe80::EUI-64 of the port netdev's MAC at index 0 (RoCE v1) and 1 (RoCE v2), the
 * bond master's instead for a Linux bond slave; IP GIDs for the addresses of the port netdev and of
 * its bond master when the port is the active slave (or the bond has none, as 802.3ad). An Open
 * vSwitch member's upper is {@code ovs-system}, which has no address: it keeps its own default GIDs
 * only. The simulator builds its GID tables here, and a test holds every sample's captured table to it.
 */
public final class RoceGids {
    private RoceGids() {
    }

    /**
     * The table of the port whose RoCE traffic leaves on {@code portNetdev}; empty when the layout lacks that netdev.
     * Soft-RoCE supports RoCE v2 only (its default GID sits at index 0); hardware has v1 and v2 side by side.
     */
    public static List<Gid> of(HostLayout l, String portNetdev, boolean v2Only) {
        Optional<Netdev> port = l.netdev(portNetdev);
        if (port.isEmpty()) {
            return List.of();
        }
        Optional<LinuxBond> bond = Optional.ofNullable(port.get().master()).flatMap(l::bond);
        Netdev defaults = bond.flatMap(b -> l.netdev(b.name())).orElse(port.get());
        List<Gid> gids = new ArrayList<>();
        if (defaults.mac() != null) {
            String ll = linkLocalGid(defaults.mac());
            add(gids, ll, defaults.name(), v2Only);
        }
        addIpGids(port.get(), gids, v2Only);
        if (bond.isPresent() && (bond.get().activeSlave() == null || bond.get().activeSlave().equals(portNetdev))) {
            l.netdev(bond.get().name()).ifPresent(b -> addIpGids(b, gids, v2Only));
        }
        return gids;
    }

    /** The table the kernel gives one port of a device. */
    public static List<Gid> of(HostLayout l, RdmaDevice d, RdmaPort p) {
        return p.netdev() == null || l.netdev(p.netdev()).isEmpty() ? p.gids() : of(l, p.netdev(), d.isSoftRoce() || !p.gids().isEmpty() && p.gids().stream().noneMatch(g -> "RoCE v1".equals(g.type())));
    }

    /** The index of the RoCE v2 default GID, the one per-member QPs use after the migration. */
    public static int defaultV2Index(boolean v2Only) {
        return v2Only ? 0 : 1;
    }

    private static void add(List<Gid> into, String gid, String netdev, boolean v2Only) {
        if (!v2Only) {
            into.add(new Gid(into.size(), gid, "RoCE v1", netdev, ipOf(gid)));
        }
        into.add(new Gid(into.size(), gid, "RoCE v2", netdev, ipOf(gid)));
    }

    private static void addIpGids(Netdev from, List<Gid> into, boolean v2Only) {
        for (IpAddress a : from.addresses()) {
            if (a.address().toLowerCase(Locale.ROOT).startsWith("fe80:")) {
                continue; // the link-local address is the default GID already
            }
            String gid = gidOf(a.address());
            if (gid == null || into.stream().anyMatch(g -> g.gid().equals(gid))) {
                continue;
            }
            add(into, gid, from.name(), v2Only);
        }
    }

    /** fe80::EUI-64 of a MAC, as sysfs writes a GID: eight groups of four hex digits. */
    public static String linkLocalGid(String mac) {
        String[] b = mac.toLowerCase(Locale.ROOT).split(":");
        if (b.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format(Locale.ROOT, "fe80:0000:0000:0000:%02x%s:%sff:fe%s:%s%s", first, b[1], b[2], b[3], b[4], b[5]);
    }

    /**
     * The MAC a link-local GID of EUI-64 form was made from (what the kernel takes for a RoCE v1 link-local destination,
     * {@code rdma_get_ll_mac}); null for any other GID.
     */
    public static String macOf(String gid) {
        String hex = gid == null ? "" : gid.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 32 || !hex.matches("fe800{12}[0-9a-f]{6}fffe[0-9a-f]{6}")) {
            return null;
        }
        int first = Integer.parseInt(hex.substring(16, 18), 16) ^ 0x02;
        return String.format(Locale.ROOT, "%02x:%s:%s:%s:%s:%s", first, hex.substring(18, 20), hex.substring(20, 22),
                hex.substring(26, 28), hex.substring(28, 30), hex.substring(30, 32));
    }

    /** The GID of an IP address (IPv4-mapped for IPv4), in sysfs form; null for text that is no address. */
    public static String gidOf(String address) {
        byte[] raw;
        try {
            if (!address.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            raw = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        byte[] g = new byte[16];
        if (raw.length == 4) {
            g[10] = (byte) 0xff;
            g[11] = (byte) 0xff;
            System.arraycopy(raw, 0, g, 12, 4);
        } else {
            System.arraycopy(raw, 0, g, 0, 16);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            s.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x%02x", g[i], g[i + 1]));
        }
        return s.toString();
    }

    /** The address a GID in sysfs form encodes: dotted IPv4 for an IPv4-mapped GID, RFC 5952 IPv6 otherwise. */
    public static String ipOf(String gid) {
        String hex = gid.replace(":", "");
        if (hex.length() != 32 || !hex.matches("[0-9a-fA-F]+")) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        try {
            return Cidr.compressIpv6(InetAddress.getByAddress(bytes).getHostAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
