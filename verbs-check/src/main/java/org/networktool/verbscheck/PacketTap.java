package org.networktool.verbscheck;

import java.nio.ByteOrder;
import java.util.function.Consumer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/**
 * Watches one bond member's netdev for the path probes' UDP datagrams, both directions, with an
 * AF_PACKET socket: it sees the frames even when the netdev is enslaved to Open vSwitch. A kernel
 * filter ("IPv4, UDP, not a fragment, source or destination port = the probe port") keeps the
 * member's other traffic out of this process. Changes nothing on the host.
 */
final class PacketTap implements AutoCloseable {
    private static final int SNAP = 160;
    private static volatile LibC libc;
    private static volatile Runtime runtime;
    private final String member;
    private final int fd;
    private final Thread reader;
    private volatile boolean closed;

    private PacketTap(String member, int fd, Consumer<TapFrame> sink) {
        this.member = member;
        this.fd = fd;
        this.reader = new Thread(() -> read(sink), "tap-" + member);
        reader.setDaemon(true);
        reader.start();
    }

    /** A tap on {@code member} for UDP port {@code port}, handing every datagram seen to {@code sink} (on the tap's thread). */
    static PacketTap open(String member, int port, Consumer<TapFrame> sink) {
        LibC c = libc();
        int ifindex = c.if_nametoindex(member);
        if (ifindex == 0) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "no netdev " + member + " on this host to watch: give the bond's members (--member)");
        }
        // Protocol 0 until bound: no frame of another netdev is queued before the filter is in place.
        int fd = c.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("cannot open a packet socket on " + member + " (needs root or CAP_NET_RAW)");
        }
        try {
            attachFilter(c, fd, port);
            Pointer tv = Memory.allocateDirect(runtime, 16);
            tv.putLong(0, 0);
            tv.putLong(8, 100_000);
            check(c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, 16), "set the receive timeout");
            Pointer size = Memory.allocateDirect(runtime, 4);
            size.putInt(0, 1 << 20);
            check(c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, size, 4), "size the receive buffer");
            Pointer sll = Memory.allocateDirect(runtime, 20);
            sll.setMemory(0, 20, (byte) 0);
            sll.putShort(0, (short) LibC.AF_PACKET);
            sll.putShort(2, network(LibC.ETH_P_ALL));
            sll.putInt(4, ifindex);
            check(c.bind(fd, sll, 20), "bind to " + member);
        } catch (NetworkToolException e) {
            c.close(fd);
            throw e;
        }
        return new PacketTap(member, fd, sink);
    }

    /** The classic BPF program of tcpdump's "ip and udp port P" for a socket that reads from the IP header on. */
    static long[] filter(int port) {
        return new long[] {
            insn(0x28, 0, 0, 0xfffff000L), // ldh skb->protocol
            insn(0x15, 0, 10, LibC.ETH_P_IP), // jeq IPv4 else drop
            insn(0x30, 0, 0, 9), // ldb [9] protocol
            insn(0x15, 0, 8, 17), // jeq UDP else drop
            insn(0x28, 0, 0, 6), // ldh [6] flags and fragment offset
            insn(0x45, 6, 0, 0x1fff), // jset fragment offset: drop
            insn(0xb1, 0, 0, 0), // ldxb 4*([0]&0xf): X = IP header length
            insn(0x48, 0, 0, 0), // ldh [x+0] source port
            insn(0x15, 2, 0, port), // jeq port: accept
            insn(0x48, 0, 0, 2), // ldh [x+2] destination port
            insn(0x15, 0, 1, port), // jeq port: accept, else drop
            insn(0x06, 0, 0, SNAP), // ret SNAP bytes
            insn(0x06, 0, 0, 0), // ret 0: drop
        };
    }

    private static long insn(int code, int jt, int jf, long k) {
        return (long) code << 48 | (long) jt << 40 | (long) jf << 32 | (k & 0xffffffffL);
    }

    private static void attachFilter(LibC c, int fd, int port) {
        long[] prog = filter(port);
        Pointer insns = Memory.allocateDirect(runtime, prog.length * 8);
        for (int i = 0; i < prog.length; i++) {
            long x = prog[i];
            insns.putShort(i * 8, (short) (x >>> 48));
            insns.putByte(i * 8 + 2, (byte) (x >>> 40));
            insns.putByte(i * 8 + 3, (byte) (x >>> 32));
            insns.putInt(i * 8 + 4, (int) x);
        }
        Pointer fprog = Memory.allocateDirect(runtime, 16);
        fprog.setMemory(0, 16, (byte) 0);
        fprog.putShort(0, (short) prog.length);
        fprog.putAddress(8, insns.address());
        check(c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, 16), "attach the probe filter");
    }

    private void read(Consumer<TapFrame> sink) {
        LibC c = libc;
        Pointer buf = Memory.allocateDirect(runtime, SNAP);
        Pointer from = Memory.allocateDirect(runtime, 20);
        Pointer fromLen = Memory.allocateDirect(runtime, 4);
        byte[] b = new byte[SNAP];
        while (!closed) {
            fromLen.putInt(0, 20);
            long n = c.recvfrom(fd, buf, SNAP, 0, from, fromLen);
            if (n < 0) {
                int errno = runtime.getLastError();
                if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                    continue;
                }
                return;
            }
            long at = System.nanoTime();
            int len = (int) Math.min(n, SNAP);
            buf.get(0, b, 0, len);
            TapFrame f = TapFrame.parse(member, (from.getByte(10) & 0xff) == LibC.PACKET_OUTGOING, b, len, at);
            if (f != null) {
                sink.accept(f);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libc.close(fd);
    }

    private static short network(int v) {
        short s = (short) v;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes(s) : s;
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw failure("cannot " + what);
        }
    }

    private static NetworkToolException failure(String what) {
        int errno = runtime.getLastError();
        return new NetworkToolException(ErrorKind.OPERATION_FAILED, what + ": " + libc.strerror(errno));
    }

    private static LibC libc() {
        if (libc == null) {
            synchronized (PacketTap.class) {
                if (libc == null) {
                    LibC c = LibraryLoader.create(LibC.class).load("c");
                    runtime = Runtime.getRuntime(c);
                    libc = c;
                }
            }
        }
        return libc;
    }
}
