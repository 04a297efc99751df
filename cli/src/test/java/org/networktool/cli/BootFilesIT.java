package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a migration writes, read by the programs that read them at boot (issue 17): each backend's own
 * program on a sample migrated on paper, and the Open vSwitch database the migration leaves in a real ovsdb-server.
 */
class BootFilesIT {
    private static final Path LAB = Path.of("..", "lab").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /**
     * ifupdown: the real ifup with the host's own hooks (openvswitch-switch's) brings the bridge up from the written
     * files in a throwaway namespace; every ovs-vsctl the hook runs succeeds against the migrated database, the
     * members come up at the storage MTU (in the kernel and in OVSDB), storage gets its address, bond0 is nowhere.
     */
    @Test
    void ifupdownBootsTheMigratedHostWithOpenvswitchSwitchsHook() throws Exception {
        try (MigratedHost m = MigratedHost.of("ab-hwroce", tmp)) {
            Path sock = m.migratedDatabase();
            var t = m.plan.target();
            List<String> members = t.bond().members();
            List<String> devices = new ArrayList<>(members);
            devices.add(t.internalPort());
            Path out = tmp.resolve("boot");
            List<String> argv = new ArrayList<>(List.of("bash", LAB.resolve("boot-ifupdown").toString(), m.root.toString(), sock.toString(),
                    out.toString(), t.bridge()));
            argv.addAll(devices);
            MigratedHost.run(argv);
            String saw = "ifup -v " + t.bridge() + ":\n" + Files.readString(out.resolve("ifup.log")) + "\novs-vsctl calls:\n"
                    + Files.readString(out.resolve("vsctl.log"));
            assertEquals("0", Files.readString(out.resolve("ifup.rc")).strip(), saw);
            assertFalse(Files.readString(out.resolve("vsctl.log")).lines().anyMatch(l -> l.startsWith("exit ") && !l.equals("exit 0")),
                    "an ovs-vsctl call of the hook failed at boot:\n" + saw);
            assertTrue(Files.readString(out.resolve("vsctl.log")).contains("add-port " + t.bridge() + " " + t.internalPort()), saw);
            String auto = Files.readString(out.resolve("ifquery-list"));
            assertTrue(auto.lines().noneMatch(l -> l.strip().equals("bond0")), "bond0 still brought up at boot:\n" + auto);
            Map<String, JsonNode> links = byName(out.resolve("links.json"));
            assertFalse(links.containsKey("bond0"), "the boot made bond0: " + links.keySet() + "\n" + saw);
            for (String d : devices) {
                JsonNode n = links.get(d);
                assertEquals(t.mtu().intValue(), n.path("mtu").asInt(), d + " MTU at boot\n" + saw);
                assertTrue(n.path("flags").toString().contains("\"UP\""), d + " not up at boot: " + n + "\n" + saw);
            }
            JsonNode storage = byName(out.resolve("addrs.json")).get(t.internalPort());
            assertTrue(storage.toString().contains("\"10.10.1.11\""), "storage's address at boot: " + storage + "\n" + saw);
            String ifaces = MigratedHost.vsctl(sock, List.of("--columns=name,mtu_request", "--format=csv", "--data=bare", "list", "Interface"));
            for (String member : members) {
                assertTrue(ifaces.lines().anyMatch(l -> l.equals(member + "," + t.mtu())), member + "'s mtu_request in OVSDB:\n" + ifaces);
            }
            String ports = MigratedHost.vsctl(sock, List.of("list-ports", t.bridge()));
            assertEquals(List.of(t.bond().name(), t.internalPort()), ports.lines().sorted().toList(), "the bridge's ports after the boot");
            assertFalse(MigratedHost.vsctl(sock, List.of("show")).contains("bond0"));
        }
    }

    /**
     * ifcfg: what the boot's ifup-ovs does with the written files (both the current --may-exist form and the older
     * del-port/add-bond one), against the migrated database: every member has the file ifup needs, at the storage MTU,
     * and the database after the boot equals the migrated one (members' MTU and LACP identity, the internal port's MAC).
     */
    @Test
    void ifcfgBootKeepsEveryMemberAndItsLacpIdentity() throws Exception {
        for (String variant : List.of("current", "older")) {
            try (MigratedHost m = MigratedHost.of("lacp-roce-lag", tmp.resolve(variant))) {
                Path sock = m.migratedDatabase();
                var t = m.plan.target();
                String migrated = ovsRows(sock);
                Path out = tmp.resolve(variant).resolve("boot");
                MigratedHost.run(List.of("bash", LAB.resolve("boot-ifcfg").toString(), m.root.toString(), sock.toString(), out.toString(), variant));
                String ifup = Files.readString(out.resolve("ifup.log"));
                String saw = variant + " ifup-ovs:\n" + ifup + "\novs-vsctl calls:\n" + Files.readString(out.resolve("vsctl.log"));
                assertFalse(Files.readString(out.resolve("vsctl.log")).lines().anyMatch(l -> l.startsWith("exit ") && !l.equals("exit 0")),
                        "an ovs-vsctl call failed at boot:\n" + saw);
                assertFalse(ifup.contains("not found"), saw);
                for (String member : t.bond().members()) {
                    assertTrue(ifup.lines().anyMatch(l -> l.equals(member + ": up mtu=" + t.mtu())), member + " at boot:\n" + saw);
                }
                assertTrue(ifup.contains(t.internalPort() + ": up mtu=" + t.mtu() + " address=10.10.1.11/24"), saw);
                assertTrue(migrated.contains("lacp-port-id"), "the handover's LACP identity in the migrated database:\n" + migrated);
                assertEquals(migrated, ovsRows(sock), "the boot changed what the migration left in OVSDB\n" + saw);
                assertFalse(MigratedHost.vsctl(sock, List.of("show")).contains("bond0"));
            }
        }
    }

