package org.networktool.verbscheck;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.ssize_t;

/** The few libc socket calls a packet tap needs that java.net does not offer (AF_PACKET). */
@SaveError
public interface LibC {
    int AF_PACKET = 17;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int SO_ATTACH_FILTER = 26;
    int SO_RCVBUF = 8;
    /** Every protocol, the only binding to which the kernel also hands outgoing frames. */
    int ETH_P_ALL = 0x0003;
    int ETH_P_IP = 0x0800;
    /** {@code sll_pkttype} of a frame this host sent. */
    int PACKET_OUTGOING = 4;
    int EAGAIN = 11;
    int EINTR = 4;

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer addr, int len);

    int setsockopt(int fd, int level, int name, Pointer value, int len);

    @ssize_t long recvfrom(int fd, Pointer buf, long len, int flags, Pointer from, Pointer fromLen);

    int close(int fd);

    int if_nametoindex(String name);

    String strerror(int errno);
}
