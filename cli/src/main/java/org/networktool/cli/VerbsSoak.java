package org.networktool.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.OvsPort;
import org.networktool.verbscheck.ClusterKey;
import org.networktool.verbscheck.ProbeClient;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.StreamClient;
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
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch printed = new CountDownLatch(1);
        // Ctrl-C: the stream stops sending, drains, and the summary is printed before the JVM goes.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                printed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<StreamResult> results = streams(peers, key, members, storage, settings, durationMs, stop);
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

    private List<StreamResult> streams(List<ProbePeer> peers, ClusterKey key, Map<String, RocePath> members, List<RocePath> storage,
            StreamSettings settings, long durationMs, AtomicBoolean stop) {
        StreamResult[] results = new StreamResult[peers.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            ProbePeer peer = peers.get(i);
            int k = i;
            Thread t = new Thread(() -> {
                ProbeClient client;
                try {
                    client = new ProbeClient(Verbs.load(), key, c.probe.connectTimeoutMs());
                    List<StreamClient.LanePath> lanes = StreamClient.lanes(client, members, storage, peer, c.flowLabel == null ? 0 : c.flowLabel);
                    event(peer + ": streaming over " + lanes.size() + " lane" + (lanes.size() == 1 ? "" : "s") + ": "
                            + String.join(", ", lanes.stream().map(StreamClient.LanePath::name).toList()));
                    results[k] = new StreamClient(client, settings, e -> event(peer + ": " + e)).run(peer, lanes, durationMs, stop::get);
                } catch (VerbsException e) {
                    results[k] = new StreamResult(peer.toString(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), null, null, null,
                            e.getMessage());
                }
            }, "soak-" + peer);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
            }
        }
        return List.of(results);
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
                c.out().print(c.output.format() == OutputOption.Format.json ? LayoutCodec.toJson(doc) : LayoutCodec.toYaml(doc));
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
