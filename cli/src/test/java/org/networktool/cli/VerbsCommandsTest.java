package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * verbs-check and probe serve on this machine (libibverbs, no RDMA device) and their bad input:
 * one line, exit 2, nothing opened. The RDMA itself runs in the tier-2 lab (Tier2LabIT).
 */
class VerbsCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void withoutRdmaDevicesVerbsCheckSaysSoInOneLine() {
        Run r = Run.of("verbs-check");
        assertEquals(ExitCodes.FAILED_RESTORED, r.exitCode(), r.err());
        assertEquals("verbs-check: no RDMA devices on this host", r.err().strip());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "verbs-check --peer 192.0.2.2|--key-file is required with --peer",
        "verbs-check --peer 192.0.2.2:0 --key-file KEY|bad port in peer '192.0.2.2:0'",
        "verbs-check --peer a;b --key-file KEY|bad peer 'a;b'",
        "verbs-check --device rxe0;x|--device 'rxe0;x': not a valid interface name",
        "verbs-check --iterations 0|--iterations 0: give a number from 1 to 100000",
        "verbs-check --size 4|--size 4: give a number from 8 to 65536",
        "verbs-check --flow-label 0|--flow-label 0: give a number from 1 to 1048575",
        "verbs-check --peer 192.0.2.2 --key-file SHORT|is 5 bytes: use at least 16",
        "verbs-check --peer 192.0.2.2 --key-file NOFILE|cannot read the cluster key file",
        "verbs-check --peer 192.0.2.2 --key-file OPEN|others can read or change it; chmod 600",
        "verbs-check --peer 192.0.2.2 --key-file FOLDER|not a regular file",
        "verbs-check --soak 5x --peer 192.0.2.2 --key-file KEY|--soak 5x: not a duration; give e.g. 90s, 10m or 2h",
        "verbs-check --soak 0s --peer 192.0.2.2 --key-file KEY|--soak 0s: give 1s to 7 days",
        "verbs-check --soak 8d --peer 192.0.2.2 --key-file KEY|--soak 8d: not a duration",
        "verbs-check --soak 10s|--soak needs --peer",
        "verbs-check --soak 10s --peer 192.0.2.2 --key-file KEY --stall-ms 0|--stall-ms 0: give a number from 1 to 60000",
        "verbs-check --soak 10s --peer 192.0.2.2 --key-file KEY --window 65|--window 65: give a number from 1 to 64",
        "verbs-check --soak 10s --peer 192.0.2.2 --key-file KEY --rate 0|--rate 0: give a number from 1 to 100000",
        "verbs-check --soak 10s --peer 192.0.2.2 --key-file KEY --follow-map /nonexistent/rdma-paths.json|--follow-map /nonexistent/rdma-paths.json: no such map; start `network-tool watch` first",
        "verbs-check --soak 10s --peer 192.0.2.2 --key-file KEY --single-path --follow-map KEY|--follow-map with --single-path: the single queue pair of the comparison follows no map",
        "upgrade --rdma-stream --sample ab-hwroce --peer 192.0.2.2 --key-file KEY|--rdma-stream streams over this host's real RDMA devices",
        "upgrade --rdma-stream --simulated-host NOFILE --peer 192.0.2.2 --key-file KEY|--rdma-stream streams over this host's real RDMA",
        "upgrade --rdma-stream --peer 192.0.2.2|--key-file is required",
        "upgrade --rdma-stream --key-file KEY|--rdma-stream needs --peer",
        "probe serve --key-file KEY|Missing required option: '--listen=ADDR[:PORT]'",
        "probe serve --listen 127.0.0.1|--key-file is required",
        "probe serve --listen 127.0.0.1 --key-file KEY --max-connections 0|--max-connections 0: give a number from 1 to 256",
        "probe serve --listen 203.0.113.9 --key-file KEY|--listen 203.0.113.9: cannot listen there",
        "probe serve --listen 127.0.0.1 --key-file KEY --path-port 70000|--path-port 70000: give a number from 1 to 65535",
        "path-probe --key-file KEY|Missing required option: '--peer=HOST'",
        "path-probe --peer 192.0.2.2|--key-file is required",
        "path-probe --peer peer.example --key-file KEY|--peer peer.example: give an IPv4 address",
        "path-probe --peer 192.0.2.2 --member ens1f0;rm --key-file KEY|--member 'ens1f0;rm': not a valid interface name",
        "path-probe --peer 192.0.2.2 --tuples 0 --key-file KEY|--tuples 0: give a number from 1 to 16384",
        "path-probe --peer 192.0.2.2 --rate 1 --key-file KEY|--rate 1: give a number from 10 to 100000",
        "path-probe --peer 192.0.2.2 --source 10.0.0 --key-file KEY|--source 10.0.0: give an IPv4 address",
        "path-probe --peer 192.0.2.2 --min-symmetric -1 --key-file KEY|--min-symmetric -1: give a number from 0 to 16384",
        "path-probe --peer 192.0.2.2 --member nosuch0 --key-file KEY|no netdev nosuch0 on this host to watch",
        "path-probe --verbs --peer 192.0.2.2 --flow-labels 200 --key-file KEY|--flow-labels 200: give a number from 1 to 128",
        "path-probe --verbs --peer 192.0.2.2 --rounds 0 --key-file KEY|--rounds 0: give a number from 1 to 20",
        "path-probe --verbs --peer 192.0.2.2 --first-flow-label 0 --key-file KEY|--first-flow-label 0: give a number from 1 to",
        "path-probe --verbs --peer 192.0.2.2 --path-timeout 20000 --key-file KEY|--path-timeout 20000: give a number from 10 to 10000",
        "path-probe --verbs --peer 192.0.2.2 --member a;b --key-file KEY|--member 'a;b': not a valid interface name",
        "path-probe --verbs --peer 192.0.2.2 --key-file KEY|no OVS bond carries the storage network on"})
    void badInputIsOneLineAndExit2(String argv, String said) throws Exception {
        Lab.writeKey(tmp.resolve("KEY"), "a cluster key long enough");
        Lab.writeKey(tmp.resolve("SHORT"), "short");
        Files.writeString(tmp.resolve("OPEN"), "a cluster key long enough\n"); // mode 0644 under the usual umask
        String[] args = argv.replace("KEY", tmp.resolve("KEY").toString()).replace("SHORT", tmp.resolve("SHORT").toString())
                .replace("NOFILE", tmp.resolve("nofile").toString()).replace("OPEN", tmp.resolve("OPEN").toString())
                .replace("FOLDER", tmp.toString()).split(" ");
        Run r = Run.of(args);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains(said), r.err());
        assertEquals(1, r.errLines(), r.err());
    }

    @Test
    void planShowsTheRcPingPongGateOnlyWithAKey() throws Exception {
        Lab.writeKey(tmp.resolve("KEY"), "a cluster key long enough");
        Run with = Run.of("plan", "--sample", "softroce", "--peer", "192.0.2.2", "--key-file", tmp.resolve("KEY").toString(), "--probe-port", "18600");
        assertEquals(0, with.exitCode(), with.err());
        assertTrue(with.out().contains("[rdma-pingpong] RC ping-pong to 192.0.2.2 (probe serve port 18600) works on at least one path per NIC"),
                with.out());
        Run without = Run.of("plan", "--sample", "softroce", "--peer", "192.0.2.2");
        assertTrue(!without.out().contains("rdma-pingpong"), without.out());
    }

    @Test
    void planShowsThePathGateOnlyForBalanceTcpWithMinSymmetric() throws Exception {
        Lab.writeKey(tmp.resolve("KEY"), "a cluster key long enough");
        String key = tmp.resolve("KEY").toString();
        Run tcp = Run.of("plan", "--sample", "lacp-roce-lag", "--peer", "10.10.1.12", "--key-file", key, "--min-symmetric", "8", "--path-port", "4792");
        assertEquals(0, tcp.exitCode(), tcp.err());
        assertTrue(tcp.out().contains("[path-symmetry] from every member of bond-storage, at least 8 of 256 UDP 5-tuples to 10.10.1.12"
                + " (path port 4792) come back on the member they left on"), tcp.out());
        assertEquals(1, tcp.out().split("\\[path-symmetry\\]", -1).length - 1, "after the last step only");
        assertTrue(!Run.of("plan", "--sample", "lacp-roce-lag", "--peer", "10.10.1.12", "--key-file", key).out().contains("path-symmetry"));
        assertTrue(!Run.of("plan", "--sample", "ab-hwroce", "--peer", "10.10.1.12", "--key-file", key, "--min-symmetric", "8").out()
                .contains("path-symmetry"), "active-backup sends every tuple on the active member: no path gate");
    }

    @Test
    void aSoakSummaryNamesLossFailoversAndLanes() {
        org.networktool.verbscheck.StreamResult r = new org.networktool.verbscheck.StreamResult("192.0.2.2:18516", 0, 45_000, 9000, 9000, 0, 3, 0,
                3900.0, 12000.0, 40000.0, 8990, 61.2, 1,
                java.util.List.of(new org.networktool.verbscheck.StreamResult.Failover(5123.0, "ens1f0 > 192.0.2.2 rxe1/1", "ens1f1 > 192.0.2.2 rxe1/1",
                        "stalled 50 ms", 4, 58.3)),
                java.util.List.of(new org.networktool.verbscheck.StreamResult.Lane("ens1f0 > 192.0.2.2 rxe1/1", "up", 3, 1, 2, "retry exceeded")),
                9000L, 3L, 0L, null);
        String text = StreamText.render(org.networktool.verbscheck.StreamSettings.defaults(), java.util.List.of(r));
        assertTrue(text.contains("sent 9000, acknowledged 9000, lost 0, duplicate echoes suppressed 3"), text);
        assertTrue(text.contains("at 5.123 s  ens1f0 > 192.0.2.2 rxe1/1 -> ens1f1 > 192.0.2.2 rxe1/1 (stalled 50 ms), 4 resent, gap 58.3 ms"), text);
        assertTrue(text.contains("responder: delivered in order 9000, duplicates received 3, refused 0"), text);
        assertTrue(text.contains("PASS"), text);
        org.networktool.verbscheck.StreamResult lost = new org.networktool.verbscheck.StreamResult("p", 0, 1000, 10, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0,
                java.util.List.of(), java.util.List.of(), 8L, 0L, 0L, null);
        assertTrue(StreamText.render(org.networktool.verbscheck.StreamSettings.defaults(), java.util.List.of(lost)).contains("FAIL: 2 messages never acknowledged"));
    }
}
