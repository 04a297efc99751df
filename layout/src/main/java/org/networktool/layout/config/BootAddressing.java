package org.networktool.layout.config;

import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * How the boot configuration addresses an interface: whether its address comes from DHCP. A DHCP client
 * identifies itself by the interface's MAC (dhclient's chaddr, NetworkManager's default client id), so an
 * interface that takes over a DHCP address must take over the MAC too, or the address may move at the next boot.
 */
public final class BootAddressing {
    private static final Pattern NM_SECTION = Pattern.compile("^\\s*\\[(.*)]\\s*$");

    private BootAddressing() {
    }

    /** The file that asks DHCP for {@code iface}'s address, if one does. */
    public static java.util.Optional<String> dhcpFile(NetworkConfig c, String iface) {
        if (c.backend().isEmpty()) {
            return java.util.Optional.empty();
        }
        ConfigBackend b = c.backend().get();
        return c.files().stream().filter(f -> ConfigReader.defines(b, f, iface) && dhcp(b, f.text(), iface)).map(ConfigFile::path).findFirst();
    }

    private static boolean dhcp(ConfigBackend b, String text, String iface) {
        String q = Pattern.quote(iface);
        return switch (b) {
            case IFUPDOWN -> Pattern.compile("(?m)^\\s*iface\\s+" + q + "\\s+inet6?\\s+dhcp\\b").matcher(text).find();
            case IFCFG -> Pattern.compile("(?m)^\\s*BOOTPROTO=[\"']?dhcp[\"']?\\s*$").matcher(text).find();
            case NETWORKMANAGER -> networkManagerAuto(text);
            case NETPLAN -> netplanDhcp(text, iface);
        };
    }

    /** NetworkManager: an [ipv4] method of auto, or no method at all (auto is its default). */
    private static boolean networkManagerAuto(String text) {
        String section = "";
        String method = null;
        for (String line : text.split("\n")) {
            var m = NM_SECTION.matcher(line);
            if (m.matches()) {
                section = m.group(1).strip();
            } else if (section.equals("ipv4") && line.strip().startsWith("method=")) {
                method = line.strip().substring("method=".length()).strip();
            }
        }
        return method == null || method.equals("auto");
    }

    private static boolean netplanDhcp(String text, String iface) {
        try {
            if (new Yaml().load(text) instanceof Map<?, ?> root && root.get("network") instanceof Map<?, ?> net) {
                for (Object kind : net.values()) {
                    if (kind instanceof Map<?, ?> defs && defs.get(iface) instanceof Map<?, ?> def) {
                        return yes(def.get("dhcp4")) || yes(def.get("dhcp6"));
                    }
                }
            }
        } catch (RuntimeException e) {
            // Not YAML: the reader found nothing in it either.
        }
        return false;
    }

    /** netplan reads YAML 1.1 booleans: true, yes, on. */
    private static boolean yes(Object v) {
        return Boolean.TRUE.equals(v) || v != null && java.util.Set.of("true", "yes", "on", "y").contains(String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
    }
}
