package org.networktool.planners.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.config.ConfigBackend;
import org.networktool.layout.config.ConfigReader;
import org.networktool.layout.config.NetworkConfig;
import org.networktool.planners.BondSpec;
import org.networktool.planners.LacpSpec;
import org.yaml.snakeyaml.Yaml;

/** Each backend's rewrite on the captured /etc trees of the samples: bond0 gone at boot, the OVS layout and storage IP there. */
class PersistenceTest {
    private static final List<String> MEMBERS = List.of("ens1f0", "ens2f0");

    private static NetworkConfig config(String sample) {
        return new ConfigReader(Path.of("..", "samples", sample).toAbsolutePath()).read("bond0");
    }

    private static PersistSpec spec(String mode, LacpSpec lacp) {
        return new PersistSpec("bond0", List.of("ens1f0", "ens1f1"), "br-storage", new BondSpec("bond-storage", mode, MEMBERS, lacp, "carrier",
                null, 0, 0), List.of("bond_mode=" + mode, "other_config:bond-detect-mode=carrier"),
                Map.of("ens1f0", List.of("mtu_request=9000"), "ens2f0", List.of("mtu_request=9000")), "storage", List.of("10.10.1.11/24"), 9000, "system", null, null, List.of());
    }

    private static PersistSpec withNeighbours(PersistSpec s) {
        return new PersistSpec(s.sourceIface(), s.sourcePorts(), s.bridge(), s.bond(), s.bondOptions(), s.memberSettings(), s.internalPort(), s.addresses(), s.mtu(),
                s.datapathType(), s.bridgeMac(), s.portMac(), List.of(new PersistSpec.StaticNeighbour("ens1f0", "fe80::e42:a1ff:fe00:2000", "0c:42:a1:00:20:00"),
                        new PersistSpec.StaticNeighbour("ens2f0", "fe80::e42:a1ff:fe00:2000", "0c:42:a1:00:20:00")));
    }

    /** The members' neighbour entries come back at boot and after a member comes up again, on backends that run a hook. */
    @Test
    void neighbourEntriesAreMadeAgainByTheBackendsHookWhereItHasOne() throws Exception {
        List<FileChange> ifupdown = Persistence.changes(config("ab-hwroce"), withNeighbours(spec("active-backup", null)));
        FileChange hook = change(ifupdown, "/etc/network/if-up.d/network-tool-neighbours").orElseThrow();
        assertEquals("0755", hook.mode());
        assertEquals("create", hook.change());
        assertTrue(hook.after().contains("  ens1f0|ens2f0|bond-storage|br-storage|storage) ;;"), hook.after());
        assertTrue(hook.after().contains("/sbin/ip -6 neigh replace fe80::e42:a1ff:fe00:2000 lladdr 0c:42:a1:00:20:00 dev ens2f0 nud permanent"), hook.after());
        // The script itself, run by sh as ifupdown would for a member and for an unrelated interface.
        java.nio.file.Path script = java.nio.file.Files.createTempFile("hook", ".sh");
        java.nio.file.Files.writeString(script, hook.after().replace("/sbin/ip ", "echo ip "));
        Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertEquals("", new String(p.getInputStream().readAllBytes()).strip(), "no IFACE: nothing to do");
        ProcessBuilder member = new ProcessBuilder("sh", script.toString());
        member.environment().put("IFACE", "ens2f0");
        Process m = member.redirectErrorStream(true).start();
        assertEquals(2, new String(m.getInputStream().readAllBytes()).strip().lines().count());
        ProcessBuilder nm = new ProcessBuilder("sh", script.toString(), "storage", "down");
        Process d = nm.redirectErrorStream(true).start();
        assertEquals("", new String(d.getInputStream().readAllBytes()).strip(), "NetworkManager's down action: nothing");
        java.nio.file.Files.delete(script);

        assertTrue(change(Persistence.changes(config("lacp-roce-lag"), withNeighbours(spec("balance-tcp", null))),
                "/etc/NetworkManager/dispatcher.d/90-network-tool-neighbours").isPresent() || !Persistence.keepsNeighbours(config("lacp-roce-lag").backend().get()));
        assertTrue(Persistence.changes(config("softroce"), withNeighbours(spec("active-backup", null))).stream()
                .noneMatch(c -> c.path().contains("neighbours")), "netplan runs no hook of the tool's: none written (the plan says so)");
        assertTrue(Persistence.changes(config("ab-hwroce"), spec("active-backup", null)).stream().noneMatch(c -> c.path().contains("neighbours")));
    }

