package org.networktool.verbscheck;

import static org.networktool.verbscheck.VerbsLayout.*;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * One end of a ping-pong: a {@link QueuePair} whose send and receive use the same bytes, as in ibv_rc_pingpong. Work
 * requests are built once in native memory; a round trip is two ops-table calls and a busy poll.
 */
public final class RcEndpoint implements AutoCloseable {
    private static final int RECV_ID = 1;
    private static final int SEND_ID = 2;
    private final QueuePair q;
    /** Native memory the work requests point to: it must live as long as they do. */
    private final Pointer sge;
    private final Pointer recvWr;
    private final Pointer sendWr;
    private final Pointer badWr;
    private final Pointer wc;
    private int arrivedSends;
    private int arrivedRecvs;

    private RcEndpoint(QueuePair q, int size) {
        this.q = q;
        jnr.ffi.Runtime rt = q.runtime();
        Pointer sge = q.sge(0, size);
        recvWr = Memory.allocateDirect(rt, RECV_WR_SIZE, true);
        recvWr.putLong(RECV_WR_ID, RECV_ID);
        recvWr.putAddress(RECV_WR_SG_LIST, sge.address());
        recvWr.putInt(RECV_WR_NUM_SGE, 1);
        sendWr = Memory.allocateDirect(rt, SEND_WR_SIZE, true);
        sendWr.putLong(SEND_WR_ID, SEND_ID);
        sendWr.putAddress(SEND_WR_SG_LIST, sge.address());
        sendWr.putInt(SEND_WR_NUM_SGE, 1);
        sendWr.putInt(SEND_WR_OPCODE, IBV_WR_SEND);
        sendWr.putInt(SEND_WR_SEND_FLAGS, IBV_SEND_SIGNALED);
        badWr = Memory.allocateDirect(rt, rt.addressSize(), true);
        wc = Memory.allocateDirect(rt, WC_SIZE * 2L, true);
        this.sge = sge;
    }

    /** PD, buffer, MR, CQ and an RC QP in INIT on the path's port, with one receive posted. */
    public static RcEndpoint open(RdmaContext ctx, RocePath path, int size) throws VerbsException {
        QueuePair q = QueuePair.open(ctx, path, size, 1, 2, 4);
        try {
            RcEndpoint e = new RcEndpoint(q, size);
            e.postRecv();
            return e;
        } catch (VerbsException | RuntimeException x) {
            q.close();
            throw x;
        }
    }

    /** This end's queue pair number, first PSN and GID, for the peer. */
    public QpInfo local() throws VerbsException {
        return q.local();
    }

    /** INIT → RTR → RTS toward {@code remote}, with ibv_rc_pingpong's timers and retries. */
    public void connect(QpInfo remote) throws VerbsException {
        connect(remote, 0);
    }

    /**
     * As above with the GRH flow label {@code flowLabel}: RoCE v2 takes the QP's UDP source port from it (0: from the two
     * queue pair numbers), the field a switch's or bond's 5-tuple hash sees; see {@link FlowLabels}.
     */
    public void connect(QpInfo remote, int flowLabel) throws VerbsException {
        q.connect(remote, flowLabel, 7);
    }

    void postRecv() throws VerbsException {
        int rc = q.postRecv(recvWr.address(), badWr.address());
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": post receive failed (errno " + rc + ")");
        }
    }

    void postSend() throws VerbsException {
        int rc = q.postSend(sendWr.address(), badWr.address());
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": post send failed (errno " + rc + ")");
        }
    }

    long stamp() {
        return q.buffer().getLong(0);
    }

    void stamp(long value) {
        q.buffer().putLong(0, value);
    }

    /**
     * Busy-polls until {@code sends} send and {@code recvs} receive completions arrived, or the
     * deadline. A poll can return a completion the caller asks for only later (the next message's
     * receive may land before our reply's send completes): it is kept for that call.
     */
    void await(int sends, int recvs, long deadlineNanos) throws VerbsException {
        int polls = 0;
        while (!poll(sends, recvs)) {
            // The clock is read every 1024 empty polls only: a poll is far cheaper than nanoTime.
            if ((++polls & 1023) == 0 && System.nanoTime() > deadlineNanos) {
                throw new VerbsException(VerbsFailure.TIMEOUT, q.deviceName() + ": no " + (arrivedSends < sends ? "send" : "receive")
                        + " completion in time");
            }
        }
    }

    /**
     * One poll of the completion queue, without waiting: true, and the completions taken, once {@code sends} send and
     * {@code recvs} receive completions have arrived (in this call or earlier ones). An error completion throws.
     */
    boolean poll(int sends, int recvs) throws VerbsException {
        if (arrivedSends < sends || arrivedRecvs < recvs) {
            int n = q.pollCq(2, wc.address());
            if (n < 0) {
                throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": poll CQ failed");
            }
            for (int i = 0; i < n; i++) {
                long off = (long) i * WC_SIZE;
                int status = wc.getInt(off + WC_STATUS);
                long id = wc.getLong(off + WC_WR_ID);
                if (status != IBV_WC_SUCCESS) {
                    throw q.completionError(status, id == SEND_ID ? "send" : "receive");
                }
                if (id == SEND_ID) {
                    arrivedSends++;
                } else {
                    arrivedRecvs++;
                }
            }
        }
        if (arrivedSends >= sends && arrivedRecvs >= recvs) {
            arrivedSends -= sends;
            arrivedRecvs -= recvs;
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        q.close();
    }
}
