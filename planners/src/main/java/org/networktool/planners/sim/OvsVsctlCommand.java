package org.networktool.planners.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.OvsInterface;

/**
 * The subset of ovs-vsctl plans use. One invocation is one transaction: the commands joined by
 * {@code --} all apply or, if one fails, none do.
 */
final class OvsVsctlCommand {
    private final SimHost host;
    private final Map<String, String> ids = new HashMap<>();

    OvsVsctlCommand(SimHost host) {
        this.host = host;
    }

    void run(List<String> args) {
        if (!host.ovsPresent) {
            throw new SimulationException("ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)");
        }
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--")) {
                if (!current.isEmpty()) {
                    commands.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            commands.add(current);
        }
        SimHost snapshot = copyOfOvsState();
        try {
            for (List<String> c : commands) {
                one(c);
            }
            commit();
        } catch (SimulationException e) {
            restore(snapshot);
            throw e;
        }
    }

    /** What vswitchd does with the committed database: open every system interface, or fail. */
    private void commit() {
        for (SimHost.Bridge b : host.bridges.values()) {
            for (SimHost.Port p : b.ports.values()) {
                for (OvsInterface f : p.interfaces) {
                    if (!"internal".equals(f.type())) {
                        attachSystem(f.name());
                    }
                }
            }
        }
    }

    private void one(List<String> c) {
        boolean mayExist = false;
        boolean ifExists = false;
        String id = null;
        int i = 0;
        for (; i < c.size() && c.get(i).startsWith("--"); i++) {
            switch (c.get(i)) {
                case "--may-exist" -> mayExist = true;
                case "--if-exists" -> ifExists = true;
                default -> {
                    if (c.get(i).startsWith("--id=")) {
                        id = c.get(i).substring("--id=".length());
                    } else if (!c.get(i).startsWith("--timeout=") && !c.get(i).startsWith("--db=")) {
                        throw new SimulationException("ovs-vsctl: unsupported option " + c.get(i));
                    }
                }
            }
        }
        List<String> a = c.subList(i, c.size());
        switch (a.get(0)) {
            case "add-br" -> addBridge(a.get(1), mayExist);
            case "del-br" -> {
                SimHost.Bridge b = host.bridges.get(a.get(1));
                if (b == null) {
                    if (!ifExists) {
                        throw new SimulationException("ovs-vsctl: no bridge named " + a.get(1));
                    }
                    return;
                }
                new ArrayList<>(b.ports.keySet()).forEach(p -> removePort(b, p));
                host.bridges.remove(b.name);
            }
            case "add-port" -> addPort(a.get(1), a.get(2), List.of(a.get(2)), a.subList(3, a.size()), mayExist);
            case "add-bond" -> {
                List<String> ifaces = new ArrayList<>();
                List<String> settings = new ArrayList<>();
                for (String x : a.subList(3, a.size())) {
                    (x.contains("=") ? settings : ifaces).add(x);
                }
                if (ifaces.size() < 2) {
                    throw new SimulationException("ovs-vsctl: add-bond requires at least 2 interfaces, but only " + ifaces.size() + " were specified");
                }
                addPort(a.get(1), a.get(2), ifaces, settings, mayExist);
            }
            case "del-port" -> {
                String port = a.get(a.size() - 1);
                SimHost.Bridge b = bridgeOfPort(port);
                if (b == null) {
                    if (!ifExists) {
                        throw new SimulationException("ovs-vsctl: no port named " + port);
                    }
                    return;
                }
                removePort(b, port);
            }
            case "add-bond-iface" -> {
                SimHost.Bridge b = bridgeOfPort(a.get(1));
                if (b == null) {
                    throw new SimulationException("ovs-vsctl: no port named " + a.get(1));
                }
                SimHost.Port p = b.ports.get(a.get(1));
                if (p.interfaces.stream().anyMatch(x -> x.name().equals(a.get(2)))) {
                    if (!mayExist) {
                        throw new SimulationException("ovs-vsctl: " + a.get(2) + " is already part of " + a.get(1));
                    }
                    return;
                }
                attachSystem(a.get(2));
                p.interfaces.add(new OvsInterface(a.get(2), "", null, null, null, "up", "up", null));
            }
            case "del-bond-iface" -> {
                String iface = a.get(a.size() - 1);
                SimHost.Port p = host.bridges.values().stream().flatMap(b -> b.ports.values().stream())
                        .filter(x -> x.interfaces.stream().anyMatch(f -> f.name().equals(iface))).findFirst().orElse(null);
                if (p == null) {
                    if (!ifExists) {
                        throw new SimulationException("ovs-vsctl: no interface named " + iface);
                    }
                    return;
                }
                if (p.interfaces.size() == 1) {
                    throw new SimulationException("ovs-vsctl: cannot remove " + iface + ", the only interface of port " + p.name);
                }
                p.interfaces.removeIf(f -> f.name().equals(iface));
                detachSystem(iface);
            }
            case "set" -> set(a);
            case "create" -> create(a, id);
            case "add" -> {
                // add Bridge BR ports @id
                if (!a.get(1).equals("Bridge") || !a.get(3).equals("ports")) {
                    throw new SimulationException("ovs-vsctl add: only 'add Bridge BR ports @port' is supported");
                }
                SimHost.Bridge b = host.bridges.get(a.get(2));
                if (b == null) {
                    throw new SimulationException("ovs-vsctl: no row \"" + a.get(2) + "\" in table Bridge");
                }
                SimHost.Port p = pending.remove(a.get(4));
                if (p == null) {
                    throw new SimulationException("ovs-vsctl: unknown id " + a.get(4));
                }
                for (OvsInterface f : p.interfaces) {
                    attachSystem(f.name());
                }
                b.ports.put(p.name, p);
            }
            default -> throw new SimulationException("ovs-vsctl: unsupported command " + a.get(0));
        }
    }

