package org.networktool.planners.persist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.networktool.layout.config.ConfigFile;
import org.networktool.layout.config.NetworkConfig;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * netplan. The old interface's definition leaves its YAML file (re-dumped, so comments in that file
 * go; the backup in the journal keeps them); a file of its own, {@code 60-network-tool-storage.yaml},
 * brings the members up and gives the internal port the old definition's addresses, routes and
 * nameservers. Open vSwitch keeps the bridge and the bond in its database, which netplan leaves
 * alone (it only cleans up what it created itself).
 */
final class NetplanWriter implements ConfigWriter {
    static final String OWN_FILE = "/etc/netplan/60-network-tool-storage.yaml";
    private static final List<String> KINDS = List.of("ethernets", "bonds", "bridges", "vlans");
    private static final Set<String> NOT_CARRIED = Set.of("interfaces", "parameters", "macaddress", "set-name", "match", "openvswitch");

    @Override
    @SuppressWarnings("unchecked")
    public List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        List<FileChange> out = new ArrayList<>();
        Map<String, Object> carried = new LinkedHashMap<>();
        Set<String> definedElsewhere = new java.util.TreeSet<>();
        for (ConfigFile f : config.files()) {
            if (f.path().equals(OWN_FILE)) {
                continue;
            }
            Object doc = new Yaml().load(f.text());
            if (!(doc instanceof Map<?, ?> root) || !(root.get("network") instanceof Map<?, ?> net)) {
                continue;
            }
            boolean changed = false;
            for (String kind : KINDS) {
                if (net.get(kind) instanceof Map<?, ?> defs) {
                    Object def = defs.get(spec.sourceIface());
                    if (def != null) {
                        if (def instanceof Map<?, ?> m) {
                            m.forEach((k, v) -> {
                                if (!NOT_CARRIED.contains(String.valueOf(k))) {
                                    carried.put(String.valueOf(k), v);
                                }
                            });
                        }
                        ((Map<String, Object>) defs).remove(spec.sourceIface());
                        if (defs.isEmpty()) {
                            ((Map<String, Object>) net).remove(kind);
                        }
                        changed = true;
                    }
                    if (net.get(kind) instanceof Map<?, ?> left) {
                        left.keySet().forEach(k -> definedElsewhere.add(String.valueOf(k)));
                        changed |= memberMtus(kind, (Map<String, Object>) left, spec);
                    }
                }
            }
            if (changed) {
                String after = "# network-tool: " + spec.sourceIface() + " moved to Open vSwitch " + spec.bridge() + "/" + spec.bond().name()
                        + " (60-network-tool-storage.yaml). `network-tool rollback` restores this file as it was.\n" + dump(root);
                out.add(FileChange.edited(f, after));
            }
        }
        Map<String, Object> ethernets = new LinkedHashMap<>();
        for (String m : spec.bond().members()) {
            if (!definedElsewhere.contains(m)) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("dhcp4", false);
                member.put("dhcp6", false);
                member.put("link-local", List.of());
                if (spec.mtu() != null) {
                    member.put("mtu", spec.mtu());
                }
                ethernets.put(m, member);
            }
        }
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("match", Map.of("name", spec.internalPort()));
        if (!carried.containsKey("addresses") && !Boolean.TRUE.equals(carried.get("dhcp4"))) {
            port.put("addresses", spec.addresses());
        }
        if (spec.mtu() != null && !carried.containsKey("mtu")) {
            port.put("mtu", spec.mtu());
        }
        port.putAll(carried);
        ethernets.put(spec.internalPort(), port);
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("version", 2);
        net.put("ethernets", ethernets);
        String text = "# Written by network-tool: the storage network on Open vSwitch (was " + spec.sourceIface() + ").\n"
                + "# Open vSwitch keeps " + spec.bridge() + " and " + spec.bond().name() + " in its database; this brings the members up and\n"
                + "# puts the storage address on " + spec.internalPort() + ". `network-tool rollback` restores the files it changed.\n"
                + dump(Map.of("network", net));
        out.add(FileChange.written(config, OWN_FILE, text, "0600"));
        return out;
    }

    /**
     * A member defined here keeps its own lines and gets the storage MTU: the MTU was often set on the bond only (or a free
     * port had its own), and a member without it boots at 1500 while storage runs at 9000 (jumbo frames and RDMA dropped).
     */
    private static boolean memberMtus(String kind, Map<String, Object> defs, PersistSpec spec) {
        if (!kind.equals("ethernets") || spec.mtu() == null) {
            return false;
        }
        boolean changed = false;
        for (String m : spec.bond().members()) {
            Object def = defs.get(m);
            if (def == null && defs.containsKey(m)) {
                def = new LinkedHashMap<String, Object>();
                defs.put(m, def);
            }
            if (def instanceof Map<?, ?> d && !spec.mtu().equals(d.get("mtu"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> member = (Map<String, Object>) d;
                member.put("mtu", spec.mtu());
                changed = true;
            }
        }
        return changed;
    }

    private static String dump(Object doc) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        return new Yaml(o).dump(tree(doc));
    }

    /**
     * The document with every map and list its own object: SnakeYAML writes an object met twice (List.of() is one
     * object) as an anchor and an alias (&id001, *id001), which netplan reads but a person editing the file does not expect.
     */
    private static Object tree(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, tree(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(NetplanWriter::tree).toList());
        }
        return node;
    }
}
