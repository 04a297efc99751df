package org.networktool.layout.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.networktool.layout.discovery.HostRoot;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the network configuration files under a root ({@code /} on a live host, a captured tree
 * otherwise) and finds the backend that defines the storage interface. Reads only.
 */
public final class ConfigReader {
    private final HostRoot root;

    public ConfigReader(Path root) {
        this.root = new HostRoot(root);
    }

    public NetworkConfig read(String iface) {
        Map<ConfigBackend, List<ConfigFile>> all = new EnumMap<>(ConfigBackend.class);
        try {
            all.put(ConfigBackend.IFUPDOWN, concat(files("etc/network", n -> n.equals("interfaces")), files("etc/network/interfaces.d", n -> true)));
            all.put(ConfigBackend.IFCFG, files("etc/sysconfig/network-scripts", n -> n.startsWith("ifcfg-") || n.startsWith("route-")
                    || n.startsWith("route6-")));
            all.put(ConfigBackend.NETWORKMANAGER, files("etc/NetworkManager/system-connections", n -> !n.startsWith(".")));
            all.put(ConfigBackend.NETPLAN, files("etc/netplan", n -> n.endsWith(".yaml") || n.endsWith(".yml")));
        } catch (UnreadableConfig e) {
            return NetworkConfig.unknown(e.getMessage());
        }
        Map<ConfigBackend, List<String>> defining = new EnumMap<>(ConfigBackend.class);
        for (var e : all.entrySet()) {
            List<String> d = e.getValue().stream().filter(f -> defines(e.getKey(), f, iface)).map(ConfigFile::path).toList();
            if (!d.isEmpty()) {
                defining.put(e.getKey(), d);
            }
        }
        if (defining.isEmpty()) {
            return NetworkConfig.unknown("no network configuration on this host defines " + iface + " (looked in "
                    + String.join("; ", Stream.of(ConfigBackend.values()).map(ConfigBackend::where).toList())
                    + "), so network-tool cannot make the migration survive a reboot");
        }
        if (defining.size() > 1) {
            return NetworkConfig.unknown(iface + " is defined by more than one configuration backend ("
                    + String.join(", ", defining.entrySet().stream().map(e -> e.getKey().label() + ": " + String.join(" ", e.getValue())).toList())
                    + "), so network-tool cannot tell which one the host boots with");
        }
        ConfigBackend b = defining.keySet().iterator().next();
        Optional<String> other = BootOwners.problem(root, b, all.get(b), defining.get(b), iface);
        if (other.isPresent()) {
            return NetworkConfig.unknown(other.get());
        }
        return new NetworkConfig(Optional.of(b), all.get(b), defining.get(b), null);
    }

    static boolean defines(ConfigBackend b, ConfigFile f, String iface) {
        String q = Pattern.quote(iface);
        return switch (b) {
            case IFUPDOWN -> Pattern.compile("(?m)^\\s*iface\\s+" + q + "\\s").matcher(f.text()).find();
            case IFCFG -> f.name().equals("ifcfg-" + iface) || Pattern.compile("(?m)^\\s*DEVICE=[\"']?" + q + "[\"']?\\s*$").matcher(f.text()).find();
            case NETWORKMANAGER -> Pattern.compile("(?m)^\\s*interface-name=" + q + "\\s*$").matcher(f.text()).find();
            case NETPLAN -> NetplanDoc.definedNames(f.text()).contains(iface);
        };
    }

    private static List<ConfigFile> concat(List<ConfigFile> a, List<ConfigFile> b) {
        List<ConfigFile> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<ConfigFile> files(String dir, java.util.function.Predicate<String> wanted) {
        List<ConfigFile> out = new ArrayList<>();
        try {
            for (String n : root.list(dir)) {
                String relative = dir + "/" + n;
                if (wanted.test(n) && !n.endsWith("~") && !n.endsWith(".bak") && !root.isDirectory(relative)) {
                    file(relative).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UnreadableConfig("cannot list /" + dir + ": " + e.getMessage());
        }
        return out;
    }

    private Optional<ConfigFile> file(String relative) {
        String hostPath = "/" + relative;
        try {
            HostRoot.HostFile f = root.file(relative);
            if (f instanceof HostRoot.HostFile.Refused r) {
                throw new UnreadableConfig(hostPath + ": " + r.reason());
            }
            if (!(f instanceof HostRoot.HostFile.Content c)) {
                return Optional.empty();
            }
            String text = c.text().orElseThrow(() -> new UnreadableConfig(
                    hostPath + " is not UTF-8 text, so network-tool cannot edit it and put it back byte for byte"));
            return Optional.of(new ConfigFile(hostPath, text, mode(c.path())));
        } catch (IOException e) {
            throw new UnreadableConfig("cannot read " + hostPath + ": " + e.getMessage());
        }
    }

    private static String mode(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            int m = 0;
            for (PosixFilePermission x : perms) {
                m |= 1 << (8 - x.ordinal());
            }
            return String.format("%04o", m);
        } catch (UnsupportedOperationException e) {
            return "0644";
        }
    }

    /** Thrown inside the reader only; becomes the config's problem. */
    private static final class UnreadableConfig extends RuntimeException {
        UnreadableConfig(String message) {
            super(message);
        }
    }

    /** The interface names a netplan document configures. */
    static final class NetplanDoc {
        private NetplanDoc() {
        }

        @SuppressWarnings("unchecked")
        static Set<String> definedNames(String text) {
            Set<String> names = new java.util.TreeSet<>();
            try {
                Object doc = new Yaml().load(text);
                if (doc instanceof Map<?, ?> m && m.get("network") instanceof Map<?, ?> net) {
                    for (String kind : List.of("ethernets", "bonds", "bridges", "vlans")) {
                        if (net.get(kind) instanceof Map<?, ?> defs) {
                            defs.keySet().forEach(k -> names.add(String.valueOf(k)));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // Not YAML netplan can read either: defines nothing the tool could edit.
            }
            return names;
        }
    }
}
