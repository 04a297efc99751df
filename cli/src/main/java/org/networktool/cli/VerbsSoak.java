package org.networktool.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.HostLayout;
import org.networktool.layout.OvsPort;
import org.networktool.verbscheck.ClusterKey;
import org.networktool.verbscheck.ProbeClient;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.StreamGroup;
import org.networktool.verbscheck.StreamLanes;
import org.networktool.verbscheck.StreamResult;
import org.networktool.verbscheck.StreamSettings;
import org.networktool.verbscheck.Verbs;
import org.networktool.verbscheck.VerbsException;

/**
 * {@code verbs-check --soak}: a stream to every peer at once, over the members' own paths (the carrying member's first)
 * or, on a Soft-RoCE host, the storage IP's; failovers shown as they happen, the summary at the end or on Ctrl-C.
 */
final class VerbsSoak {
    private final VerbsCheckCommand c;

    VerbsSoak(VerbsCheckCommand c) {
        this.c = c;
    }

    int run(List<ProbePeer> peers, ClusterKey key, Map<String, RocePath> members, List<RocePath> storage, boolean spread) {
        long durationMs = c.soak.durationMs();
        StreamSettings settings = c.soak.settings(spread);
        ProbeClient client = new ProbeClient(verbs(), key, c.probe.connectTimeoutMs());
        StreamGroup group = StreamGroup.start(client, peers, peer -> StreamLanes.of(client, members, storage, peer,
                c.flowLabel == null ? 0 : c.flowLabel, c.soak.everyPort), settings, durationMs, this::event, c.soak.downPorts());
        CountDownLatch printed = new CountDownLatch(1);
        // Ctrl-C: the streams stop sending and drain, and the summary is printed before the JVM goes.
        Thread hook = new Thread(() -> {
            group.stop();
            try {
                printed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<StreamResult> results = group.await();
            render(settings, durationMs, results);
            return results.stream().allMatch(StreamResult::ok) ? ExitCodes.OK : ExitCodes.FAILED_RESTORED;
        } finally {
            c.out().flush();
            c.err().flush();
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is what waits for this
            }
        }
    }

    private static Verbs verbs() {
        try {
            return Verbs.load();
        } catch (VerbsException e) {
            throw new org.networktool.layout.NetworkToolException(org.networktool.layout.ErrorKind.OPERATION_FAILED, "verbs-check: " + e.getMessage());
        }
    }

    private void event(String line) {
        synchronized (c) {
            c.err().println("verbs-check: " + line);
            c.err().flush();
        }
    }

    private void render(StreamSettings settings, long durationMs, List<StreamResult> results) {
        switch (c.output.format()) {
            case json, yaml -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("schema", "network-tool/verbs-soak/v1");
                doc.put("settings", settings);
                doc.put("durationMs", durationMs);
                doc.put("ok", results.stream().allMatch(StreamResult::ok));
                doc.put("results", results);
                c.out().print(c.output.document(doc));
            }
            default -> c.out().print(StreamText.render(settings, results));
        }
    }

    /** Members' own paths, the carrying member's first; balance-tcp spreads the stream over all. */
    static Map<String, RocePath> ordered(HostLayout l, Map<String, RocePath> members) {
        Map<String, RocePath> out = new LinkedHashMap<>();
        RdmaPathMap.storageBond(l).ifPresent(b -> RdmaPathMap.of(l, b, b.bondStatus()).carrying().forEach(m -> {
            if (members.containsKey(m)) {
                out.put(m, members.get(m));
            }
        }));
        members.forEach(out::putIfAbsent);
        return out;
    }

    static boolean spread(HostLayout l) {
        return RdmaPathMap.storageBond(l).map(OvsPort::bondMode).map("balance-tcp"::equals).orElse(false);
    }
}