    private static Optional<FileChange> change(List<FileChange> all, String path) {
        return all.stream().filter(c -> c.path().equals(path)).findFirst();
    }

    private static String after(List<FileChange> all, String path) {
        return change(all, path).orElseThrow(() -> new AssertionError("no change to " + path + " in " + all.stream().map(FileChange::path).toList()))
                .after();
    }

    /** Lines that are not comments. */
    private static List<String> live(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void ifupdownCommentsOutBond0AndWritesOvsStanzasIntoInterfacesD() {
        NetworkConfig c = config("ab-hwroce");
        assertEquals(Optional.of(ConfigBackend.IFUPDOWN), c.backend());
        assertEquals(List.of("/etc/network/interfaces.d/storage"), c.defining());
        List<FileChange> all = Persistence.changes(c, spec("active-backup", null));
        assertEquals(List.of("/etc/network/interfaces.d/storage", "/etc/network/interfaces.d/network-tool-storage"),
                all.stream().map(FileChange::path).toList(), "interfaces sources interfaces.d/*, so it is left alone");
        List<String> old = live(after(all, "/etc/network/interfaces.d/storage"));
        assertEquals(List.of(), old, "every line of bond0 and its ports is commented out");
        List<String> mine = live(after(all, "/etc/network/interfaces.d/network-tool-storage"));
        assertTrue(mine.containsAll(List.of("auto br-storage", "allow-ovs br-storage", "iface br-storage inet manual", "ovs_type OVSBridge",
                "ovs_ports ens1f0 ens2f0 storage", "allow-br-storage ens1f0", "iface ens1f0 inet manual", "allow-br-storage ens2f0",
                "iface ens2f0 inet manual", "iface storage inet static", "ovs_type OVSIntPort", "address 10.10.1.11/24", "mtu 9000",
                "post-up ip route add 10.10.0.0/16 via 10.10.1.1 dev storage")), String.join("\n", mine));
        assertTrue(mine.stream().noneMatch(l -> l.contains("bond0") || l.startsWith("bond-")), "nothing of bond0 carried over: " + mine);
        assertTrue(mine.stream().noneMatch(l -> l.contains("OVSBond") || l.contains("bond-storage")),
                "the bond is the database's: openvswitch-switch's add-bond fails at boot on a bond that exists: " + mine);
        assertEquals(3, mine.stream().filter(l -> l.equals("mtu 9000")).count(), "both members and storage boot at 9000: " + mine);
        assertEquals("create", change(all, "/etc/network/interfaces.d/network-tool-storage").get().change());
    }

    @Test
    void ifupdownWithoutInterfacesDAppendsToInterfacesAndTrimsAutoLines() {
        String text = "auto lo bond0 eno1\niface lo inet loopback\n\niface bond0 inet static\n    address 10.10.1.11/24\n    gateway 10.10.1.1\n"
                + "    bond-slaves ens1f0 ens1f1\n    bond-mode 802.3ad\n\niface eno1 inet dhcp\n";
        NetworkConfig c = new NetworkConfig(Optional.of(ConfigBackend.IFUPDOWN),
                List.of(new org.networktool.layout.config.ConfigFile("/etc/network/interfaces", text, "0644")), List.of("/etc/network/interfaces"), null);
        List<FileChange> all = Persistence.changes(c, spec("balance-tcp", new LacpSpec("active", "fast", true)));
        assertEquals(1, all.size());
        List<String> lines = live(all.get(0).after());
        assertTrue(lines.contains("auto lo eno1"), lines.toString());
        assertTrue(lines.contains("iface eno1 inet dhcp") && lines.contains("iface lo inet loopback"), "other interfaces untouched");
        assertFalse(lines.stream().anyMatch(l -> l.matches("iface bond0 .*")));
        assertTrue(lines.containsAll(List.of("iface storage inet static", "address 10.10.1.11/24", "gateway 10.10.1.1")), lines.toString());
        assertTrue(all.get(0).after().contains("\n# auto lo bond0 eno1\nauto lo eno1\n"), all.get(0).after());
    }

    @Test
    void ifcfgRemovesBond0FreesItsPortsAndWritesOvsTypes() {
        NetworkConfig c = config("lacp-roce-lag");
        assertEquals(Optional.of(ConfigBackend.IFCFG), c.backend());
        List<FileChange> all = Persistence.changes(c, spec("balance-tcp", new LacpSpec("active", "fast", true)));
        String dir = "/etc/sysconfig/network-scripts/";
        assertEquals("remove", change(all, dir + "ifcfg-bond0").get().change());
        assertNull(after(all, dir + "ifcfg-bond0"));
        for (String port : List.of("ens1f0", "ens1f1")) {
            assertTrue(live(after(all, dir + "ifcfg-" + port)).stream().noneMatch(l -> l.startsWith("MASTER=") || l.startsWith("SLAVE=")), port);
            assertTrue(live(after(all, dir + "ifcfg-" + port)).contains("ONBOOT=yes"));
        }
        assertTrue(live(after(all, dir + "ifcfg-br-storage")).containsAll(List.of("DEVICE=br-storage", "TYPE=OVSBridge", "DEVICETYPE=ovs")));
        assertTrue(live(after(all, dir + "ifcfg-bond-storage")).containsAll(List.of("TYPE=OVSBond", "OVS_BRIDGE=br-storage",
                "BOND_IFACES=\"ens1f0 ens2f0\"", "OVS_OPTIONS=\"bond_mode=balance-tcp other_config:bond-detect-mode=carrier\"")));
        List<String> port = live(after(all, dir + "ifcfg-storage"));
        assertTrue(port.containsAll(List.of("TYPE=OVSIntPort", "OVS_BRIDGE=br-storage", "IPADDR=10.10.1.11", "PREFIX=24", "MTU=9000",
                "BOOTPROTO=none")), port.toString());
        assertEquals("remove", change(all, dir + "route-bond0").get().change());
        assertEquals("10.10.0.0/16 via 10.10.1.1 dev storage\n", after(all, dir + "route-storage"));
        assertTrue(change(all, dir + "ifcfg-eno1").isEmpty(), "the management port is not touched");
    }

    @Test
    void networkManagerReplacesTheBondProfilesWithItsOvsModel() {
        NetworkConfig c = config("degraded");
        assertEquals(Optional.of(ConfigBackend.NETWORKMANAGER), c.backend());
        List<FileChange> all = Persistence.changes(c, spec("active-backup", null));
        String dir = "/etc/NetworkManager/system-connections/";
        for (String gone : List.of("bond0.nmconnection", "bond0-port-ens1f0.nmconnection", "bond0-port-ens1f1.nmconnection")) {
            assertEquals("remove", change(all, dir + gone).orElseThrow().change(), gone);
        }
        assertTrue(change(all, dir + "eno1.nmconnection").isEmpty());
        Map<String, Map<String, String>> br = NetworkManagerWriter.parse(after(all, dir + "network-tool-br-storage.nmconnection"));
        Map<String, Map<String, String>> bond = NetworkManagerWriter.parse(after(all, dir + "network-tool-bond-storage.nmconnection"));
        Map<String, Map<String, String>> member = NetworkManagerWriter.parse(after(all, dir + "network-tool-bond-storage-ens2f0.nmconnection"));
        Map<String, Map<String, String>> port = NetworkManagerWriter.parse(after(all, dir + "network-tool-storage-port.nmconnection"));
        Map<String, Map<String, String>> iface = NetworkManagerWriter.parse(after(all, dir + "network-tool-storage.nmconnection"));
        assertEquals("ovs-bridge", br.get("connection").get("type"));
        assertEquals("ovs-port", bond.get("connection").get("type"));
        assertEquals(br.get("connection").get("uuid"), bond.get("connection").get("master"));
        assertEquals("active-backup", bond.get("ovs-port").get("bond-mode"));
        assertEquals(bond.get("connection").get("uuid"), member.get("connection").get("master"));
        assertEquals("ovs-port", member.get("connection").get("slave-type"));
        assertEquals("9000", member.get("ethernet").get("mtu"));
        assertEquals(port.get("connection").get("uuid"), iface.get("connection").get("master"));
        assertEquals("internal", iface.get("ovs-interface").get("type"));
        assertEquals(Map.of("address1", "10.10.1.11/24", "method", "manual", "route1", "10.10.0.0/16,10.10.1.1"), iface.get("ipv4"),
                "bond0's [ipv4] as it was");
        assertTrue(all.stream().filter(f -> f.after() != null).allMatch(f -> f.mode().equals("0600")), "NetworkManager ignores profiles others can read");
        assertEquals(Persistence.changes(c, spec("active-backup", null)), all, "same profiles (same UUIDs) on a re-run");
        assertEquals(Map.of("data.bond-detect-mode", "carrier"), bond.get("ovs-other-config"), "the bond's other_config comes back with it");
        assertNull(bond.get("ovs-port").get("lacp"), "no LACP: no lacp key, as the migration leaves the column empty");
        RowOwner rows = Persistence.rowOwner(c, "br-storage", "bond-storage", MEMBERS, "storage");
        assertEquals(List.of("external_ids:NM.connection-uuid=" + br.get("connection").get("uuid")), rows.tag("bridge", "br-storage"));
        assertEquals(List.of("external_ids:NM.connection-uuid=" + member.get("connection").get("uuid")), rows.tag("interface", "ens2f0"));
        assertEquals(List.of("external_ids:NM.connection-uuid=" + port.get("connection").get("uuid")), rows.tag("port", "storage"));
        assertEquals(List.of(), Persistence.rowOwner(config("ab-hwroce"), "br-storage", "bond-storage", MEMBERS, "storage").tag("bridge", "br-storage"),
                "ifupdown leaves the rows to the database");
        PersistSpec withMacs = new PersistSpec("bond0", List.of("ens1f0", "ens1f1"), "br-storage", spec("active-backup", null).bond(),
                List.of(), Map.of("ens2f0", List.of("mtu_request=9000", "other_config:lacp-port-id=3")), "storage",
                List.of("10.10.1.11/24"), 9000, "system", "ba:59:9f:3b:01:00", "fa:59:9f:3b:01:00", List.of());
        List<FileChange> macs = Persistence.changes(c, withMacs);
        assertEquals("ba:59:9f:3b:01:00", NetworkManagerWriter.parse(after(macs, dir + "network-tool-br-storage.nmconnection")).get("ethernet")
                .get("cloned-mac-address"));
        assertEquals(Map.of("cloned-mac-address", "fa:59:9f:3b:01:00", "mtu", "9000"),
                NetworkManagerWriter.parse(after(macs, dir + "network-tool-storage.nmconnection")).get("ethernet"));
        assertEquals(Map.of("data.lacp-port-id", "3"), NetworkManagerWriter.parse(after(macs, dir + "network-tool-bond-storage-ens2f0.nmconnection"))
                .get("ovs-other-config"), "a member's own other_config, not its mtu_request");
    }

    @Test
    @SuppressWarnings("unchecked")
    void netplanDropsBond0AndGivesTheInternalPortItsAddressesAndRoutes() {
        NetworkConfig c = config("softroce");
        assertEquals(Optional.of(ConfigBackend.NETPLAN), c.backend());
        List<FileChange> all = Persistence.changes(c, spec("balance-tcp", new LacpSpec("active", "fast", true)));
        Map<String, Object> old = new Yaml().load(after(all, "/etc/netplan/01-netcfg.yaml"));
        Map<String, Object> net = (Map<String, Object>) old.get("network");
        assertNull(net.get("bonds"), "bond0 was the only bond");
        assertEquals(List.of("eno1", "ens1f0", "ens1f1"), List.copyOf(((Map<String, Object>) net.get("ethernets")).keySet()));
        Map<String, Object> mine = new Yaml().load(after(all, "/etc/netplan/60-network-tool-storage.yaml"));
        Map<String, Object> eth = (Map<String, Object>) ((Map<String, Object>) mine.get("network")).get("ethernets");
        assertEquals(List.of("ens2f0", "storage"), List.copyOf(eth.keySet()), "ens1f0 is already defined in 01-netcfg.yaml");
        Map<String, Object> storage = (Map<String, Object>) eth.get("storage");
        assertEquals(Map.of("name", "storage"), storage.get("match"));
        assertEquals(List.of("10.10.1.11/24"), storage.get("addresses"));
        assertEquals(9000, storage.get("mtu"));
        assertEquals(List.of(Map.of("to", "10.10.0.0/16", "via", "10.10.1.1")), storage.get("routes"));
        assertNull(storage.get("parameters"), "bond parameters are not carried");
        assertEquals("0600", change(all, "/etc/netplan/60-network-tool-storage.yaml").get().mode(), "netplan warns about readable files");
        // Two members new to netplan (ens2f0, ens2f1): each gets its own empty link-local list, not an anchor and an alias.
        PersistSpec s = spec("balance-tcp", new LacpSpec("active", "fast", true));
        PersistSpec twoNew = new PersistSpec(s.sourceIface(), s.sourcePorts(), s.bridge(), new BondSpec("bond-storage", "balance-tcp",
                List.of("ens2f0", "ens2f1"), new LacpSpec("active", "fast", true), "carrier", null, 0, 0), s.bondOptions(), s.memberSettings(), s.internalPort(),
                s.addresses(), s.mtu(), s.datapathType(), null, null, List.of());
        String written = after(Persistence.changes(c, twoNew), "/etc/netplan/60-network-tool-storage.yaml");
        assertFalse(written.matches("(?s).*[&*]id\\d+.*"), "no YAML anchors or aliases:\n" + written);
    }

    /** The MTU set on the bond only (netplan's own bonding example does so): the members defined there get it (issue 17). */
    @Test
    @SuppressWarnings("unchecked")
    void netplanMembersDefinedElsewhereGetTheStorageMtu(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("etc/netplan"));
        Files.writeString(root.resolve("etc/netplan/01-bond.yaml"), """
                network:
                  version: 2
                  ethernets:
                    ens1f0:
                      match: {macaddress: "0c:42:a1:00:00:10"}
                      set-name: ens1f0
                    ens1f1: {}
                    ens2f0:
                      mtu: 1500
                  bonds:
                    bond0:
                      interfaces: [ens1f0, ens1f1]
                      mtu: 9000
                      addresses: [10.10.1.11/24]
                """);
        NetworkConfig c = new ConfigReader(root).read("bond0");
        List<FileChange> all = Persistence.changes(c, spec("active-backup", null));
        Map<String, Object> net = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(after(all, "/etc/netplan/01-bond.yaml"))).get("network");
        Map<String, Object> eth = (Map<String, Object>) net.get("ethernets");
        assertEquals(9000, ((Map<String, Object>) eth.get("ens1f0")).get("mtu"), "a member keeps its match and set-name and gets the MTU");
        assertEquals("ens1f0", ((Map<String, Object>) eth.get("ens1f0")).get("set-name"));
        assertEquals(9000, ((Map<String, Object>) eth.get("ens2f0")).get("mtu"), "a free port at 1500 becomes a member at the storage MTU");
        assertNull(((Map<String, Object>) eth.get("ens1f1")).get("mtu"), "ens1f1 leaves the bond's members (the plan's are ens1f0, ens2f0)");
    }

    @Test
    void noBackendOrTwoBackendsIsAProblemNotAGuess(@TempDir Path root) throws Exception {
        NetworkConfig none = new ConfigReader(root).read("bond0");
        assertTrue(none.backend().isEmpty());
        assertTrue(none.problem().startsWith("no network configuration on this host defines bond0"), none.problem());
        Files.createDirectories(root.resolve("etc/network"));
        Files.writeString(root.resolve("etc/network/interfaces"), "iface bond0 inet manual\n");
        Files.createDirectories(root.resolve("etc/netplan"));
        Files.writeString(root.resolve("etc/netplan/50.yaml"), "network:\n  bonds:\n    bond0: {}\n");
        NetworkConfig two = new ConfigReader(root).read("bond0");
        assertTrue(two.backend().isEmpty());
        assertTrue(Pattern.compile("bond0 is defined by more than one configuration backend \\(ifupdown: /etc/network/interfaces, netplan: "
                + "/etc/netplan/50.yaml\\)").matcher(two.problem()).find(), two.problem());
        Files.delete(root.resolve("etc/netplan/50.yaml"));
        Files.write(root.resolve("etc/network/interfaces"), new byte[] {'i', 'f', 'a', 'c', 'e', ' ', 'b', 'o', 'n', 'd', '0', ' ', (byte) 0xff, '\n'});
        NetworkConfig binary = new ConfigReader(root).read("bond0");
        assertTrue(binary.problem().contains("/etc/network/interfaces is not UTF-8 text"), binary.problem());
    }

    @Test
    void theDiffIsAUnifiedDiff() {
        FileChange c = new FileChange("/etc/x", "a\nb\nc\n", "0644", "a\nB\nc\n", "0644");
        assertEquals("--- a/etc/x\n+++ b/etc/x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", c.diff());
        assertEquals("/etc/x", c.forward().file().path());
        assertEquals("a\nb\nc\n", c.undo().file().content());
        assertNull(new FileChange("/etc/y", null, null, "new\n", "0600").undo().file().content(), "undoing a new file removes it");
    }
}
