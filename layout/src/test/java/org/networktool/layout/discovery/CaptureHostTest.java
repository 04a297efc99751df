package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.StorageSelector;

/**
 * lab/capture-host against real hosts: this machine, and a network namespace made here with a veth
 * and an address. A capture read back must equal a live read of the same host.
 */
class CaptureHostTest {
    private static final Path SCRIPT = TestFiles.REPO.resolve("lab/capture-host");
    private final String netns = "nt-cap-" + ProcessHandle.current().pid();
    private boolean madeNetns;

    @TempDir
    Path tmp;

    @Test
    void scriptRunsTheSameQueriesAsInspect() {
        Matcher m = Pattern.compile("(?m)^query (\\S+) (.+)$").matcher(TestFiles.read(SCRIPT));
        List<String> script = new ArrayList<>();
        while (m.find()) {
            script.add(m.group(1) + " " + m.group(2));
        }
        List<String> java = new ArrayList<>();
        for (HostQuery q : HostQuery.values()) {
            java.add(q.file() + " " + q.display());
        }
        assertEquals(java, script);
    }

    @Test
    void captureOfThisHostReadsLikeTheLiveHost() throws Exception {
        HostLayout live = liveInspect(List.of());
        assertTrue(live.warnings().stream().noneMatch(w -> w.source().startsWith("ip ")), live.warnings().toString());
        run(List.of("bash", SCRIPT.toString(), tmp.resolve("cap").toString()));
        HostLayout captured = SampleHosts.inspect(tmp.resolve("cap"), StorageSelector.AUTO);
        assertTrue(live.netdev("lo").map(n -> n.kind() == NetdevKind.LOOPBACK).orElse(false), "lo is a loopback");
        assertEquals(live.netdevs(), captured.netdevs());
        assertEquals(live.routes(), captured.routes());
        assertEquals(live.nics(), captured.nics());
        assertEquals(live.hostname(), captured.hostname());
    }

    @Test
    void captureInsideANamespace() throws Exception {
        run(List.of("ip", "netns", "add", netns));
        madeNetns = true;
        inNs("ip", "link", "add", "stor0", "type", "veth", "peer", "name", "stor0p");
        inNs("ip", "link", "set", "lo", "up");
        inNs("ip", "link", "set", "stor0", "mtu", "9000", "up");
        inNs("ip", "link", "set", "stor0p", "up");
        inNs("ip", "addr", "add", "192.0.2.10/24", "dev", "stor0");
        run(List.of("ip", "netns", "exec", netns, "bash", SCRIPT.toString(), tmp.resolve("ns").toString()));
        HostLayout captured = SampleHosts.inspect(tmp.resolve("ns"), StorageSelector.AUTO);
        Netdev stor0 = captured.netdev("stor0").orElseThrow();
        assertEquals(NetdevKind.VETH, stor0.kind());
        assertEquals(9000, stor0.mtu());
        assertEquals("192.0.2.10/24", stor0.addresses().get(0).cidr());
        assertEquals(List.of("lo", "stor0", "stor0p"), captured.netdevs().stream().map(Netdev::name).sorted().toList());
        assertMatchesIpLink(captured);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (madeNetns) {
            run(List.of("ip", "netns", "del", netns));
        }
    }

    private static HostLayout liveInspect(List<String> prefix) {
        return new HostInspector(new HostRoot(Path.of("/")), new LiveCommands(prefix), "live").inspect(StorageSelector.AUTO);
    }

    /** Every link `ip -j link` shows in the namespace, with its index, MAC and MTU, as the capture has it. */
    private void assertMatchesIpLink(HostLayout captured) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", netns, "ip", "-j", "link", "show").start();
        String json = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        for (IpLink link : IpJsonParser.links(json)) {
            Netdev n = captured.netdev(link.name()).orElseThrow(() -> new AssertionError(link.name() + " missing"));
            assertEquals(link.ifindex(), n.ifindex(), link.name());
            assertEquals(link.mac(), n.mac(), link.name());
            assertEquals(link.mtu(), n.mtu(), link.name());
        }
    }

    private void inNs(String... argv) throws Exception {
        List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        a.addAll(List.of(argv));
        run(a);
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), argv + " timed out");
        assertEquals(0, p.exitValue(), () -> argv + " failed: " + out);
    }
}
