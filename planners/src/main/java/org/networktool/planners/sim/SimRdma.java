package org.networktool.planners.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.Nic;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.RoceGids;

/**
 * The RDMA devices the kernel shows for a host's netdevs: every GID table as roce_gid_mgmt.c builds it
 * ({@link RoceGids}), and a RoCE LAG device present exactly while one Linux bond holds all ports of its
 * NIC — otherwise the NIC shows one device per port (mlx5 names them with the lowest free index).
 * A function of the netdevs and bonds alone, so a migration and its rollback on the model host
 * dissolve and re-form the LAG as the real driver does.
 */
final class SimRdma {
    private SimRdma() {
    }

    static List<RdmaDevice> asKernelShows(HostLayout l, List<RdmaDevice> devices) {
        Map<String, List<RdmaDevice>> byLag = new LinkedHashMap<>();
        List<RdmaDevice> out = new ArrayList<>();
        for (RdmaDevice d : devices) {
            if (d.lag() != null && d.nic() != null) {
                byLag.computeIfAbsent(d.lag(), k -> new ArrayList<>()).add(d);
            } else {
                out.add(withKernelGids(l, d));
            }
        }
        Set<String> taken = new TreeSet<>(out.stream().map(RdmaDevice::name).toList());
        for (Map.Entry<String, List<RdmaDevice>> lag : byLag.entrySet()) {
            RdmaDevice any = lag.getValue().get(0);
            List<Netdev> ports = l.nics().stream().filter(n -> n.id().equals(any.nic())).findFirst().map(Nic::ports).orElse(List.of())
                    .stream().map(p -> l.netdev(p).orElseThrow()).sorted(Comparator.comparing(n -> String.valueOf(n.pciAddress()))).toList();
            Optional<LinuxBond> over = l.bonds().stream().filter(b -> b.slaves().size() >= 2
                    && new TreeSet<>(b.slaveNames()).equals(new TreeSet<>(ports.stream().map(Netdev::name).toList()))).findFirst();
            Integer mtu = any.ports().isEmpty() ? null : any.ports().get(0).activeMtu();
            if (over.isPresent()) {
                String bond = over.get().name();
                boolean up = ports.stream().anyMatch(SimRdma::linkUp);
                out.add(new RdmaDevice(lag.getKey(), any.provider(), ports.get(0).pciAddress(), any.nic(),
                        List.of(port(l, bond, up, mtu, false)), lag.getKey()));
                taken.add(lag.getKey());
                continue;
            }
            for (Netdev p : ports) {
                String name = lowestFree(any.provider(), taken);
                taken.add(name);
                out.add(new RdmaDevice(name, any.provider(), p.pciAddress(), any.nic(), List.of(port(l, p.name(), linkUp(p), mtu, false)),
                        lag.getKey()));
            }
        }
        out.sort(Comparator.comparing(RdmaDevice::name));
        return out;
    }

    private static RdmaDevice withKernelGids(HostLayout l, RdmaDevice d) {
        List<RdmaPort> ports = new ArrayList<>();
        for (RdmaPort p : d.ports()) {
            ports.add(new RdmaPort(p.port(), p.state(), p.physicalState(), p.linkLayer(), p.activeMtu(), p.netdev(), RoceGids.of(l, d, p)));
        }
        return new RdmaDevice(d.name(), d.provider(), d.pciAddress(), d.nic(), ports, d.lag());
    }

    private static RdmaPort port(HostLayout l, String netdev, boolean up, Integer mtu, boolean v2Only) {
        return new RdmaPort(1, up ? "ACTIVE" : "DOWN", up ? "LinkUp" : "Disabled", "Ethernet", mtu, netdev, RoceGids.of(l, netdev, v2Only));
    }

    private static boolean linkUp(Netdev n) {
        return n.isUp() && !Boolean.FALSE.equals(n.carrier());
    }

    private static String lowestFree(String provider, Set<String> taken) {
        for (int i = 0; ; i++) {
            if (!taken.contains(provider + "_" + i)) {
                return provider + "_" + i;
            }
        }
    }
}