    private final Map<String, SimHost.Port> pending = new HashMap<>();
    private final Map<String, OvsInterface> pendingIfaces = new HashMap<>();

    private void create(List<String> a, String id) {
        Map<String, String> kv = settings(a.subList(2, a.size()));
        switch (a.get(1)) {
            case "Interface" -> pendingIfaces.put(id, new OvsInterface(kv.get("name"), "", null, null, null, "up", "up", null));
            case "Port" -> {
                SimHost.Port p = new SimHost.Port();
                p.name = kv.get("name");
                for (String ref : kv.getOrDefault("interfaces", "").replace("[", "").replace("]", "").split(",")) {
                    OvsInterface f = pendingIfaces.get(ref.trim());
                    if (f == null) {
                        throw new SimulationException("ovs-vsctl: unknown interface id " + ref);
                    }
                    p.interfaces.add(f);
                }
                applyPortSettings(p, kv);
                pending.put(id, p);
            }
            default -> throw new SimulationException("ovs-vsctl create: unsupported table " + a.get(1));
        }
    }

    private void addBridge(String name, boolean mayExist) {
        if (host.bridges.containsKey(name)) {
            if (!mayExist) {
                throw new SimulationException("ovs-vsctl: cannot create a bridge named " + name + " because a bridge named " + name + " already exists");
            }
            return;
        }
        if (host.devs.containsKey(name)) {
            throw new SimulationException("ovs-vsctl: " + name + ": a network device with this name already exists");
        }
        SimHost.Bridge b = new SimHost.Bridge();
        b.name = name;
        b.datapath = "";
        SimHost.Port local = new SimHost.Port();
        local.name = name;
        local.interfaces.add(new OvsInterface(name, "internal", 1500, null, 65534, "down", "down", null));
        b.ports.put(name, local);
        host.bridges.put(name, b);
        addInternalNetdev(name, 1500);
    }

