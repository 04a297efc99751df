package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.networktool.layout.Netdev;
import org.networktool.layout.Nic;

/** Groups ports into physical NICs: same PCI device, different function. */
public final class NicGrouping {
    private NicGrouping() {
    }

    public static List<Nic> group(List<Netdev> netdevs) {
        Map<String, List<Netdev>> byDevice = new TreeMap<>();
        for (Netdev n : netdevs) {
            if (n.nic() != null) {
                byDevice.computeIfAbsent(n.nic(), k -> new ArrayList<>()).add(n);
            }
        }
        List<Nic> nics = new ArrayList<>();
        byDevice.forEach((id, ports) -> {
            ports.sort(Comparator.comparing((Netdev p) -> p.pciAddress() == null ? 0 : Pci.function(p.pciAddress()))
                    .thenComparing(Netdev::name));
            nics.add(new Nic(id, ports.get(0).driver(), ports.stream().map(Netdev::name).toList()));
        });
        return nics;
    }
}
