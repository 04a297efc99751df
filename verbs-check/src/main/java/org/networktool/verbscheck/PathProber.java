package org.networktool.verbscheck;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/**
 * {@code path-probe}: from this host's storage address, one signed UDP request per source port to
 * a peer's {@code probe serve}, while a packet tap on every bond member records where each request
 * left and each reply arrived. The bond and the switch choose the members by hashing the 5-tuple,
 * so the tuples found symmetric are the ones an RDMA connection can use. Sends nothing but the
 * requests, at most {@code rate} a second.
 */
public final class PathProber {
    /** Where the source ports start: RoCE v2 NICs pick their UDP source ports from 49152 up. */
    public static final int FIRST_PORT = 49152;
    /** RoCE v2's UDP destination port, the probes' by default so the switch hashes them as it hashes RoCE. */
    public static final int ROCE_V2_PORT = 4791;
    private static final long TAP_GRACE_NS = 300_000_000L;
    private final ClusterKey key;
    private final List<String> members;
    private final Settings settings;

    /** How many tuples, from which source port up, how fast, and how long to wait for the last reply. */
    public record Settings(int tuples, int firstPort, int ratePerSecond, int timeoutMs) {
    }

    public PathProber(ClusterKey key, List<String> members, Settings settings) {
        this.key = key;
        this.members = List.copyOf(members);
        this.settings = settings;
    }

    /** Probes {@code peer}'s responder on UDP {@code port}; {@code source}: this host's address to send from, null for the route's. */
    public PathReport probe(String peer, int port, String source) {
        InetAddress peerAddr = address(peer);
        String run = ProbeWire.nonce().substring(0, 16);
        ConcurrentLinkedQueue<TapFrame> seen = new ConcurrentLinkedQueue<>();
        List<PacketTap> taps = new ArrayList<>();
        List<DatagramChannel> channels = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (String m : members) {
                taps.add(PacketTap.open(m, port, seen::add));
            }
            String from = source != null ? source : routeSource(peerAddr, port);
            int busy = 0;
            try (Selector selector = Selector.open()) {
                for (int p = settings.firstPort(); channels.size() < settings.tuples() && p <= 65_535; p++) {
                    DatagramChannel ch = DatagramChannel.open();
                    try {
                        ch.bind(new InetSocketAddress(InetAddress.getByName(from), p));
                    } catch (BindException e) {
                        ch.close();
                        busy++;
                        continue;
                    }
                    ch.connect(new InetSocketAddress(peerAddr, port));
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, channels.size());
                    channels.add(ch);
                }
                long[] sent = new long[channels.size()];
                long[] replied = new long[channels.size()];
                java.util.Arrays.fill(replied, -1);
                int[] answered = {0};
                long gap = 1_000_000_000L / settings.ratePerSecond();
                long start = System.nanoTime();
                String dst = peerAddr.getHostAddress();
                for (int i = 0; i < channels.size(); i++) {
                    long due = start + i * gap;
                    while (System.nanoTime() < due) {
                        drain(selector, Math.max(1, (due - System.nanoTime()) / 1_000_000), from, dst, port, run, replied, answered);
                    }
                    int sport = ((InetSocketAddress) channels.get(i).getLocalAddress()).getPort();
                    byte[] req = PathWire.request(key, run, from, sport, dst, port).getBytes(StandardCharsets.US_ASCII);
                    sent[i] = System.nanoTime();
                    try {
                        channels.get(i).write(ByteBuffer.wrap(req));
                    } catch (IOException e) {
                        // ICMP unreachable of an earlier probe, reported on this socket: the tuple counts as lost
                    }
                }
                long deadline = System.nanoTime() + settings.timeoutMs() * 1_000_000L;
                while (answered[0] < channels.size() && System.nanoTime() < deadline) {
                    drain(selector, Math.max(1, (deadline - System.nanoTime()) / 1_000_000), from, dst, port, run, replied, answered);
                }
                List<PathClassifier.Probe> probes = new ArrayList<>();
                for (int i = 0; i < channels.size(); i++) {
                    probes.add(new PathClassifier.Probe(((InetSocketAddress) channels.get(i).getLocalAddress()).getPort(), sent[i], replied[i]));
                }
                // The taps read on their own threads: give them a moment to hand over the last frames.
                long graceEnd = System.nanoTime() + TAP_GRACE_NS;
                while (System.nanoTime() < graceEnd && !PathClassifier.complete(run, from, dst, port, probes, new ArrayList<>(seen))) {
                    sleep(10);
                }
                List<TupleResult> results = PathClassifier.classify(run, from, dst, port, probes, new ArrayList<>(seen));
                return PathReport.of(dst, port, from, members, results, busy, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "path probe to " + peer + " failed: " + e.getMessage());
        } finally {
            for (DatagramChannel ch : channels) {
                close(ch);
            }
            taps.forEach(PacketTap::close);
        }
    }

    private void drain(Selector selector, long waitMs, String from, String dst, int port, String run, long[] replied, int[] answered)
            throws IOException {
        if (selector.select(waitMs) == 0) {
            return;
        }
        long now = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocate(256);
        for (SelectionKey k : selector.selectedKeys()) {
            DatagramChannel ch = (DatagramChannel) k.channel();
            int i = (Integer) k.attachment();
            while (true) {
                buf.clear();
                int n;
                try {
                    n = ch.read(buf);
                } catch (IOException e) {
                    break; // an ICMP error queued on the socket: no reply on this tuple
                }
                if (n <= 0) {
                    break;
                }
                String text = new String(buf.array(), 0, n, StandardCharsets.US_ASCII);
                int sport = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                if (replied[i] < 0 && PathWire.verify(key, text, 'A', from, sport, dst, port) && text.contains(" " + run + " ")) {
                    replied[i] = now;
                    answered[0]++;
                }
            }
        }
        selector.selectedKeys().clear();
    }

    private static InetAddress address(String peer) {
        try {
            InetAddress a = InetAddress.getByName(peer);
            if (!(a instanceof java.net.Inet4Address)) {
                throw new NetworkToolException(ErrorKind.INVALID_INPUT, "peer " + peer + ": path probes are IPv4 (RoCE v2 over IPv4); give an IPv4 address");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "peer " + peer + ": unknown host; give an IPv4 address");
        }
    }

    private static String routeSource(InetAddress peer, int port) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(peer, port);
            InetAddress local = s.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "no route to " + peer.getHostAddress() + " from this host");
            }
            return local.getHostAddress();
        } catch (SocketException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "no route to " + peer.getHostAddress() + ": " + e.getMessage());
        }
    }

    private static void close(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
