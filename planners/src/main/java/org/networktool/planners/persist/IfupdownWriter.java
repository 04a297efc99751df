package org.networktool.planners.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.networktool.layout.config.ConfigFile;
import org.networktool.layout.config.NetworkConfig;

/**
 * Debian/Ubuntu ifupdown. The stanzas of the old interface, its ports and the new members are kept,
 * commented out; their names leave the {@code auto}/{@code allow-*} lines. The bridge and internal port
 * are written as openvswitch-switch's ifupdown stanzas ({@code ovs_type OVSBridge/OVSIntPort}, whose
 * hook adds them with {@code --may-exist}), into {@code interfaces.d} when {@code interfaces} sources it.
 * The bond is left to the Open vSwitch database, which keeps it (with its members' MTU and LACP
 * identity) across a reboot: the hook's {@code OVSBond} runs {@code add-bond} without {@code --may-exist},
 * which fails on the bond that is there, and everything in that command with it. The members are plain
 * {@code inet manual} stanzas the bridge brings up, with the storage MTU. The internal port takes the old
 * interface's addressing lines as they were (address, gateway, routes, DNS), not the bond's.
 */
final class IfupdownWriter implements ConfigWriter {
    static final String INTERFACES = "/etc/network/interfaces";
    static final String OWN_FILE = "/etc/network/interfaces.d/network-tool-storage";
    private static final Set<String> HEADERS = Set.of("iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down",
            "no-scripts");
    private static final Pattern SOURCES_D = Pattern.compile("(?m)^\\s*(source\\s+(/etc/network/)?interfaces\\.d/\\*|source-directory\\s+(/etc/network/)?interfaces\\.d/?)\\s*$");
    private static final Pattern BOND_OPTION = Pattern.compile("^(bond[-_]|slaves\\b|bridge[-_]|hwaddress\\b|pre-up\\s+ifenslave|post-down\\s+ifenslave).*");

    /** One {@code iface} stanza of the old interface: family, method and option lines. */
    private record Carried(String family, String method, List<String> options) {
    }

