package org.networktool.planners.persist;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.networktool.layout.config.ConfigFile;
import org.networktool.layout.config.NetworkConfig;

/**
 * NetworkManager keyfiles. The old interface's profile and its ports' profiles go; NetworkManager's
 * own Open vSwitch model (NetworkManager-ovs) replaces them: an ovs-bridge, an ovs-port for the bond
 * with one ethernet profile per member, and an ovs-port with an internal ovs-interface that takes
 * the old profile's [ipv4] and [ipv6] sections. Profiles are 0600, as NetworkManager requires.
 */
final class NetworkManagerWriter implements ConfigWriter {
    static final String DIR = "/etc/NetworkManager/system-connections/";

    @Override
    public List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        List<FileChange> out = new ArrayList<>();
        Map<String, Map<String, String>> sourceIni = null;
        List<String> sourceRefs = new ArrayList<>(List.of(spec.sourceIface()));
        for (ConfigFile f : config.files()) {
            Map<String, Map<String, String>> ini = parse(f.text());
            if (spec.sourceIface().equals(value(ini, "connection", "interface-name"))) {
                sourceIni = ini;
                addIfPresent(sourceRefs, value(ini, "connection", "id"));
                addIfPresent(sourceRefs, value(ini, "connection", "uuid"));
                out.add(FileChange.removed(f));
            }
        }
        for (ConfigFile f : config.files()) {
            Map<String, Map<String, String>> ini = parse(f.text());
            String master = value(ini, "connection", "master") != null ? value(ini, "connection", "master") : value(ini, "connection", "controller");
            boolean isPort = master != null && sourceRefs.contains(master);
            String name = value(ini, "connection", "interface-name");
            boolean retiredPort = name != null && spec.sourcePorts().contains(name)
                    && !spec.sourceIface().equals(value(ini, "connection", "interface-name"));
            if ((isPort || retiredPort) && out.stream().noneMatch(c -> c.path().equals(f.path()))) {
                out.add(FileChange.removed(f));
            }
        }
        String bridgeId = uuid(spec.bridge());
        String bondId = uuid(spec.bond().name());
        String portId = uuid(spec.internalPort() + "-port");
        StringBuilder br = head(spec, spec.bridge(), bridgeId, "ovs-bridge", spec.bridge(), null, null).append("\n[ovs-bridge]\n");
        if (spec.netdev()) {
            br.append("datapath-type=netdev\n");
        }
        if (spec.bridgeMac() != null) {
            // NetworkManager writes it as the bridge's other_config:hwaddr.
            br.append("\n[ethernet]\ncloned-mac-address=").append(spec.bridgeMac()).append('\n');
        }
        out.add(created(config, spec.bridge(), br.toString()));
        StringBuilder bond = head(spec, spec.bond().name(), bondId, "ovs-port", spec.bond().name(), bridgeId, "ovs-bridge")
                .append("\n[ovs-port]\nbond-mode=").append(spec.bond().mode()).append('\n');
        // Without LACP the key stays out, as the migration leaves the Port's lacp column empty.
        if (spec.bond().lacp() != null && spec.bond().lacp().enabled() && spec.bond().lacp().mode() != null) {
            bond.append("lacp=").append(spec.bond().lacp().mode()).append('\n');
        }
        if (spec.bond().updelayMs() != null) {
            bond.append("bond-updelay=").append(spec.bond().updelayMs()).append('\n');
        }
        if (spec.bond().downdelayMs() != null) {
            bond.append("bond-downdelay=").append(spec.bond().downdelayMs()).append('\n');
        }
        otherConfig(bond, spec.bondOptions());
        out.add(created(config, spec.bond().name(), bond.toString()));
        for (String m : spec.bond().members()) {
            StringBuilder member = head(spec, spec.bond().name() + "-" + m, uuid(spec.bond().name() + "-" + m), "ethernet", m, bondId, "ovs-port")
                    .append("\n[ethernet]\n");
            if (spec.mtu() != null) {
                member.append("mtu=").append(spec.mtu()).append('\n');
            }
            member.append("\n[ovs-interface]\ntype=system\n");
            otherConfig(member, spec.memberSettings().getOrDefault(m, List.of()));
            out.add(created(config, spec.bond().name() + "-" + m, member.toString()));
        }
        out.add(created(config, spec.internalPort() + "-port", head(spec, spec.internalPort() + "-port", portId, "ovs-port",
                spec.internalPort(), bridgeId, "ovs-bridge").append("\n[ovs-port]\n").toString()));
        StringBuilder port = head(spec, spec.internalPort(), uuid(spec.internalPort()), "ovs-interface", spec.internalPort(), portId, "ovs-port")
                .append("\n[ovs-interface]\ntype=internal\n");
        if (spec.mtu() != null || spec.portMac() != null) {
            port.append("\n[ethernet]\n");
            if (spec.portMac() != null) {
                port.append("cloned-mac-address=").append(spec.portMac()).append('\n');
            }
            if (spec.mtu() != null) {
                port.append("mtu=").append(spec.mtu()).append('\n');
            }
        }
        for (String family : List.of("ipv4", "ipv6")) {
            Map<String, String> sec = sourceIni == null ? null : sourceIni.get(family);
            if (sec != null) {
                port.append('\n').append('[').append(family).append("]\n");
                sec.forEach((k, v) -> port.append(k).append('=').append(v).append('\n'));
            } else if (family.equals("ipv4")) {
                port.append("\n[ipv4]\nmethod=manual\n");
                int n = 1;
                for (String a : spec.addresses()) {
                    if (!a.contains(":")) {
                        port.append("address").append(n++).append('=').append(a).append('\n');
                    }
                }
            }
        }
        out.add(created(config, spec.internalPort(), port.toString()));
        return out;
    }

    /**
     * The other_config settings among ovs-vsctl column settings, as NetworkManager's [ovs-other-config] (1.42 and later):
     * NetworkManager builds the rows again from the profiles at start, and they must come back with the migration's settings.
     */
    private static void otherConfig(StringBuilder b, List<String> settings) {
        List<String> data = settings.stream().filter(x -> x.startsWith("other_config:")).map(x -> x.substring("other_config:".length())).toList();
        if (!data.isEmpty()) {
            b.append("\n[ovs-other-config]\n");
            data.forEach(d -> b.append("data.").append(d).append('\n'));
        }
    }

    private static StringBuilder head(PersistSpec spec, String id, String uuid, String type, String iface, String master, String slaveType) {
        StringBuilder b = new StringBuilder("# Written by network-tool: the storage network on Open vSwitch (was ").append(spec.sourceIface())
                .append("). `network-tool rollback` restores the profiles it changed.\n[connection]\nid=").append(id)
                .append("\nuuid=").append(uuid).append("\ntype=").append(type).append("\ninterface-name=").append(iface).append('\n');
        if (master != null) {
            b.append("master=").append(master).append("\nslave-type=").append(slaveType).append('\n');
        }
        return b.append("autoconnect=true\n");
    }

    /** The UUIDs of the profiles {@link #changes} writes, on the OVSDB rows they stand for. */
    static RowOwner rows(String bridge, String bond, List<String> members, String internalPort) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("bridge:" + bridge, uuid(bridge));
        ids.put("port:" + bond, uuid(bond));
        members.forEach(m -> ids.put("interface:" + m, uuid(bond + "-" + m)));
        ids.put("port:" + internalPort, uuid(internalPort + "-port"));
        ids.put("interface:" + internalPort, uuid(internalPort));
        return new RowOwner(ids);
    }

    /** Stable across runs, so a re-run writes the same profiles. */
    private static String uuid(String id) {
        return UUID.nameUUIDFromBytes(("network-tool:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static FileChange created(NetworkConfig config, String id, String text) {
        return FileChange.written(config, DIR + "network-tool-" + id + ".nmconnection", text, "0600");
    }

    private static void addIfPresent(List<String> list, String v) {
        if (v != null) {
            list.add(v);
        }
    }

    private static String value(Map<String, Map<String, String>> ini, String section, String key) {
        Map<String, String> s = ini.get(section);
        return s == null ? null : s.get(key);
    }

    /** Keyfile sections in order; comments and blank lines dropped (they stay in the removed file's backup). */
    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> ini = new LinkedHashMap<>();
        Map<String, String> cur = null;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                cur = ini.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
            } else if (cur != null && line.contains("=")) {
                int eq = line.indexOf('=');
                cur.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return ini;
    }
}
