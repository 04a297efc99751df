package org.networktool.verbscheck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The responder's half of a stream ({@code verbs-check --soak}): one queue pair per lane the checker asks for, every
 * message echoed on the lane it came in on, data delivered in order through {@link StreamDelivery}; lanes rebuilt on
 * request while the echo goes on. Bounded: {@link StreamSettings#MAX_LANES} lanes of at most
 * {@link StreamQp#MAX_SLOTS} slots, a rebuild replaces (and destroys) the lane's queue pair, and a checker silent for
 * {@link #SILENT_MS} ends the session.
 */
final class StreamResponder {
    static final int SILENT_MS = 30_000;
    private static final long IDLE_NANOS = 100_000;
    private final ProbeServer server;
    private final ClusterKey key;
    private final ProbeWire w;
    private final String nonceC;
    private final String nonceS;
    private final InetAddress local;
    private final Consumer<String> log;
    private RdmaContexts contexts;
    private final ConcurrentLinkedQueue<Object[]> swaps = new ConcurrentLinkedQueue<>(); // {index, StreamQp or null}
    private final StreamDelivery delivery = new StreamDelivery();
    private volatile boolean running = true;
    private volatile boolean echoStopped;
    private int window;

    StreamResponder(ProbeServer server, ClusterKey key, ProbeWire w, String nonceC, String nonceS, InetAddress local, Consumer<String> log) {
        this.server = server;
        this.key = key;
        this.w = w;
        this.nonceC = nonceC;
        this.nonceS = nonceS;
        this.local = local;
        this.log = log;
    }

    void serve(String body) throws IOException, VerbsException {
        contexts = new RdmaContexts(Verbs.load());
        Map<String, String> f = ProbeWire.fields(body);
        window = ProbeServer.bounded(f.get("window"), 1, StreamQp.MAX_SLOTS, "window");
        List<Map.Entry<String, String>> asked = ProbeWire.fieldList(body).stream().filter(e -> e.getKey().equals("lane")).toList();
        if (asked.isEmpty() || asked.size() > StreamSettings.MAX_LANES) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "a stream has 1.." + StreamSettings.MAX_LANES + " lanes");
        }
        StreamQp[] lanes = new StreamQp[StreamSettings.MAX_LANES];
        try {
            StringBuilder reply = new StringBuilder("window=" + window);
            for (Map.Entry<String, String> e : asked) {
                StreamWire theirs = StreamWire.decode(e.getValue());
                StreamQp mine = lane(theirs);
                reply.append(' ').append(mine == null ? "down=" + theirs.index() : new StreamWire(theirs.index(), mine.local(), null, theirs.label()).encode());
                lanes[theirs.index()] = mine;
            }
            w.send("STREAM " + key.mac("S2", nonceC, nonceS, reply.toString()) + " " + reply);
            Thread echo = new Thread(() -> echo(lanes), "stream-echo");
            echo.setDaemon(true);
            echo.start();
            try {
                control();
            } finally {
                running = false;
                join(echo);
            }
        } finally {
            for (StreamQp q : lanes) {
                if (q != null) {
                    q.close();
                }
            }
            for (Object[] s : swaps) {
                if (s[1] != null) {
                    ((StreamQp) s[1]).close();
                }
            }
            contexts.close();
        }
    }

    /** The queue pair for one lane, connected; null (and logged) when this end cannot make it. */
    private StreamQp lane(StreamWire theirs) {
        StreamQp q = null;
        try {
            RocePath path = server.answeringPath(local, theirs.at(), theirs.qp());
            q = StreamQp.open(contexts.get(path.device()), path, window);
            q.connect(theirs.qp(), theirs.label());
            return q;
        } catch (VerbsException e) {
            if (q != null) {
                q.close();
            }
            log.accept("stream lane " + theirs.index() + ": " + e.failure().label() + ": " + e.getMessage());
            return null;
        }
    }

    /** REBUILD, ALIVE and DONE from the checker until DONE, silence or a broken connection. */
    private void control() throws IOException, VerbsException {
        int n = 2;
        while (true) {
            String line;
            try {
                line = w.receive(SILENT_MS);
            } catch (SocketTimeoutException e) {
                log.accept("stream: the checker was silent for " + SILENT_MS / 1000 + " s, ended");
                return;
            }
            if (line.equals("ALIVE")) {
                continue;
            }
            String[] m = ProbeWire.expect(line, line.startsWith("DONE ") ? "DONE" : "REBUILD", 3);
            if (!key.verify(m[1], "C" + n, nonceC, nonceS, m[2])) {
                throw new VerbsException(VerbsFailure.AUTH_FAILED, "a stream message not signed with this key");
            }
            if (m[0].equals("DONE")) {
                running = false;
                while (!echoStopped) {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
                String counts = "delivered=" + delivery.delivered() + " duplicates=" + delivery.duplicates() + " refused=" + delivery.refused();
                w.send("DONE " + key.mac("S" + n, nonceC, nonceS, counts) + " " + counts);
                log.accept("stream: " + counts);
                return;
            }
            StreamWire theirs = StreamWire.decode(ProbeWire.fields(m[2]).getOrDefault("lane", ""));
            StreamQp mine = lane(theirs);
            swaps.add(new Object[] {theirs.index(), mine});
            String reply = mine == null ? "down=" + theirs.index() : new StreamWire(theirs.index(), mine.local(), null, theirs.label()).encode();
            w.send("REBUILT " + key.mac("S" + n, nonceC, nonceS, reply) + " " + reply);
            n++;
        }
    }

    /** Every lane polled in turn; each message echoed on its own lane, data counted in order; broken lanes dropped. */
    private void echo(StreamQp[] lanes) {
        @SuppressWarnings("unchecked")
        ArrayDeque<Long>[] pending = new ArrayDeque[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            pending[i] = new ArrayDeque<>();
        }
        int idle = 0;
        try {
            while (running) {
                for (Object[] s; (s = swaps.poll()) != null;) {
                    int i = (Integer) s[0];
                    if (lanes[i] != null) {
                        lanes[i].close();
                    }
                    lanes[i] = (StreamQp) s[1];
                    pending[i].clear();
                }
                boolean progress = false;
                for (int i = 0; i < lanes.length; i++) {
                    StreamQp q = lanes[i];
                    if (q == null) {
                        continue;
                    }
                    ArrayDeque<Long> out = pending[i];
                    try {
                        q.poll(word -> {
                            if (word >= 0) {
                                delivery.receive(word);
                            }
                            out.add(word);
                        });
                        while (!out.isEmpty() && q.post(out.peek())) {
                            out.poll();
                            progress = true;
                        }
                    } catch (VerbsException e) {
                        log.accept("stream lane " + i + ": " + e.getMessage());
                        q.close();
                        lanes[i] = null;
                        out.clear();
                    }
                }
                idle = progress ? 0 : idle + 1;
                if (!progress) {
                    LockSupport.parkNanos(idle > 2 ? 10 * IDLE_NANOS : IDLE_NANOS); // idle a while: leave the core to others
                }
            }
        } finally {
            echoStopped = true;
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
