package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.Gid;
import org.networktool.layout.Netdev;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;

/**
 * The lab's stand-in for a ConnectX port's RDMA function (lab/README.md, "Emulated hardware RoCE"):
 * a Soft-RoCE device on a second guest NIC that shares the member port's wire and MAC. Read only
 * when {@value #ENV} names a file of {@code DEVICE MEMBER FUNCTION_NETDEV} lines; then the device
 * is shown as the member's own RDMA function (its port's netdev and GIDs on the member, the
 * member's PCI function, provider "emulated"), and the function netdevs are left out of the
 * layout, as a NIC's RDMA engine is no netdev of its own. Without the variable nothing changes.
 */
final class EmulatedRdmaFunctions {
    static final String ENV = "NETWORK_TOOL_LAB_RDMA_FUNCTIONS";
    private final Map<String, String[]> byDevice;

    private EmulatedRdmaFunctions(Map<String, String[]> byDevice) {
        this.byDevice = byDevice;
    }

    static EmulatedRdmaFunctions fromEnvironment(Warnings warnings) {
        String file = System.getenv(ENV);
        return file == null || file.isBlank() ? new EmulatedRdmaFunctions(Map.of()) : fromFile(Path.of(file), warnings);
    }

    static EmulatedRdmaFunctions fromFile(Path file, Warnings warnings) {
        Map<String, String[]> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && !line.startsWith("#")) {
                    m.put(f[0], f);
                }
            }
        } catch (IOException e) {
            warnings.add(file.toString(), "cannot read the lab's emulated RDMA functions: " + e.getMessage());
        }
        return new EmulatedRdmaFunctions(m);
    }

    List<Netdev> hide(List<Netdev> netdevs) {
        List<String> functions = byDevice.values().stream().map(f -> f[2]).toList();
        return netdevs.stream().filter(n -> !functions.contains(n.name())).toList();
    }

    List<RdmaDevice> apply(List<RdmaDevice> devices, List<Netdev> netdevs) {
        List<RdmaDevice> out = new ArrayList<>();
        for (RdmaDevice d : devices) {
            String[] f = byDevice.get(d.name());
            if (f == null) {
                out.add(d);
                continue;
            }
            String member = f[1];
            String function = f[2];
            Optional<Netdev> m = netdevs.stream().filter(n -> n.name().equals(member)).findFirst();
            List<RdmaPort> ports = new ArrayList<>();
            for (RdmaPort p : d.ports()) {
                // The kernel names the bond master as the GID netdev of a bond slave's function (default and IP GIDs alike).
                String gidNetdev = m.map(Netdev::master).filter(b -> b != null && !b.isBlank() && !b.equals("ovs-system")).orElse(member);
                List<Gid> gids = p.gids().stream().map(g -> function.equals(g.netdev())
                        ? new Gid(g.index(), g.gid(), g.type(), gidNetdev, g.ip()) : g).toList();
                ports.add(new RdmaPort(p.port(), p.state(), p.physicalState(), p.linkLayer(), p.activeMtu(), member, gids));
            }
            out.add(new RdmaDevice(d.name(), "emulated", m.map(Netdev::pciAddress).orElse(null), m.map(Netdev::nic).orElse(null), ports, d.lag()));
        }
        return out;
    }
}