    /**
     * netplan: the real `netplan generate` on the written files; systemd-networkd's files it makes have storage with its
     * address, route and MTU, every member brought up at the storage MTU and in no bond, and nothing of bond0.
     */
    @Test
    void netplanGenerateGivesNetworkdStorageAndEveryMemberAndNoBond0() throws Exception {
        try (MigratedHost m = MigratedHost.of("softroce", tmp)) {
            var t = m.plan.target();
            Map<String, String> networkd = netplanGenerate(m.root);
            String all = String.join("\n", networkd.values());
            assertFalse(all.contains("bond0"), "bond0 comes back at boot:\n" + networkd);
            assertFalse(networkd.keySet().stream().anyMatch(n -> n.endsWith(".netdev")), "a netdev made at boot: " + networkd.keySet());
            String storage = unit(networkd, t.internalPort());
            for (String line : List.of("Address=10.10.1.11/24", "MTUBytes=" + t.mtu(), "Destination=10.10.0.0/16", "Gateway=10.10.1.1")) {
                assertTrue(storage.lines().anyMatch(l -> l.equals(line)), t.internalPort() + " lacks " + line + ":\n" + storage);
            }
            for (String member : t.bond().members()) {
                String unit = unit(networkd, member);
                assertTrue(unit.lines().anyMatch(l -> l.equals("MTUBytes=" + t.mtu())), member + " boots without the storage MTU:\n" + unit);
                assertFalse(unit.contains("Bond=") || unit.contains("ActivationPolicy="), member + " is not brought up on its own:\n" + unit);
            }
        }
    }

    /** `netplan generate --root-dir` on {@code root}: systemd-networkd's files it wrote, by name. */
    static Map<String, String> netplanGenerate(Path root) throws Exception {
        MigratedHost.run(List.of("netplan", "generate", "--root-dir", root.toString()));
        Map<String, String> out = new TreeMap<>();
        Path dir = root.resolve("run/systemd/network");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return out;
    }

    /** The .network file netplan wrote for {@code iface} (its [Match] Name=). */
    static String unit(Map<String, String> networkd, String iface) {
        return networkd.entrySet().stream().filter(e -> e.getKey().endsWith(".network") && e.getValue().lines().anyMatch(l -> l.equals("Name=" + iface)))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no .network for " + iface + ": " + networkd.keySet()));
    }

