package org.networktool.planners.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.networktool.layout.BondSlave;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.discovery.NicGrouping;
import org.networktool.layout.Ovs;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsInterface;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.layout.Route;
import org.networktool.layout.StorageDetector;
import org.networktool.layout.StorageNetwork;
import org.networktool.layout.StorageSelector;

/** The mutable state of a simulated host: a layout taken apart so commands can change it. */
final class SimHost {
    static final class Dev {
        String name;
        NetdevKind kind;
        String mac;
        Integer mtu;
        boolean up;
        Boolean carrier;
        Integer speed;
        String driver;
        String pci;
        String nic;
        String master;
        int ifindex;
        List<IpAddress> addresses = new ArrayList<>();
    }

    static final class Bond {
        String name;
        String mode;
        Integer miimon;
        Integer updelay;
        Integer downdelay;
        String lacpRate;
        String xmitHashPolicy;
        String primary;
        String active;
        List<String> slaves = new ArrayList<>();
        Map<String, String> permanentMacs = new LinkedHashMap<>();
        boolean randomMac;
        LinuxBond original;
    }

    static final class Port {
        String name;
        List<OvsInterface> interfaces = new ArrayList<>();
        String bondMode;
        String lacp;
        Integer updelay;
        Integer downdelay;
        Map<String, String> otherConfig = new TreeMap<>();
    }

    static final class Bridge {
        String name;
        String datapath;
        String hwaddr;
        Map<String, Port> ports = new LinkedHashMap<>();
    }

    final HostLayout origin;
    final Map<String, Dev> devs = new LinkedHashMap<>();
    final Map<String, Bond> bonds = new LinkedHashMap<>();
    final List<Route> routes = new ArrayList<>();
    final Map<String, Bridge> bridges = new LinkedHashMap<>();
    final List<RdmaDevice> rdma = new ArrayList<>();
    /** IPv6 neighbour entries the plan made, "DEV ADDRESS MAC"; the kernel flushes a device's (permanent ones too) when it goes down. */
    final java.util.Set<String> neighbours = new java.util.LinkedHashSet<>();
    boolean ovsPresent;
    int nextIfindex = 100;
    int macCounter = 1;

    SimHost(HostLayout l) {
        origin = l;
        for (Netdev n : l.netdevs()) {
            Dev d = new Dev();
            d.name = n.name();
            d.kind = n.kind();
            d.mac = n.mac();
            d.mtu = n.mtu();
            d.up = !"down".equals(n.operstate()) || Boolean.TRUE.equals(n.carrier());
            d.carrier = n.carrier();
            d.speed = n.speedMbps();
            d.driver = n.driver();
            d.pci = n.pciAddress();
            d.nic = n.nic();
            d.master = n.master();
            d.ifindex = n.ifindex();
            d.addresses.addAll(n.addresses());
            devs.put(d.name, d);
            nextIfindex = Math.max(nextIfindex, n.ifindex() + 1);
        }
        for (LinuxBond b : l.bonds()) {
            Bond s = new Bond();
            s.name = b.name();
            s.mode = b.mode();
            s.miimon = b.miimonMs();
            s.updelay = b.updelayMs();
            s.downdelay = b.downdelayMs();
            s.lacpRate = b.lacpRate();
            s.xmitHashPolicy = b.xmitHashPolicy();
            s.primary = b.primary();
            s.active = b.activeSlave();
            s.original = b;
            for (BondSlave sl : b.slaves()) {
                s.slaves.add(sl.name());
                s.permanentMacs.put(sl.name(), sl.permanentMac() != null ? sl.permanentMac() : macOf(sl.name()));
            }
            bonds.put(s.name, s);
        }
        routes.addAll(l.routes());
        ovsPresent = l.ovs().present();
        for (OvsBridge br : l.ovs().bridges()) {
            Bridge b = new Bridge();
            b.name = br.name();
            b.datapath = br.datapathType();
            b.hwaddr = br.hwaddr();
            for (OvsPort p : br.ports()) {
                Port q = new Port();
                q.name = p.name();
                q.interfaces.addAll(p.interfaces());
                q.bondMode = p.bondMode();
                q.lacp = p.lacp();
                q.updelay = p.bondUpdelay();
                q.downdelay = p.bondDowndelay();
                q.otherConfig.putAll(p.otherConfig());
                b.ports.put(q.name, q);
            }
            bridges.put(b.name, b);
        }
        rdma.addAll(l.rdma());
    }

    private String macOf(String netdev) {
        Dev d = devs.get(netdev);
        return d == null ? null : d.mac;
    }

    String newMac() {
        return String.format("02:00:00:5e:%02x:%02x", (macCounter >> 8) & 0xff, macCounter++ & 0xff);
    }

    Dev dev(String name) {
        Dev d = devs.get(name);
        if (d == null) {
            throw new SimulationException("Cannot find device \"" + name + "\"");
        }
        return d;
    }

