package org.networktool.verbscheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The UDP side of {@code probe serve}: answers path probes signed with the cluster key, on the
 * address it is told only, with a datagram of the same size back to the request's 5-tuple.
 * Bounded: at most {@link #MAX_PER_SECOND} answers a second; anything unsigned is dropped silently.
 */
public final class PathResponder implements AutoCloseable {
    static final int MAX_PER_SECOND = 20_000;
    private final ClusterKey key;
    private final DatagramSocket socket;
    private final Consumer<String> log;
    private long windowStart;
    private int inWindow;
    private long answered;
    private long dropped;

    public PathResponder(ClusterKey key, InetSocketAddress listen, Consumer<String> log) throws IOException {
        this.key = key;
        this.log = log;
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(false);
        socket.bind(listen);
        socket.setSoTimeout(1000);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Answers until {@link #close()}; logs a line with the counts every minute that saw probes. */
    public void serve() {
        byte[] buf = new byte[256];
        String local = address().getAddress().getHostAddress();
        int port = address().getPort();
        long lastLog = System.nanoTime();
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.accept("path probes: receive failed: " + e.getMessage());
                }
                return;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            String src = p.getAddress().getHostAddress();
            String run = PathWire.run(text, 'Q');
            if (run == null || !PathWire.verify(key, text, 'Q', src, p.getPort(), local, port) || !allowed()) {
                dropped++;
                continue;
            }
            byte[] reply = PathWire.reply(key, run, src, p.getPort(), local, port).getBytes(StandardCharsets.US_ASCII);
            try {
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                answered++;
            } catch (IOException e) {
                dropped++;
            }
            if (System.nanoTime() - lastLog > 60_000_000_000L) {
                log.accept("path probes: " + answered + " answered, " + dropped + " dropped (unsigned or over the rate)");
                lastLog = System.nanoTime();
            }
        }
    }

    private boolean allowed() {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        return ++inWindow <= MAX_PER_SECOND;
    }

    @Override
    public void close() {
        socket.close();
    }
}