    /**
     * NetworkManager: Debian's own NetworkManager loads the profiles without a warning, holding the migration's settings;
     * then its Open vSwitch plugin's boot (clean up the interfaces it owns, activate each profile) replayed against the
     * migrated database holds in every transaction and leaves the rows as the migration made them. Without the owner's
     * ids on the rows, the same replay is refused by Open vSwitch (a second bridge named br-storage), as the issue found.
     */
    @Test
    void networkManagerLoadsTheProfilesAndRebuildsTheRowsTheMigrationLeft() throws Exception {
        try (MigratedHost m = MigratedHost.of("degraded", tmp)) {
            var t = m.plan.target();
            Path loaded = tmp.resolve("nm");
            MigratedHost.run(List.of("bash", LAB.resolve("boot-nm-keyfiles").toString(), m.root.toString(), loaded.toString()));
            String log = Files.readString(loaded.resolve("nm.log"));
            assertFalse(log.lines().anyMatch(l -> l.contains("keyfile") && (l.contains("<warn>") || l.contains("<error>"))),
                    "NetworkManager warned about a profile:\n" + log);
            String connections = Files.readString(loaded.resolve("connections"));
            List<String> written = m.plan.files().stream().filter(f -> f.after() != null).map(f -> f.after().lines()
                    .filter(l -> l.startsWith("uuid=")).findFirst().orElseThrow().substring(5)).toList();
            for (String uuid : written) {
                assertTrue(connections.contains(":" + uuid + ":"), "profile " + uuid + " not loaded:\n" + connections + "\n" + log);
            }
            assertFalse(connections.contains("bond0"), connections);
            String bond = Files.readString(loaded.resolve("settings").resolve(uuidOf(m, "network-tool-" + t.bond().name() + ".nmconnection")));
            assertTrue(bond.contains("'ovs-other-config': {'data': <{") && bond.contains("'bond-detect-mode': 'miimon'"), bond);
            String storage = Files.readString(loaded.resolve("settings").resolve(uuidOf(m, "network-tool-" + t.internalPort() + ".nmconnection")));
            assertTrue(storage.contains("'mtu': <uint32 " + t.mtu() + ">") && storage.contains("'cloned-mac-address'"), storage);

            Path sock = m.migratedDatabase();
            List<String> columns = List.of("name,type,mac,other_config,external_ids", "name,bond_mode,lacp,other_config,external_ids");
            String migrated = ovsRows(sock, columns);
            String internalMtu = MigratedHost.vsctl(sock, List.of("get", "interface", t.internalPort(), "mtu_request")).strip();
            Path out = tmp.resolve("nm-boot");
            Process p = new ProcessBuilder("python3", LAB.resolve("boot-networkmanager.py").toString(), m.root.toString(), sock.toString(),
                    out.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
            String replay = said + Files.readString(out.resolve("nm-boot.log"));
            assertEquals(0, p.exitValue(), "a transaction of NetworkManager's boot failed:\n" + replay);
            assertTrue(replay.contains("cleanup: delete interface " + t.internalPort()), replay);
            assertEquals(migrated, ovsRows(sock, columns), "NetworkManager's boot left other rows than the migration:\n" + replay);
            assertEquals(internalMtu, MigratedHost.vsctl(sock, List.of("get", "interface", t.internalPort(), "mtu_request")).strip());
        }
        try (MigratedHost m = MigratedHost.of("degraded", tmp.resolve("untagged"))) {
            Path sock = m.migratedDatabase();
            for (String table : List.of("Bridge", "Port", "Interface")) {
                for (String name : MigratedHost.vsctl(sock, List.of("--columns=name", "--format=csv", "--data=bare", "--no-headings", "list", table)).lines().toList()) {
                    MigratedHost.vsctl(sock, List.of("remove", table, name, "external_ids", "NM.connection-uuid"));
                }
            }
            Path out = tmp.resolve("untagged").resolve("nm-boot");
            Process p = new ProcessBuilder("python3", LAB.resolve("boot-networkmanager.py").toString(), m.root.toString(), sock.toString(),
                    out.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
            String replay = Files.readString(out.resolve("nm-boot.log"));
            assertTrue(p.exitValue() > 0 && replay.contains("constraint violation"), "rows without NetworkManager's ids must clash:\n" + replay);
        }
    }

    private static String uuidOf(MigratedHost m, String file) {
        return m.plan.files().stream().filter(f -> f.path().endsWith("/" + file)).findFirst().orElseThrow().after().lines()
                .filter(l -> l.startsWith("uuid=")).findFirst().orElseThrow().substring(5);
    }

    /** The rows a boot must leave as the migration made them: each interface's MTU, settings and MAC, each port's members. */
    private static String ovsRows(Path sock) throws Exception {
        return ovsRows(sock, List.of("name,type,mtu_request,mac,other_config", "name,bond_mode,lacp,other_config"));
    }

    /** {@code columns}: the Interface columns, then the Port columns, compared. */
    private static String ovsRows(Path sock, List<String> columns) throws Exception {
        String ifaces = MigratedHost.vsctl(sock, List.of("--columns=" + columns.get(0), "--format=csv", "--data=bare", "list", "Interface"));
        String ports = MigratedHost.vsctl(sock, List.of("--columns=" + columns.get(1), "--format=csv", "--data=bare", "list", "Port"));
        StringBuilder b = new StringBuilder();
        ifaces.lines().sorted().forEach(l -> b.append("interface ").append(l).append('\n'));
        ports.lines().sorted().forEach(l -> b.append("port ").append(l).append('\n'));
        Map<String, String> names = new TreeMap<>();
        MigratedHost.vsctl(sock, List.of("--columns=_uuid,name", "--format=csv", "--data=bare", "--no-headings", "list", "Interface")).lines()
                .map(l -> l.split(",")).forEach(r -> names.put(r[0], r[1]));
        for (String row : MigratedHost.vsctl(sock, List.of("--columns=name,interfaces", "--format=csv", "--data=bare", "--no-headings", "list", "Port"))
                .lines().sorted().toList()) {
            String[] r = row.split(",", 2);
            b.append("port ").append(r[0]).append(" members ").append(java.util.Arrays.stream(r[1].split(" ")).map(u -> names.getOrDefault(u, u))
                    .sorted().toList()).append('\n');
        }
        return b.toString();
    }

    private static Map<String, JsonNode> byName(Path json) throws Exception {
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
            m.put(n.path("ifname").asText(), n);
        }
        return m;
    }
}
