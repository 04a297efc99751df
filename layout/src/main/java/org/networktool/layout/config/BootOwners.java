package org.networktool.layout.config;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.networktool.layout.discovery.HostRoot;
import org.yaml.snakeyaml.Yaml;

/**
 * What else decides the storage interface's configuration at boot, beyond the backend's files: cloud-init
 * rendering them again, netplan handing them to NetworkManager, NetworkManager without its Open vSwitch
 * plugin. Each makes the files the tool would write not the ones the host boots with; the reader reports
 * it as the configuration's problem, in a line that says what to do.
 */
final class BootOwners {
    private static final Pattern CLOUD_INIT_NAME = Pattern.compile("50-cloud-init(\\.yaml|\\.yml|\\.cfg)?|cloud-init-.*\\.nmconnection");
    private static final List<String> CLOUD_INIT_MARKS = List.of("Created by cloud-init", "generated from information provided by the datasource");
    private static final List<String> PLUGIN_DIRS = List.of("usr/lib/x86_64-linux-gnu/NetworkManager", "usr/lib/aarch64-linux-gnu/NetworkManager",
            "usr/lib64/NetworkManager", "usr/lib/NetworkManager");
    static final String DISABLE_CLOUD_INIT = "/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg";

    private BootOwners() {
    }

    static Optional<String> problem(HostRoot root, ConfigBackend b, List<ConfigFile> files, List<String> defining, String iface) {
        Optional<ConfigFile> generated = files.stream().filter(f -> defining.contains(f.path())).filter(BootOwners::byCloudInit).findFirst();
        if (generated.isPresent() && !cloudInitNetworkDisabled(root)) {
            return Optional.of(generated.get().path() + " is written by cloud-init, which renders it again at boot and brings " + iface
                    + " back: disable cloud-init's network rendering (echo 'network: {config: disabled}' > " + DISABLE_CLOUD_INIT
                    + "), then plan again");
        }
        if (b == ConfigBackend.NETPLAN) {
            Optional<String> nm = files.stream().filter(f -> rendersWithNetworkManager(f.text(), iface)).map(ConfigFile::path).findFirst();
            if (nm.isPresent()) {
                return Optional.of(nm.get() + " has netplan hand the network to NetworkManager (renderer: NetworkManager); network-tool writes"
                        + " netplan for systemd-networkd only (NetworkManager cannot address an Open vSwitch internal port netplan declares as"
                        + " an ethernet): use renderer: networkd, or NetworkManager's own profiles");
            }
        }
        if (b == ConfigBackend.NETWORKMANAGER && !networkManagerOvsPlugin(root)) {
            return Optional.of("NetworkManager's Open vSwitch plugin (libnm-device-plugin-ovs.so) is not installed, so NetworkManager cannot"
                    + " bring up the ovs-bridge, ovs-port and ovs-interface profiles the migration writes: install it (NetworkManager-ovs on"
                    + " RHEL-family hosts) and restart NetworkManager, then plan again");
        }
        return Optional.empty();
    }

    static boolean byCloudInit(ConfigFile f) {
        if (CLOUD_INIT_NAME.matcher(f.name()).matches()) {
            return true;
        }
        String head = f.text().lines().limit(10).reduce("", (a, l) -> a + l + "\n");
        return CLOUD_INIT_MARKS.stream().anyMatch(head::contains);
    }

    /** cloud-init's documented switch: {@code network: {config: disabled}} in cloud.cfg or a cloud.cfg.d/*.cfg file. */
    private static boolean cloudInitNetworkDisabled(HostRoot root) {
        List<String> cfgs = new java.util.ArrayList<>(List.of("etc/cloud/cloud.cfg"));
        try {
            if (root.isDirectory("etc/cloud/cloud.cfg.d")) {
                root.list("etc/cloud/cloud.cfg.d").stream().filter(n -> n.endsWith(".cfg")).forEach(n -> cfgs.add("etc/cloud/cloud.cfg.d/" + n));
            }
        } catch (IOException e) {
            return false;
        }
        return cfgs.stream().map(root::readQuietly).flatMap(Optional::stream).anyMatch(BootOwners::disablesNetwork);
    }

    private static boolean disablesNetwork(String text) {
        try {
            return new Yaml().load(text) instanceof Map<?, ?> m && m.get("network") instanceof Map<?, ?> net
                    && "disabled".equals(String.valueOf(net.get("config")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A netplan file whose global, per-kind or per-definition renderer for {@code iface} is NetworkManager. */
    static boolean rendersWithNetworkManager(String text, String iface) {
        try {
            if (!(new Yaml().load(text) instanceof Map<?, ?> root) || !(root.get("network") instanceof Map<?, ?> net)) {
                return false;
            }
            if (isNm(net.get("renderer"))) {
                return true;
            }
            for (Object kind : net.values()) {
                if (kind instanceof Map<?, ?> defs && (isNm(defs.get("renderer"))
                        || defs.get(iface) instanceof Map<?, ?> def && isNm(def.get("renderer")))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isNm(Object renderer) {
        return renderer != null && String.valueOf(renderer).toLowerCase(Locale.ROOT).equals("networkmanager");
    }

    private static boolean networkManagerOvsPlugin(HostRoot root) {
        for (String dir : PLUGIN_DIRS) {
            try {
                if (root.isDirectory(dir)) {
                    for (String version : root.list(dir)) {
                        if (root.exists(dir + "/" + version + "/libnm-device-plugin-ovs.so")) {
                            return true;
                        }
                    }
                }
            } catch (IOException e) {
                // An unreadable folder holds no plugin the tool can vouch for.
            }
        }
        return false;
    }
}
