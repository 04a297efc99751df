package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.config.BootAddressing;
import org.networktool.layout.config.ConfigBackend;
import org.networktool.layout.config.ConfigReader;
import org.networktool.layout.config.NetworkConfig;
import org.networktool.planners.BondSpec;
import org.networktool.planners.persist.FileChange;
import org.networktool.planners.persist.PersistSpec;
import org.networktool.planners.persist.Persistence;

/**
 * Bond configurations written by other projects (../shared/realworld-configs: netplan's examples, ifenslave's and
 * initscripts' examples, Debian's default interfaces), read by the reader, rewritten by the writers, and the result
 * read by the real program that reads it at boot. Read from ../shared in place; none is copied into the project.
 */
class RealWorldConfigsIT {
    private static final Path CONFIGS = Path.of("..", "..", "shared", "realworld-configs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeAll
    static void present() {
        assertTrue(Files.isDirectory(CONFIGS), "../shared/realworld-configs is absent (" + CONFIGS + "): these tests read real-world configurations from there");
    }

    /** A host root holding {@code files} (its path on the host → its text). */
    private Path host(Map<String, String> files) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("host"));
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey().substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        return root;
    }

    private static String config(String relative) throws Exception {
        return Files.readString(CONFIGS.resolve(relative));
    }

    /** The migration of {@code bond} (ports {@code ports}) to an OVS bond over {@code members}, as the planner would describe it. */
    private static PersistSpec spec(String bond, List<String> ports, List<String> members, String mode, List<String> addresses, Integer mtu) {
        Map<String, List<String>> memberSettings = new java.util.LinkedHashMap<>();
        if (mtu != null) {
            members.forEach(m -> memberSettings.put(m, List.of("mtu_request=" + mtu)));
        }
        return new PersistSpec(bond, ports, "br-storage", new BondSpec("bond-storage", mode, members, null, "carrier", null, 0, 0),
                List.of("bond_mode=" + mode, "other_config:bond-detect-mode=carrier"), memberSettings, "storage", addresses, mtu, "system", null, null, List.of());
    }

    @Test
    void netplanBondingExampleWithDhcpBootsStorageOnDhcp() throws Exception {
        Path root = host(Map.of("/etc/netplan/bonding.yaml", config("netplan_examples/bonding.yaml")));
        NetworkConfig c = new ConfigReader(root).read("bond0");
        assertEquals(Optional.of(ConfigBackend.NETPLAN), c.backend(), c.problem());
        assertTrue(BootAddressing.dhcpFile(c, "bond0").isPresent(), "dhcp4: yes");
        try (MigratedHost m = MigratedHost.files(tmp.resolve("out"), root, Persistence.changes(c, spec("bond0", List.of("enp3s0", "enp4s0"),
                List.of("enp3s0", "enp9s0"), "active-backup", List.of(), null)))) {
            Map<String, String> networkd = BootFilesIT.netplanGenerate(m.root);
            assertFalse(String.join("\n", networkd.values()).contains("bond0"), "bond0 at boot:\n" + networkd);
            assertTrue(BootFilesIT.unit(networkd, "storage").contains("DHCP=ipv4"), BootFilesIT.unit(networkd, "storage"));
            BootFilesIT.unit(networkd, "enp3s0");
            BootFilesIT.unit(networkd, "enp9s0");
            assertTrue(BootFilesIT.unit(networkd, "enp4s0").lines().noneMatch(l -> l.startsWith("Bond=")), "the freed port is in no bond");
        }
    }

    @Test
    void netplanRouterExampleMovesOneBondAndLeavesTheOthers() throws Exception {
        Path root = host(Map.of("/etc/netplan/bonding_router.yaml", config("netplan_examples/bonding_router.yaml")));
        NetworkConfig c = new ConfigReader(root).read("bond-lan");
        assertEquals(Optional.of(ConfigBackend.NETPLAN), c.backend(), c.problem());
        try (MigratedHost m = MigratedHost.files(tmp.resolve("out"), root, Persistence.changes(c, spec("bond-lan", List.of("enp2s0", "enp3s0"),
                List.of("enp2s0", "enp7s0"), "balance-tcp", List.of("192.168.93.2/24"), 9000)))) {
            Map<String, String> networkd = BootFilesIT.netplanGenerate(m.root);
            assertFalse(networkd.containsKey("10-netplan-bond-lan.netdev"), networkd.keySet().toString());
            assertTrue(networkd.containsKey("10-netplan-bond-wan.netdev") && networkd.containsKey("10-netplan-bond-conntrack.netdev"),
                    "the other bonds stay: " + networkd.keySet());
            String storage = BootFilesIT.unit(networkd, "storage");
            assertTrue(storage.contains("Address=192.168.93.2/24") && storage.contains("MTUBytes=9000"), storage);
            for (String member : List.of("enp2s0", "enp7s0")) {
                String unit = BootFilesIT.unit(networkd, member);
                assertTrue(unit.contains("MTUBytes=9000") && !unit.contains("Bond="), member + ":\n" + unit);
            }
            assertTrue(BootFilesIT.unit(networkd, "enp4s0").contains("Bond=bond-wan"), "bond-wan keeps its members");
        }
    }

    /**
     * ifenslave's example is documentation around a configuration: the lines between its two scissors lines are the file
     * (that is the adjustment). The result is read by the real ifquery, and the bridge brought up by ifup --no-act.
     */
    @Test
    void ifenslaveHotplugExampleReadsBackWithIfquery() throws Exception {
        String doc = config("ifenslave_examples/two_hotplug_ethernet");
        String[] parts = doc.split("(?m)^-----8<.*$\n?");
        String interfaces = parts[1];
        Path root = host(Map.of("/etc/network/interfaces", interfaces));
        NetworkConfig c = new ConfigReader(root).read("bond0");
        assertEquals(Optional.of(ConfigBackend.IFUPDOWN), c.backend(), c.problem());
        assertTrue(BootAddressing.dhcpFile(c, "bond0").isPresent(), "inet dhcp");
        try (MigratedHost m = MigratedHost.files(tmp.resolve("out"), root, Persistence.changes(c, spec("bond0", List.of("eth0", "eth1"), List.of("eth0", "eth2"),
                "active-backup", List.of(), null)))) {
            Path file = m.root.resolve("etc/network/interfaces");
            String auto = MigratedHost.run(List.of("ifquery", "-i", file.toString(), "--list", "-a"));
            assertEquals(List.of("br-storage"), auto.lines().filter(l -> !l.isBlank() && !l.equals("lo")).toList(), "what boots: " + auto + "\n" + Files.readString(file));
            String ports = MigratedHost.run(List.of("ifquery", "-i", file.toString(), "--list", "--allow=br-storage"));
            assertEquals(List.of("eth0", "eth2", "storage"), ports.lines().filter(l -> !l.isBlank()).sorted().toList());
            String storage = MigratedHost.run(List.of("ifquery", "-i", file.toString(), "storage"));
            assertTrue(storage.contains("ovs_type: OVSIntPort"), storage);
            String hotplug = MigratedHost.run(List.of("ifquery", "-i", file.toString(), "--list", "--allow=hotplug"));
            assertTrue(hotplug.isBlank(), "eth0/eth1 no longer hotplugged into bond0: " + hotplug);
            String noAct = MigratedHost.run(List.of("ifup", "--no-act", "-i", file.toString(), "storage"));
            assertTrue(noAct.contains("dhclient") || noAct.contains("udhcpc") || noAct.contains("DHCP client"), "storage asks DHCP at boot:\n" + noAct);
        }
    }

    @Test
    void debiansDefaultInterfacesDefinesNoBond() throws Exception {
        Path root = host(Map.of("/etc/network/interfaces", config("debian_ifupdown/interfaces")));
        Files.createDirectories(root.resolve("etc/network/interfaces.d"));
        NetworkConfig c = new ConfigReader(root).read("bond0");
        assertTrue(c.backend().isEmpty());
        assertTrue(c.problem().startsWith("no network configuration on this host defines bond0"), c.problem());
    }

    /**
     * initscripts' examples: bond0 with a static address and a port whose file is named for its role, not its device
     * (ifcfg-bond-slave, DEVICE=eth0). On a first boot with an empty Open vSwitch database, ifup-ovs's commands build the
     * bridge, the bond over both members and the internal port from the written files alone.
     */
    @Test
    void initscriptsExamplesBootFromAnEmptyDatabase() throws Exception {
        String dir = "/etc/sysconfig/network-scripts/";
        Path root = host(Map.of(dir + "ifcfg-bond0", config("initscripts_examples/ifcfg-bond-activebackup-miimon"),
                dir + "ifcfg-bond-slave", config("initscripts_examples/ifcfg-bond-slave")));
        NetworkConfig c = new ConfigReader(root).read("bond0");
        assertEquals(Optional.of(ConfigBackend.IFCFG), c.backend(), c.problem());
        List<FileChange> files = Persistence.changes(c, spec("bond0", List.of("eth0"), List.of("eth0", "eth1"), "active-backup", List.of("192.168.1.4/24"), 9000));
        try (MigratedHost m = MigratedHost.files(tmp.resolve("out"), root, files)) {
            Path sock = m.emptyDatabase();
            Path out = tmp.resolve("boot");
            MigratedHost.run(List.of("bash", Path.of("..", "lab", "boot-ifcfg").toAbsolutePath().toString(), m.root.toString(), sock.toString(),
                    out.toString(), "current"));
            String ifup = Files.readString(out.resolve("ifup.log"));
            String saw = ifup + "\n" + Files.readString(out.resolve("vsctl.log"));
            assertFalse(Files.readString(out.resolve("vsctl.log")).lines().anyMatch(l -> l.startsWith("exit ") && !l.equals("exit 0")), saw);
            assertFalse(ifup.contains("not found"), saw);
            assertTrue(ifup.contains("eth0: up mtu=9000") && ifup.contains("eth1: up mtu=9000"), saw);
            assertTrue(ifup.contains("storage: up mtu=9000 address=192.168.1.4/"), saw);
            String storage = Files.readString(m.root.resolve("etc/sysconfig/network-scripts/ifcfg-storage"));
            assertTrue(storage.contains("NETMASK=255.255.255.0") && storage.contains("GATEWAY=192.168.1.1"), storage);
            assertEquals(List.of("bond-storage", "storage"), MigratedHost.vsctl(sock, List.of("list-ports", "br-storage")).lines().sorted().toList());
            assertEquals(List.of("eth0", "eth1", "storage"), MigratedHost.vsctl(sock, List.of("list-ifaces", "br-storage")).lines().sorted().toList());
            assertEquals("9000", MigratedHost.vsctl(sock, List.of("get", "interface", "eth1", "mtu_request")).strip());
        }
    }
}