    HostLayout toLayout() {
        List<Netdev> netdevs = new ArrayList<>();
        for (Dev d : devs.values()) {
            String operstate = d.up && (d.carrier == null || d.carrier) ? "up" : "down";
            // sysfs has no carrier for an admin-down port: reading it back must not make the port up.
            netdevs.add(new Netdev(d.name, d.ifindex, d.kind, d.mac, d.mtu, operstate, d.up ? d.carrier : null, d.speed, d.driver, d.pci,
                    d.nic, d.master, d.addresses));
        }
        List<LinuxBond> bondList = new ArrayList<>();
        for (Bond b : bonds.values()) {
            List<BondSlave> slaves = new ArrayList<>();
            for (String s : b.slaves) {
                BondSlave was = b.original == null ? null : b.original.slave(s).orElse(null);
                Dev d = devs.get(s);
                String mii = d != null && d.up && !Boolean.FALSE.equals(d.carrier) ? "up" : "down";
                slaves.add(was != null ? new BondSlave(s, mii, was.speedMbps(), was.duplex(), was.linkFailureCount(),
                        b.permanentMacs.get(s), was.aggregatorId(), was.partnerSystemMac(), was.partnerKey(), was.actorPortNumber())
                        : new BondSlave(s, mii, d == null ? null : d.speed, null, 0, b.permanentMacs.get(s), null, null, null, null));
            }
            bondList.add(new LinuxBond(b.name, b.mode, b.slaves.isEmpty() ? "down" : "up", b.miimon, b.updelay, b.downdelay,
                    b.lacpRate, b.xmitHashPolicy, b.primary, b.active, slaves,
                    b.original == null || !b.slaves.equals(b.original.slaveNames()) ? null : b.original.aggregator()));
        }
        List<OvsBridge> bridgeList = new ArrayList<>();
        for (Bridge b : bridges.values()) {
            List<OvsPort> ports = new ArrayList<>();
            for (Port p : b.ports.values()) {
                List<OvsInterface> ifaces = new ArrayList<>(p.interfaces);
                ifaces.sort((x, y) -> x.name().compareTo(y.name()));
                ports.add(new OvsPort(p.name, ifaces, p.bondMode, p.lacp, p.updelay, p.downdelay, null, p.otherConfig, null));
            }
            ports.sort((x, y) -> x.name().compareTo(y.name()));
            bridgeList.add(new OvsBridge(b.name, b.datapath, ports, b.hwaddr));
        }
        bridgeList.sort((x, y) -> x.name().compareTo(y.name()));
        Ovs ovs = ovsPresent || !bridgeList.isEmpty() ? new Ovs(true, origin.ovs().version(), bridgeList) : Ovs.ABSENT;
        String source = origin.source() == null ? "simulated" : origin.source().endsWith(" (simulated)") ? origin.source()
                : origin.source() + " (simulated)";
        bridgeMacs(netdevs);
        HostLayout wired = new HostLayout(origin.schema(), origin.hostname(), source, null,
                NicGrouping.group(netdevs), netdevs, bondList, routes, ovs, List.of(), List.of());
        HostLayout l = new HostLayout(origin.schema(), origin.hostname(), source, null,
                wired.nics(), netdevs, bondList, routes, ovs, SimRdma.asKernelShows(wired, rdma), List.of());
        return l.withStorage(storageOf(l));
    }

    /**
     * A bridge's local port takes {@code other_config:hwaddr} if set, else a MAC of one of its ports' interfaces that is
     * universally administered and unicast (ovs-vswitchd's bridge_pick_local_hw_addr; a NIC's burnt-in MAC is): without
     * hwaddr it shares a member's MAC. With none such it keeps the MAC it has.
     */
    private void bridgeMacs(List<Netdev> netdevs) {
        for (Bridge b : bridges.values()) {
            String mac = b.hwaddr;
            if (mac == null) {
                // Each port is represented by its interface whose name sorts first (for a bond, as the Linux bonding code
                // takes its first slave's MAC), then the lowest universally administered unicast MAC among ports wins.
                mac = b.ports.values().stream().filter(p -> !p.name.equals(b.name) && !p.interfaces.isEmpty())
                        .map(p -> p.interfaces.stream().map(OvsInterface::name).min(String::compareTo).orElseThrow())
                        .map(devs::get).filter(d -> d != null && d.mac != null)
                        .map(d -> d.mac.toLowerCase(java.util.Locale.ROOT)).filter(SimHost::universal).min(String::compareTo).orElse(null);
            }
            if (mac == null) {
                continue;
            }
            for (int i = 0; i < netdevs.size(); i++) {
                Netdev n = netdevs.get(i);
                if (n.name().equals(b.name)) {
                    devs.get(b.name).mac = mac;
                    netdevs.set(i, new Netdev(n.name(), n.ifindex(), n.kind(), mac, n.mtu(), n.operstate(), n.carrier(), n.speedMbps(),
                            n.driver(), n.pciAddress(), n.nic(), n.master(), n.addresses()));
                }
            }
        }
    }

    /** The storage network follows the storage IP wherever the commands moved it. */
    private StorageNetwork storageOf(HostLayout l) {
        if (origin.storage() == null || origin.storage().addresses().isEmpty()) {
            return null;
        }
        String ip = origin.storage().addresses().get(0).replaceAll("/.*", "");
        try {
            return StorageDetector.detect(l, new StorageSelector(null, ip + (ip.contains(":") ? "/128" : "/32"))).storage();
        } catch (org.networktool.layout.NetworkToolException e) {
            return null; // on no interface, or on two (only possible inside a cutover)
        }
    }

    private static boolean universal(String mac) {
        return (Integer.parseInt(mac.substring(0, 2), 16) & 0x03) == 0;
    }

    List<RdmaPort> rdmaPorts(String netdev) {
        return List.of(new RdmaPort(1, "ACTIVE", "LinkUp", "Ethernet", 1024, netdev, List.of()));
    }
}