    @Override
    public List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        List<FileChange> out = new ArrayList<>();
        List<Carried> carried = new ArrayList<>();
        for (ConfigFile f : config.files()) {
            String edited = retire(f.text(), spec, carried);
            if (!edited.equals(f.text())) {
                out.add(FileChange.edited(f, edited));
            }
        }
        String stanzas = stanzas(spec, carried);
        boolean ownFile = config.file(INTERFACES).map(f -> SOURCES_D.matcher(f.text()).find()).orElse(false);
        if (ownFile) {
            out.add(FileChange.written(config, OWN_FILE, stanzas, "0644"));
        } else {
            int i = indexOf(out, INTERFACES);
            ConfigFile base = config.file(INTERFACES).orElse(null);
            String before = base == null ? null : base.text();
            String current = i >= 0 ? out.get(i).after() : before == null ? "" : before;
            String after = current + (current.isEmpty() || current.endsWith("\n\n") ? "" : current.endsWith("\n") ? "\n" : "\n\n") + stanzas;
            FileChange c = new FileChange(INTERFACES, before, base == null ? null : base.mode(), after, base == null ? "0644" : base.mode());
            if (i >= 0) {
                out.set(i, c);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static int indexOf(List<FileChange> list, String path) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    /** The file with the retired interfaces' stanzas commented out and their names off the auto lines. */
    private static String retire(String text, PersistSpec spec, List<Carried> carried) {
        List<String> retired = new ArrayList<>(spec.retired());
        spec.bond().members().stream().filter(m -> !retired.contains(m)).forEach(retired::add);
        StringBuilder b = new StringBuilder();
        boolean inRetired = false;
        boolean marked = false;
        List<String> options = null;
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            String[] w = t.split("\\s+");
            boolean header = !t.isEmpty() && !t.startsWith("#") && (HEADERS.contains(w[0]) || w[0].startsWith("allow-"));
            String replacement = null;
            if (header) {
                inRetired = false;
                options = null;
                if (w[0].equals("iface") && w.length >= 2 && retired.contains(w[1])) {
                    inRetired = true;
                    if (w[1].equals(spec.sourceIface())) {
                        options = new ArrayList<>();
                        carried.add(new Carried(w.length > 2 ? w[2] : "inet", w.length > 3 ? w[3] : "manual", options));
                    }
                    replacement = "# " + line;
                } else if ((w[0].equals("auto") || w[0].startsWith("allow-")) && anyOf(w, retired)) {
                    List<String> kept = new ArrayList<>();
                    for (int i = 1; i < w.length; i++) {
                        if (!retired.contains(w[i])) {
                            kept.add(w[i]);
                        }
                    }
                    replacement = "# " + line + (kept.isEmpty() ? "" : "\n" + w[0] + " " + String.join(" ", kept));
                }
            } else if (inRetired && !t.isEmpty() && !t.startsWith("#")) {
                if (options != null && !BOND_OPTION.matcher(t).matches()) {
                    options.add(spec.renamed(t));
                }
                replacement = "# " + line;
            }
            if (replacement != null && !marked) {
                b.append("# network-tool: ").append(spec.sourceIface()).append(" moved to Open vSwitch ").append(spec.bridge()).append('/')
                        .append(spec.bond().name()).append(" (").append(OWN_FILE.substring(OWN_FILE.lastIndexOf('/') + 1))
                        .append("); old lines kept below, commented out.\n");
                marked = true;
            }
            b.append(replacement == null ? line : replacement).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static boolean anyOf(String[] words, List<String> names) {
        for (int i = 1; i < words.length; i++) {
            if (names.contains(words[i])) {
                return true;
            }
        }
        return false;
    }

    private static String stanzas(PersistSpec s, List<Carried> carried) {
        String br = s.bridge();
        String bond = s.bond().name();
        String ip = s.internalPort();
        StringBuilder b = new StringBuilder();
        b.append("# The storage network on Open vSwitch, written by network-tool (was ").append(s.sourceIface())
                .append("). `network-tool rollback` restores the files it changed.\n");
        b.append("auto ").append(br).append('\n');
        b.append("allow-ovs ").append(br).append('\n');
        b.append("iface ").append(br).append(" inet manual\n");
        b.append("    ovs_type OVSBridge\n");
        b.append("    ovs_ports ").append(String.join(" ", s.bond().members())).append(' ').append(ip).append('\n');
        if (s.netdev()) {
            b.append("    ovs_extra set bridge ${IFACE} datapath_type=netdev\n");
        }
        b.append('\n');
        b.append("# ").append(bond).append(" (").append(String.join(", ", s.bond().members())).append(") is kept by the Open vSwitch database,")
                .append(" with its members' MTU and LACP settings;\n# an OVSBond stanza would fail at boot (add-bond of a bond that exists).\n");
        for (String m : s.bond().members()) {
            b.append("allow-").append(br).append(' ').append(m).append('\n');
            b.append("iface ").append(m).append(" inet manual\n");
            if (s.mtu() != null) {
                b.append("    mtu ").append(s.mtu()).append('\n');
            }
            b.append('\n');
        }
        b.append("allow-").append(br).append(' ').append(ip).append('\n');
        List<Carried> ifaces = carried.isEmpty() ? List.of(new Carried("inet", "manual", List.of())) : carried;
        for (int i = 0; i < ifaces.size(); i++) {
            Carried c = ifaces.get(i);
            if (i > 0) {
                b.append('\n');
            }
            b.append("iface ").append(ip).append(' ').append(c.family()).append(' ').append(c.method()).append('\n');
            if (i == 0) {
                b.append("    ovs_bridge ").append(br).append('\n');
                b.append("    ovs_type OVSIntPort\n");
                if (s.mtu() != null && c.options().stream().noneMatch(o -> o.startsWith("mtu "))) {
                    b.append("    mtu ").append(s.mtu()).append('\n');
                }
            }
            for (String o : c.options()) {
                b.append("    ").append(o).append('\n');
            }
        }
        return b.toString();
    }
}