    private void addPort(String bridge, String port, List<String> ifaces, List<String> settings, boolean mayExist) {
        SimHost.Bridge b = host.bridges.get(bridge);
        if (b == null) {
            throw new SimulationException("ovs-vsctl: no bridge named " + bridge);
        }
        SimHost.Bridge owner = bridgeOfPort(port);
        if (owner != null) {
            List<String> have = owner.ports.get(port).interfaces.stream().map(OvsInterface::name).sorted().toList();
            if (mayExist && owner == b && have.equals(ifaces.stream().sorted().toList())) {
                return;
            }
            throw new SimulationException("ovs-vsctl: cannot create a port named " + port + " because a port named " + port
                    + " already exists on bridge " + owner.name);
        }
        SimHost.Port p = new SimHost.Port();
        p.name = port;
        for (String f : ifaces) {
            if (host.devs.containsKey(f)) {
                attachSystem(f);
            }
            p.interfaces.add(new OvsInterface(f, "", null, null, null, "up", "up", null));
        }
        applyPortSettings(p, settings(settings));
        b.ports.put(port, p);
    }

    /** A system interface joining OVS: it must exist and not belong to a Linux bond or another bridge. */
    private void attachSystem(String iface) {
        SimHost.Dev d = host.devs.get(iface);
        if (d == null) {
            throw new SimulationException("ovs-vswitchd: " + iface + ": could not open network device " + iface + " (No such device)");
        }
        if ("ovs-system".equals(d.master)) {
            return;
        }
        if (d.master != null) {
            throw new SimulationException("ovs-vswitchd: could not add network device " + iface + " to ofproto (Device or resource busy)");
        }
        d.master = "ovs-system";
    }

    private void detachSystem(String iface) {
        SimHost.Dev d = host.devs.get(iface);
        if (d != null && "ovs-system".equals(d.master)) {
            d.master = null;
        }
    }

    private void removePort(SimHost.Bridge b, String port) {
        SimHost.Port p = b.ports.remove(port);
        for (OvsInterface f : p.interfaces) {
            if ("internal".equals(f.type())) {
                host.devs.remove(f.name());
                host.routes.removeIf(r -> f.name().equals(r.device()));
                host.rdma.removeIf(r -> r.ports().stream().anyMatch(x -> f.name().equals(x.netdev())));
            } else {
                detachSystem(f.name());
            }
        }
    }

    private void set(List<String> a) {
        String table = a.get(1);
        String record = a.get(2);
        Map<String, String> kv = settings(a.subList(3, a.size()));
        switch (table) {
            case "bridge", "Bridge" -> {
                SimHost.Bridge b = host.bridges.get(record);
                if (b == null) {
                    throw new SimulationException("ovs-vsctl: no row \"" + record + "\" in table Bridge");
                }
                for (Map.Entry<String, String> e : kv.entrySet()) {
                    switch (e.getKey()) {
                        case "datapath_type" -> b.datapath = e.getValue();
                        case "other_config:hwaddr" -> b.hwaddr = mac(e.getValue());
                        default -> {
                            // external_ids are the owner's marks (NetworkManager's): kept by OVSDB, read by nothing the model host shows.
                            if (!e.getKey().startsWith("external_ids:")) {
                                throw new SimulationException("ovs-vsctl: unsupported bridge column " + e.getKey());
                            }
                        }
                    }
                }
            }
            case "port", "Port" -> {
                SimHost.Bridge b = bridgeOfPort(record);
                if (b == null) {
                    throw new SimulationException("ovs-vsctl: no row \"" + record + "\" in table Port");
                }
                applyPortSettings(b.ports.get(record), kv);
            }
            case "interface", "Interface" -> setInterface(record, kv);
            default -> throw new SimulationException("ovs-vsctl set: unsupported table " + table);
        }
    }

