package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams to several peers at once, one thread each, until their time is up or {@link #stop()}: what
 * {@code verbs-check --soak} runs for its duration and {@code upgrade --rdma-stream} holds across a migration.
 */
public final class StreamGroup {
    /** The lanes to one peer, found when its stream starts. */
    public interface Lanes {
        List<StreamClient.LanePath> to(ProbePeer peer) throws VerbsException;
    }

    private final StreamResult[] results;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    private StreamGroup(int n) {
        results = new StreamResult[n];
    }

    /** One stream per peer, started now; {@code events}: a line per lane list, failover and rebuild, prefixed with the peer. */
    public static StreamGroup start(ProbeClient client, List<ProbePeer> peers, Lanes lanes, StreamSettings settings, long durationMs,
            Consumer<String> events) {
        return start(client, peers, lanes, settings, durationMs, events, DownPorts.NONE);
    }

    /** {@code down}: what watch's map says has stopped carrying, followed by every stream. */
    public static StreamGroup start(ProbeClient client, List<ProbePeer> peers, Lanes lanes, StreamSettings settings, long durationMs,
            Consumer<String> events, DownPorts down) {
        StreamGroup g = new StreamGroup(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            ProbePeer peer = peers.get(i);
            int k = i;
            Thread t = new Thread(() -> {
                try {
                    List<StreamClient.LanePath> l = lanes.to(peer);
                    g.results[k] = new StreamClient(client, settings, e -> events.accept(peer + ": " + e), down).run(peer, l, durationMs, () -> g.stop);
                } catch (VerbsException | RuntimeException e) {
                    g.results[k] = StreamResult.failed(peer.toString(), 0, e.getMessage());
                }
            }, "stream-" + peer);
            t.setDaemon(true);
            g.threads.add(t);
            t.start();
        }
        return g;
    }

    /** Every stream stops sending, drains what is in flight and asks its responder what arrived. */
    public void stop() {
        stop = true;
    }

    /** The results, in the peers' order, once every stream has ended. */
    public List<StreamResult> await() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stop = true;
                Thread.currentThread().interrupt();
            }
        }
        return List.of(results);
    }
}
