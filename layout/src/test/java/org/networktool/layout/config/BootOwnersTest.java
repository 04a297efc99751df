package org.networktool.layout.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What else owns the storage interface's boot configuration (issue 17, items 1, 5, 7) and whether it asks DHCP (item 6). */
class BootOwnersTest {
    @TempDir
    Path root;

    private void put(String relative, String text) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private NetworkConfig read() {
        return new ConfigReader(root).read("bond0");
    }

    /** As cloud-init's netplan renderer writes it (cloudinit/net/netplan.py's header). */
    private static final String CLOUD_NETPLAN = """
            # This file is generated from information provided by the datasource.  Changes
            # to it will not persist across an instance reboot.  To disable cloud-init's
            # network configuration capabilities, write a file
            # /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:
            # network: {config: disabled}
            network:
                version: 2
                ethernets:
                    ens1f0: {match: {macaddress: 'b8:59:9f:3b:01:00'}, set-name: ens1f0}
                    ens1f1: {match: {macaddress: 'b8:59:9f:3b:01:01'}, set-name: ens1f1}
                bonds:
                    bond0:
                        interfaces: [ens1f0, ens1f1]
                        addresses: [10.10.1.11/24]
                        parameters: {mode: active-backup}
            """;

    @Test
    void cloudInitsFilesAreRefusedUntilItsNetworkRenderingIsDisabled() throws Exception {
        put("etc/netplan/50-cloud-init.yaml", CLOUD_NETPLAN);
        NetworkConfig c = read();
        assertTrue(c.backend().isEmpty());
        assertTrue(c.problem().startsWith("/etc/netplan/50-cloud-init.yaml is written by cloud-init, which renders it again at boot and brings"
                + " bond0 back: disable cloud-init's network rendering (echo 'network: {config: disabled}' > "
                + "/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg)"), c.problem());
        put("etc/cloud/cloud.cfg.d/90-other.cfg", "datasource_list: [NoCloud]\n");
        assertTrue(read().backend().isEmpty(), "another cloud.cfg.d file does not disable it");
        put("etc/cloud/cloud.cfg.d/99-disable-network-config.cfg", "network: {config: disabled}\n");
        assertEquals(Optional.of(ConfigBackend.NETPLAN), read().backend());
    }

    @Test
    void cloudInitIsKnownByItsHeaderUnderAnyName() throws Exception {
        put("etc/network/interfaces", "source /etc/network/interfaces.d/*\n");
        put("etc/network/interfaces.d/storage", "# This file is generated from information provided by the datasource.  Changes\n"
                + "auto bond0\niface bond0 inet static\n    address 10.10.1.11/24\n    bond-slaves ens1f0 ens1f1\n");
        assertTrue(read().problem().startsWith("/etc/network/interfaces.d/storage is written by cloud-init"), read().problem());
        Files.delete(root.resolve("etc/network/interfaces.d/storage"));
        put("etc/sysconfig/network-scripts/ifcfg-bond0", "# Created by cloud-init automatically, do not edit.\n#\nBONDING_MASTER=yes\nDEVICE=bond0\n"
                + "BOOTPROTO=none\nIPADDR=10.10.1.11\nONBOOT=yes\nTYPE=Bond\n");
        assertTrue(read().problem().startsWith("/etc/sysconfig/network-scripts/ifcfg-bond0 is written by cloud-init"), read().problem());
    }

    @Test
    void netplanHandingTheNetworkToNetworkManagerIsRefused() throws Exception {
        String bond = "  bonds:\n    bond0:\n      interfaces: [ens1f0, ens1f1]\n      addresses: [10.10.1.11/24]\n";
        put("etc/netplan/01-network-manager-all.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n");
        put("etc/netplan/10-storage.yaml", "network:\n  version: 2\n" + bond);
        assertTrue(read().problem().startsWith("/etc/netplan/01-network-manager-all.yaml has netplan hand the network to NetworkManager"
                + " (renderer: NetworkManager)"), read().problem());
        Files.delete(root.resolve("etc/netplan/01-network-manager-all.yaml"));
        assertEquals(Optional.of(ConfigBackend.NETPLAN), read().backend(), "networkd, netplan's default");
        put("etc/netplan/10-storage.yaml", "network:\n  version: 2\n" + bond + "      renderer: NetworkManager\n");
        assertTrue(read().problem().startsWith("/etc/netplan/10-storage.yaml has netplan hand"), read().problem());
    }

    @Test
    void networkManagerWithoutItsOpenVswitchPluginIsRefused() throws Exception {
        put("etc/NetworkManager/system-connections/bond0.nmconnection", "[connection]\nid=bond0\ntype=bond\ninterface-name=bond0\n\n[ipv4]\n"
                + "method=manual\naddress1=10.10.1.11/24\n");
        assertTrue(read().problem().startsWith("NetworkManager's Open vSwitch plugin (libnm-device-plugin-ovs.so) is not installed"), read().problem());
        put("usr/lib64/NetworkManager/1.46.0-1.el9/libnm-device-plugin-ovs.so", "");
        assertEquals(Optional.of(ConfigBackend.NETWORKMANAGER), read().backend());
        assertEquals(Optional.empty(), BootAddressing.dhcpFile(read(), "bond0"), "method=manual");
    }

    @Test
    void dhcpIsFoundInEachBackendsOwnWords() throws Exception {
        put("etc/network/interfaces", "auto bond0\niface bond0 inet dhcp\n    bond-slaves eth0 eth1\n");
        assertEquals(Optional.of("/etc/network/interfaces"), BootAddressing.dhcpFile(read(), "bond0"));
        Files.delete(root.resolve("etc/network/interfaces"));
        put("etc/sysconfig/network-scripts/ifcfg-bond0", "DEVICE=bond0\nBOOTPROTO=\"dhcp\"\nTYPE=Bond\n");
        assertTrue(BootAddressing.dhcpFile(read(), "bond0").isPresent());
        Files.delete(root.resolve("etc/sysconfig/network-scripts/ifcfg-bond0"));
        put("etc/NetworkManager/system-connections/bond0.nmconnection", "[connection]\nid=bond0\ntype=bond\ninterface-name=bond0\n");
        put("usr/lib/x86_64-linux-gnu/NetworkManager/1.42.4/libnm-device-plugin-ovs.so", "");
        assertTrue(BootAddressing.dhcpFile(read(), "bond0").isPresent(), "no [ipv4] method: NetworkManager's default is auto");
        Files.delete(root.resolve("etc/NetworkManager/system-connections/bond0.nmconnection"));
        put("etc/netplan/01.yaml", "network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n      dhcp4: yes\n");
        assertTrue(BootAddressing.dhcpFile(read(), "bond0").isPresent(), "YAML 1.1's yes");
        put("etc/netplan/01.yaml", "network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n      addresses: [10.0.0.2/24]\n");
        assertEquals(Optional.empty(), BootAddressing.dhcpFile(read(), "bond0"));
    }
}
