package org.networktool.planners.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.networktool.layout.config.ConfigFile;
import org.networktool.layout.config.NetworkConfig;

/**
 * RHEL/CentOS/openEuler network-scripts with Open vSwitch's ifup-ovs: {@code ifcfg-BOND0} goes
 * (its addressing keys and its route files move to the internal port), the ports lose
 * {@code MASTER}/{@code SLAVE}, and {@code ifcfg-} files of types OVSBridge, OVSBond and
 * OVSIntPort describe the new layout.
 */
final class IfcfgWriter implements ConfigWriter {
    static final String DIR = "/etc/sysconfig/network-scripts/";
    private static final Pattern CARRIED = Pattern.compile("^(IPADDR|PREFIX|NETMASK|GATEWAY|DNS|DOMAIN|DEFROUTE|IPV6|IPV4|PEERDNS|PEERROUTES"
            + "|MTU|BOOTPROTO|METRIC|ZONE|ARPCHECK|ARPUPDATE)\\w*=.*");
    private static final Pattern ENSLAVE = Pattern.compile("^(MASTER|SLAVE|BONDING_\\w+)=.*");

    @Override
    public List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        List<FileChange> out = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        Optional<ConfigFile> source = ifcfg(config, spec.sourceIface());
        source.ifPresent(f -> {
            f.text().lines().map(String::strip).filter(l -> CARRIED.matcher(l).matches()).map(spec::renamed).forEach(carried::add);
            out.add(FileChange.removed(f));
        });
        List<String> ports = new ArrayList<>(spec.sourcePorts());
        spec.bond().members().stream().filter(m -> !ports.contains(m)).forEach(ports::add);
        for (String port : ports) {
            if (port.equals(spec.sourceIface())) {
                continue;
            }
            Optional<ConfigFile> own = ifcfg(config, port);
            if (own.isPresent()) {
                String edited = spec.sourcePorts().contains(port) ? unenslave(own.get().text(), spec) : own.get().text();
                edited = spec.bond().members().contains(port) ? memberMtu(edited, spec) : edited;
                if (!edited.equals(own.get().text())) {
                    out.add(FileChange.edited(own.get(), edited));
                }
            } else if (spec.bond().members().contains(port)) {
                // ifup-ovs brings each of BOND_IFACES up with ifup, which needs the member's own file.
                out.add(created(config, DIR + "ifcfg-" + port, "# Written by network-tool: a member of Open vSwitch bond " + spec.bond().name()
                        + " (storage network, was " + spec.sourceIface() + ").\nDEVICE=" + port + "\nONBOOT=yes\nBOOTPROTO=none\n"
                        + (spec.mtu() == null ? "" : "MTU=" + spec.mtu() + "\n") + "HOTPLUG=no\nNM_CONTROLLED=no\n"));
            }
        }
        for (String kind : List.of("route-", "route6-")) {
            config.file(DIR + kind + spec.sourceIface()).ifPresent(f -> {
                out.add(FileChange.removed(f));
                out.add(created(config, DIR + kind + spec.internalPort(), f.text().lines().map(spec::renamed)
                        .collect(java.util.stream.Collectors.joining("\n", "", f.text().endsWith("\n") ? "\n" : ""))));
            });
        }
        String head = "# Written by network-tool: the storage network on Open vSwitch (was " + spec.sourceIface()
                + "). `network-tool rollback` restores the files it changed.\n";
        StringBuilder br = new StringBuilder(head).append("DEVICE=").append(spec.bridge()).append('\n')
                .append("ONBOOT=yes\nDEVICETYPE=ovs\nTYPE=OVSBridge\nBOOTPROTO=none\nHOTPLUG=no\n");
        if (spec.netdev()) {
            br.append("OVS_EXTRA=\"set bridge ").append(spec.bridge()).append(" datapath_type=netdev\"\n");
        }
        out.add(created(config, DIR + "ifcfg-" + spec.bridge(), br.toString()));
        StringBuilder bond = new StringBuilder(head).append("DEVICE=").append(spec.bond().name()).append('\n')
                .append("ONBOOT=yes\nDEVICETYPE=ovs\nTYPE=OVSBond\nOVS_BRIDGE=").append(spec.bridge()).append('\n')
                .append("BOOTPROTO=none\nBOND_IFACES=\"").append(String.join(" ", spec.bond().members())).append("\"\n")
                .append("OVS_OPTIONS=\"").append(String.join(" ", spec.bondOptions())).append("\"\n");
        if (!spec.memberSettings().isEmpty()) {
            // Whether this ifup-ovs re-creates the bond (older: del-port, add-bond) or keeps it (--may-exist), the members'
            // MTU and LACP identity come with it in the same transaction.
            List<String> words = new ArrayList<>();
            spec.memberSettings().forEach((m, set) -> {
                words.addAll(words.isEmpty() ? List.of("set", "interface", m) : List.of("--", "set", "interface", m));
                words.addAll(set);
            });
            bond.append("OVS_EXTRA=\"").append(vsctlWords(words)).append("\"\n");
        }
        bond.append("HOTPLUG=no\n");
        out.add(created(config, DIR + "ifcfg-" + spec.bond().name(), bond.toString()));
        StringBuilder port = new StringBuilder(head).append("DEVICE=").append(spec.internalPort()).append('\n')
                .append("ONBOOT=yes\nDEVICETYPE=ovs\nTYPE=OVSIntPort\nOVS_BRIDGE=").append(spec.bridge()).append('\n');
        List<String> portSettings = new ArrayList<>();
        if (spec.mtu() != null) {
            portSettings.add("mtu_request=" + spec.mtu());
        }
        if (spec.portMac() != null) {
            portSettings.add("mac=\"" + spec.portMac() + "\"");
        }
        if (!portSettings.isEmpty()) {
            // An older ifup-ovs re-creates the port at boot: what the migration set on it comes back with it.
            List<String> set = new ArrayList<>(List.of("set", "interface", spec.internalPort()));
            set.addAll(portSettings);
            port.append("OVS_EXTRA=\"").append(vsctlWords(set)).append("\"\n");
        }
        if (carried.stream().noneMatch(l -> l.startsWith("BOOTPROTO="))) {
            port.append(spec.addresses().isEmpty() ? "BOOTPROTO=none\n" : "BOOTPROTO=static\n");
        }
        if (carried.stream().noneMatch(l -> l.startsWith("IPADDR") || l.startsWith("IPV6ADDR"))) {
            int n = 0;
            for (String a : spec.addresses()) {
                if (!a.contains(":")) {
                    String[] p = a.split("/");
                    port.append("IPADDR").append(n == 0 ? "" : String.valueOf(n)).append('=').append(p[0]).append('\n')
                            .append("PREFIX").append(n == 0 ? "" : String.valueOf(n)).append('=').append(p[1]).append('\n');
                    n++;
                }
            }
        }
        if (spec.mtu() != null && carried.stream().noneMatch(l -> l.startsWith("MTU="))) {
            port.append("MTU=").append(spec.mtu()).append('\n');
        }
        carried.forEach(l -> port.append(l).append('\n'));
        port.append("HOTPLUG=no\n");
        out.add(created(config, DIR + "ifcfg-" + spec.internalPort(), port.toString()));
        return out;
    }

    private static FileChange created(NetworkConfig config, String path, String text) {
        return FileChange.written(config, path, text, config.file(path).map(ConfigFile::mode).orElse("0644"));
    }

    private static Optional<ConfigFile> ifcfg(NetworkConfig config, String iface) {
        Optional<ConfigFile> byName = config.file(DIR + "ifcfg-" + iface);
        if (byName.isPresent()) {
            return byName;
        }
        Pattern device = Pattern.compile("(?m)^\\s*DEVICE=[\"']?" + Pattern.quote(iface) + "[\"']?\\s*$");
        return config.files().stream().filter(f -> f.name().startsWith("ifcfg-") && device.matcher(f.text()).find()).findFirst();
    }

    /** ovs-vsctl words inside a double-quoted shell value, which ifup-ovs splits on blanks: a quote in a word escaped. */
    private static String vsctlWords(List<String> words) {
        return String.join(" ", words).replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    /** A member's file with the storage MTU: ifup-eth sets it when ifup-ovs brings the member up. */
    private static String memberMtu(String text, PersistSpec spec) {
        if (spec.mtu() == null) {
            return text;
        }
        Pattern mtu = Pattern.compile("(?m)^\\s*MTU=.*$");
        String line = "MTU=" + spec.mtu();
        if (mtu.matcher(text).find()) {
            return mtu.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(line));
        }
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
    }

    /** The port's file without the keys that enslave it to the old bond. */
    private static String unenslave(String text, PersistSpec spec) {
        StringBuilder b = new StringBuilder();
        boolean changed = false;
        for (String line : text.split("\n", -1)) {
            if (ENSLAVE.matcher(line.strip()).matches()) {
                if (!changed) {
                    b.append("# network-tool: no longer a port of ").append(spec.sourceIface()).append(" (now in Open vSwitch bond ")
                            .append(spec.bond().name()).append(" or free)\n");
                    changed = true;
                }
                b.append("# ").append(line).append('\n');
            } else {
                b.append(line).append('\n');
            }
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
