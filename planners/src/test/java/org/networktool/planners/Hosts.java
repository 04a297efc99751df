package org.networktool.planners;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.networktool.layout.BondSlave;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LacpAggregator;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.Ovs;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.Route;
import org.networktool.layout.StorageDetector;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.layout.discovery.NicGrouping;

/** Hosts for planner tests: the shipped samples, and generated ones from a seed. */
final class Hosts {
    static final List<String> SAMPLES = List.of("ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce");

    private Hosts() {
    }

    static HostLayout sample(String name) {
        Path root = Path.of("..", "samples", name).toAbsolutePath();
        return new HostInspector(new HostRoot(root), new CapturedCommands(root), "sample " + name).inspect(StorageSelector.AUTO);
    }

    /**
     * A random host: 2–4 NICs of 1–4 ports at 10 or 25 Gb/s, the storage IP on a Linux bond
     * (active-backup or 802.3ad, 1–all ports of NIC 0) or on a single port, some ports busy,
     * optional IPv6, static routes, Soft-RoCE and a management port with the default route.
     */
    static HostLayout generated(long seed) {
        Random r = new Random(seed);
        List<Netdev> netdevs = new ArrayList<>();
        netdevs.add(new Netdev("lo", 1, NetdevKind.LOOPBACK, "00:00:00:00:00:00", 65536, "unknown", true, null, null, null, null, null,
                List.of(new IpAddress("inet", "127.0.0.1", 8, "host"))));
        int nics = 2 + r.nextInt(3);
        int ifindex = 2;
        List<List<String>> ports = new ArrayList<>();
        int storageSpeed = r.nextBoolean() ? 25000 : 10000;
        for (int n = 0; n < nics; n++) {
            int count = 1 + r.nextInt(4);
            int speed = n == 0 || r.nextInt(4) > 0 ? storageSpeed : (storageSpeed == 25000 ? 10000 : 25000);
            List<String> names = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                String name = "ens" + (n + 1) + "f" + p;
                String pci = String.format("0000:%02x:00.%d", 0x3b + n * 0x20, p);
                boolean carrier = r.nextInt(6) > 0;
                netdevs.add(new Netdev(name, ifindex++, NetdevKind.PHYSICAL, String.format("b8:59:9f:%02x:%02x:%02x", seed & 0xff, n, p),
                        1500, carrier ? "up" : "down", carrier, carrier ? speed : null, "mlx5_core", pci, pci.substring(0, 10), null, List.of()));
                names.add(name);
            }
            ports.add(names);
        }
        String v4 = "10." + r.nextInt(250) + "." + r.nextInt(250) + "." + (10 + r.nextInt(200));
        List<IpAddress> addrs = new ArrayList<>(List.of(new IpAddress("inet", v4, 24, "global")));
        String v6 = r.nextBoolean() ? "fd00:" + Integer.toHexString(1 + r.nextInt(0xfffe)) + "::11" : null;
        if (v6 != null) {
            addrs.add(new IpAddress("inet6", v6, 64, "global"));
        }
        addrs.add(new IpAddress("inet6", "fe80::1", 64, "link"));
        String network = org.networktool.layout.Cidr.network(v4, 24);
        List<LinuxBond> bonds = new ArrayList<>();
        String storageIf;
        int mtu = r.nextBoolean() ? 9000 : 1500;
        List<String> nic0 = ports.get(0);
        if (r.nextInt(5) == 0) {
            storageIf = nic0.get(0);
            Netdev p = find(netdevs, storageIf);
            netdevs.set(netdevs.indexOf(p), new Netdev(p.name(), p.ifindex(), p.kind(), p.mac(), mtu, "up", true, storageSpeed,
                    p.driver(), p.pciAddress(), p.nic(), null, addrs));
        } else {
            storageIf = "bond0";
            boolean lacp = r.nextBoolean();
            int k = 1 + r.nextInt(nic0.size());
            List<String> slaves = nic0.subList(0, k);
            String active = lacp ? null : slaves.get(r.nextInt(k));
            String bondMac = find(netdevs, slaves.get(0)).mac();
            List<BondSlave> bs = new ArrayList<>();
            for (String s : slaves) {
                Netdev p = find(netdevs, s);
                bs.add(new BondSlave(s, "up", storageSpeed, "full", r.nextInt(3), p.mac(), lacp ? 1 : null, lacp ? "00:1c:73:aa:bb:01" : null, lacp ? 32769 : null,
                        lacp ? bs.size() + 1 : null));
                netdevs.set(netdevs.indexOf(p), new Netdev(s, p.ifindex(), p.kind(), bondMac, mtu, "up", true, storageSpeed, p.driver(),
                        p.pciAddress(), p.nic(), "bond0", List.of()));
            }
            int miimon = r.nextBoolean() ? 100 : 0;
            bonds.add(new LinuxBond("bond0", lacp ? "802.3ad" : "active-backup", "up", miimon, r.nextInt(2) * 200, 0,
                    lacp ? (r.nextBoolean() ? "fast" : "slow") : null, lacp ? "layer3+4" : "layer2", null, active, bs,
                    lacp ? new LacpAggregator(1, k, 21, 32769, "00:1c:73:aa:bb:01", bondMac, 65535) : null));
            netdevs.add(new Netdev("bond0", ifindex++, NetdevKind.BOND, bondMac, mtu, "up", true, storageSpeed, null, null, null, null, addrs));
        }
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("inet", network, null, storageIf, "main", "kernel", "link", v4, null));
        if (v6 != null) {
            routes.add(new Route("inet6", org.networktool.layout.Cidr.network(v6, 64), null, storageIf, "main", "kernel", null, null, 256));
        }
        if (r.nextBoolean()) {
            routes.add(new Route("inet", "10.200.0.0/16", network.replace(".0/24", ".1"), storageIf, "main", "static", null, null, 100));
        }
        if (r.nextBoolean()) {
            routes.add(new Route("inet", "default", network.replace(".0/24", ".1"), storageIf, "storage", "static", null, null, null));
        }
        // Busy ports on other NICs: a management port with the default route, or addresses of their own.
        for (int n = 1; n < nics; n++) {
            for (String p : ports.get(n)) {
                if (r.nextInt(5) == 0) {
                    Netdev d = find(netdevs, p);
                    netdevs.set(netdevs.indexOf(d), new Netdev(p, d.ifindex(), d.kind(), d.mac(), 1500, d.operstate(), d.carrier(),
                            d.speedMbps(), d.driver(), d.pciAddress(), d.nic(), null, List.of(new IpAddress("inet", "198.51.100." + (n * 10 + 1), 24, "global"))));
                    routes.add(new Route("inet", "default", "198.51.100.1", p, "main", "static", null, null, null));
                }
            }
        }
        List<RdmaDevice> rdma = new ArrayList<>();
        if (r.nextBoolean()) {
            rdma.add(new RdmaDevice("rxe0", "rxe", null, null, List.of(new RdmaPort(1, "ACTIVE", "LinkUp", "Ethernet", 1024, storageIf, List.of()))));
        }
        HostLayout l = new HostLayout(null, "gen-" + seed, "generated " + seed, null, NicGrouping.group(netdevs), netdevs, bonds, routes,
                new Ovs(true, "3.1.0", List.of()), rdma, List.of());
        return l.withStorage(StorageDetector.detect(l, new StorageSelector(storageIf, null)).storage());
    }

    private static Netdev find(List<Netdev> netdevs, String name) {
        return netdevs.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
