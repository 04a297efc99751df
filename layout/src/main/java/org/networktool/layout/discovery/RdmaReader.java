package org.networktool.layout.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.Gid;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;

/**
 * RDMA devices from {@code /sys/class/infiniband}: ports, states, the GID table with types and
 * netdevs; {@code rdma -j link} fills the netdev where sysfs has none, {@code ibv_devinfo} the
 * active MTU.
 */
final class RdmaReader {
    static final String IB = "sys/class/infiniband";
    private static final String EMPTY_GID = "0000:0000:0000:0000:0000:0000:0000:0000";
    private final HostRoot root;
    private final CommandSource commands;
    private final Warnings warnings;

    RdmaReader(HostRoot root, CommandSource commands, Warnings warnings) {
        this.root = root;
        this.commands = commands;
        this.warnings = warnings;
    }

    List<RdmaDevice> read() {
        List<String> names;
        try {
            names = root.list(IB);
        } catch (IOException e) {
            warnings.add("/" + IB, "cannot list RDMA devices: " + e.getMessage());
            return List.of();
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, String> linkNetdevs = linkNetdevs();
        Map<String, Integer> mtus = activeMtus();
        List<RdmaDevice> devices = new ArrayList<>();
        for (String name : names) {
            try {
                devices.add(device(name, linkNetdevs, mtus));
            } catch (IOException e) {
                warnings.add("/" + IB + "/" + name, "cannot read: " + e.getMessage());
            }
        }
        return devices;
    }

    private RdmaDevice device(String name, Map<String, String> linkNetdevs, Map<String, Integer> mtus) throws IOException {
        String dir = IB + "/" + name;
        Optional<String> parent = root.readQuietly(dir + "/parent");
        SysfsDevice.Info pci = SysfsDevice.read(root, dir, warnings);
        String provider = parent.isPresent() || name.startsWith("rxe") ? "rxe" : providerOf(name, pci.driver());
        List<RdmaPort> ports = new ArrayList<>();
        for (String p : numbered(dir + "/ports")) {
            String pdir = dir + "/ports/" + p;
            List<Gid> gids = new ArrayList<>();
            for (String idx : numbered(pdir + "/gids")) {
                String gid = root.readQuietly(pdir + "/gids/" + idx).orElse(EMPTY_GID);
                if (gid.equals(EMPTY_GID)) {
                    continue;
                }
                gids.add(new Gid(Integer.parseInt(idx), gid, gidType(root.readQuietly(pdir + "/gid_attrs/types/" + idx).orElse(null)),
                        root.readQuietly(pdir + "/gid_attrs/ndevs/" + idx).orElse(null), ipOf(gid)));
            }
            gids.sort((a, b) -> Integer.compare(a.index(), b.index()));
            // The port's own netdev comes from `rdma link` (or an rxe's parent): a bond slave's default GIDs name the bond master.
            String netdev = Optional.ofNullable(linkNetdevs.get(name + "/" + p)).or(() -> parent)
                    .orElse(gids.stream().map(Gid::netdev).filter(n -> n != null && !n.isBlank()).findFirst().orElse(null));
            ports.add(new RdmaPort(Integer.parseInt(p), stateName(root.readQuietly(pdir + "/state").orElse(null)),
                    stateName(root.readQuietly(pdir + "/phys_state").orElse(null)),
                    root.readQuietly(pdir + "/link_layer").orElse(null), mtus.get(name + "/" + p), netdev, gids));
        }
        // mlx5 names a RoCE LAG device mlx5_bond_N; its ports' netdev is the bond.
        return new RdmaDevice(name, provider, pci.pciAddress(),
                pci.pciAddress() == null ? null : Pci.device(pci.pciAddress()), ports, name.contains("_bond_") ? name : null);
    }

    /** Entries of a directory whose names are numbers (ports, GID indexes); others are a warning. */
    private List<String> numbered(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (String n : root.list(dir)) {
            if (n.matches("\\d{1,5}")) {
                names.add(n);
            } else {
                warnings.add("/" + dir + "/" + n, "not a number, ignored");
            }
        }
        return names;
    }

    /** sysfs states read "4: ACTIVE", "5: LinkUp": the name is what an engineer looks for. */
    private static String stateName(String v) {
        if (v == null) {
            return null;
        }
        int colon = v.indexOf(':');
        return colon < 0 ? v : v.substring(colon + 1).strip();
    }

    /** sysfs says "IB/RoCE v1" for v1 GIDs; the field calls them "RoCE v1". */
    private static String gidType(String v) {
        return v == null ? null : v.replace("IB/RoCE v1", "RoCE v1");
    }

    private static String providerOf(String name, String driver) {
        if (driver != null) {
            return driver.replace("_core", "");
        }
        int cut = name.indexOf('_');
        return cut > 0 ? name.substring(0, cut) : name.replaceAll("\\d+$", "");
    }

    /** The IP address a RoCE GID encodes (IPv4-mapped for RoCE v2 over IPv4). */
    static String ipOf(String gid) {
        return org.networktool.layout.RoceGids.ipOf(gid);
    }

    static String compress(String address) {
        return org.networktool.layout.Cidr.compressIpv6(address);
    }

    private Map<String, String> linkNetdevs() {
        Map<String, String> map = new HashMap<>();
        CommandResult r = commands.run(HostQuery.RDMA_LINK);
        if (!r.isOk()) {
            return map;
        }
        try {
            for (JsonNode n : Json.parse(r.output(), HostQuery.RDMA_LINK.display())) {
                String dev = Json.text(n, "ifname");
                String netdev = Json.text(n, "netdev");
                if (dev != null && netdev != null) {
                    map.put(dev + "/" + n.path("port").asInt(1), netdev);
                }
            }
        } catch (MalformedSourceException e) {
            warnings.add(HostQuery.RDMA_LINK.label(), e.getMessage());
        }
        return map;
    }

    private Map<String, Integer> activeMtus() {
        CommandResult r = commands.run(HostQuery.IBV_DEVINFO);
        return r.isOk() ? IbvDevinfoParser.activeMtus(r.output()) : Map.of();
    }
}