    private void setInterface(String name, Map<String, String> kv) {
        for (SimHost.Bridge b : host.bridges.values()) {
            for (SimHost.Port p : b.ports.values()) {
                for (int i = 0; i < p.interfaces.size(); i++) {
                    OvsInterface f = p.interfaces.get(i);
                    if (!f.name().equals(name)) {
                        continue;
                    }
                    String type = kv.getOrDefault("type", f.type());
                    Integer mtuRequest = kv.containsKey("mtu_request") ? Integer.valueOf(kv.get("mtu_request")) : f.mtuRequest();
                    p.interfaces.set(i, new OvsInterface(name, type, mtuRequest, mtuRequest, f.ofport(), f.linkState(), f.adminState(), f.mac()));
                    if ("internal".equals(type) && !"internal".equals(f.type())) {
                        detachSystem(name);
                        addInternalNetdev(name, mtuRequest == null ? 1500 : mtuRequest);
                    } else if (mtuRequest != null && host.devs.containsKey(name)) {
                        host.devs.get(name).mtu = mtuRequest;
                    }
                    if (kv.containsKey("mac")) {
                        // ovs-vswitchd sets the Interface mac column on internal ports only.
                        if (!"internal".equals(type)) {
                            throw new SimulationException("ovs-vsctl: mac is set on internal interfaces only, not " + name);
                        }
                        host.dev(name).mac = mac(kv.get("mac"));
                    }
                    return;
                }
            }
        }
        throw new SimulationException("ovs-vsctl: no row \"" + name + "\" in table Interface");
    }

    private void addInternalNetdev(String name, int mtu) {
        SimHost.Dev existing = host.devs.get(name);
        if (existing != null && existing.kind != NetdevKind.OVS_INTERNAL) {
            throw new SimulationException("ovs-vswitchd: " + name + ": could not create internal port: a device with this name exists");
        }
        SimHost.Dev d = existing != null ? existing : new SimHost.Dev();
        d.name = name;
        d.kind = NetdevKind.OVS_INTERNAL;
        d.mac = d.mac == null ? host.newMac() : d.mac;
        d.mtu = mtu;
        if (existing == null) {
            d.ifindex = host.nextIfindex++;
            host.devs.put(name, d);
        }
    }

    private static void applyPortSettings(SimHost.Port p, Map<String, String> kv) {
        kv.forEach((k, v) -> {
            switch (k) {
                case "name", "interfaces" -> { }
                case "bond_mode" -> p.bondMode = v;
                case "lacp" -> p.lacp = v;
                case "bond_updelay" -> p.updelay = Integer.valueOf(v);
                case "bond_downdelay" -> p.downdelay = Integer.valueOf(v);
                default -> {
                    if (k.startsWith("other_config:")) {
                        p.otherConfig.put(k.substring("other_config:".length()), v);
                    } else if (!k.startsWith("external_ids:")) {
                        throw new SimulationException("ovs-vsctl: unsupported port column " + k);
                    }
                }
            }
        });
    }

    private static String mac(String v) {
        if (!v.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new SimulationException("ovs-vsctl: \"" + v + "\" is not an Ethernet address");
        }
        return v;
    }

    private static Map<String, String> settings(List<String> items) {
        Map<String, String> kv = new java.util.LinkedHashMap<>();
        for (String s : items) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new SimulationException("ovs-vsctl: '" + s + "' is not a column=value setting");
            }
            kv.put(s.substring(0, eq), s.substring(eq + 1).replace("\"", ""));
        }
        return kv;
    }

    private SimHost.Bridge bridgeOfPort(String port) {
        return host.bridges.values().stream().filter(b -> b.ports.containsKey(port)).findFirst().orElse(null);
    }

    /** A deep copy of what ovs-vsctl may change, to roll a failed transaction back. */
    private SimHost copyOfOvsState() {
        SimHost copy = new SimHost(host.toLayout());
        return copy;
    }

    private void restore(SimHost snapshot) {
        host.bridges.clear();
        host.bridges.putAll(snapshot.bridges);
        for (SimHost.Dev d : new ArrayList<>(host.devs.values())) {
            SimHost.Dev was = snapshot.devs.get(d.name);
            if (was == null) {
                host.devs.remove(d.name);
            } else {
                d.master = was.master;
                d.mtu = was.mtu;
            }
        }
        for (SimHost.Dev was : snapshot.devs.values()) {
            host.devs.putIfAbsent(was.name, was);
        }
    }
}
