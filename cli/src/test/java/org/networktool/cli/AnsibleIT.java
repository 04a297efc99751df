package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.LayoutDiff;

/**
 * samples/ansible against real tier-1 hosts: syntax check, ansible-lint, then a rollout over three
 * lab hosts through ansible_connection: local. The first is migrated and healthy; the second's
 * gate fails (the switch drops what it sends on the new member) and it ends restored; the rollout
 * stops there and the third is never touched.
 */
class AnsibleIT {
    private static final Path DIR = Path.of("..", "samples", "ansible").toAbsolutePath().normalize();
    private final List<Lab> labs = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void down() throws Exception {
        for (Lab l : labs) {
            l.close();
        }
    }

    private static Lab.Result sh(List<String> argv, long seconds) throws Exception {
        return Lab.exec(argv, Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", "/tmp/ansible-local",
                "ANSIBLE_ROLES_PATH", DIR.resolve("roles").toString()), seconds);
    }

    @Test
    void thePlaybookPassesSyntaxCheckAndLint() throws Exception {
        Lab.Result syntax = sh(List.of("ansible-playbook", "--syntax-check", "-i", "localhost,", DIR.resolve("migrate-storage.yml").toString()), 120);
        assertEquals(0, syntax.code(), syntax.out() + syntax.err());
        Lab.Result lint = Lab.exec(List.of("bash", "-c", "cd " + DIR + " && ansible-lint --offline migrate-storage.yml roles/network_tool_migrate"),
                Map.of("ANSIBLE_NOCOLOR", "1"), 300);
        assertEquals(0, lint.code(), "ansible-lint:\n" + lint.out() + lint.err());
    }

    @Test
    void rollsOutOneHostAtATimeAndStopsAtTheFirstFailure() throws Exception {
        for (String p : List.of("an", "af", "au")) {
            labs.add(Lab.up(p, "plain"));
        }
        Lab good = labs.get(0);
        Lab failing = labs.get(1);
        Lab untouched = labs.get(2);
        var beforeFailing = failing.inspect();
        var beforeUntouched = untouched.inspect();
        // After the cutover the peer's replies to the failing host leave the switch on sw-b0, which drops them.
        failing.in("sw", "nft", "add", "table", "netdev", "fault");
        failing.in("sw", "nft", "add", "chain", "netdev", "fault", "out", "{ type filter hook egress device sw-b0 priority 0 ; }");
        failing.in("sw", "nft", "add", "rule", "netdev", "fault", "out", "drop");

        Map<String, Object> hosts = new LinkedHashMap<>();
        for (Lab l : labs) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("network_tool_command", Lab.toolIn(l.env.get("LAB_HOST_NS"), l.env.get("LAB_HOST_OVS_RUNDIR")));
            h.put("network_tool_host_args", List.of("--nic-map", l.env.get("LAB_NIC_MAP"), "--config-root", l.configRoot().toString()));
            h.put("network_tool_upgrade_args", List.of("--peer", l.env.get("LAB_PEER_IP"), "--datapath", "netdev"));
            h.put("network_tool_state_dir", l.state());
            // The storage service's health signal, as the cluster would see it: the peer reaches the storage IP.
            h.put("network_tool_health_command", "ip netns exec " + l.env.get("LAB_PEER_NS") + " ping -c 1 -W 1 " + l.env.get("LAB_STORAGE_IP"));
            hosts.put(l.env.get("LAB"), h);
        }
        Map<String, Object> vars = Map.of("ansible_connection", "local", "ansible_python_interpreter", "/usr/bin/python3",
                "ansible_become", false, "network_tool_health_retries", 5, "network_tool_health_delay", 1);
        Map<String, Object> inventory = Map.of("all", Map.of("vars", vars, "children", Map.of("storage_hosts", Map.of("hosts", hosts))));
        Path inv = Files.writeString(tmp.resolve("inventory.yml"), new ObjectMapper().writeValueAsString(inventory));

        long t0 = System.nanoTime();
        Lab.Result play = sh(List.of("ansible-playbook", "-i", inv.toString(), DIR.resolve("migrate-storage.yml").toString()), 600);
        System.out.printf("ansible rollout over 3 tier-1 hosts: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String log = play.out() + play.err();
        assertNotEquals(0, play.code(), log);

        assertEquals("storage", good.inspect().storage().interfaceName(), "the first host is migrated:\n" + log);
        assertTrue(good.peerReachesStorage(3));
        assertTrue(log.contains("\"outcome\": \"APPLIED\""), "the tool's JSON is shown:\n" + log);

        assertEquals(List.of(), LayoutDiff.between(beforeFailing, failing.inspect()), "the failing host ends as it was:\n" + log);
        assertTrue(log.contains("network-tool on " + failing.env.get("LAB") + " failed (upgrade exit 3"), log);
        assertTrue(log.contains("TASK [network_tool_migrate : Roll the failed host back"), log);

        assertEquals(List.of(), LayoutDiff.between(beforeUntouched, untouched.inspect()), "the third host is untouched:\n" + log);
        assertTrue(Files.notExists(Path.of(untouched.state(), "runs")) || Files.list(Path.of(untouched.state(), "runs")).findAny().isEmpty(),
                "no run was ever started on the third host");
    }
}
