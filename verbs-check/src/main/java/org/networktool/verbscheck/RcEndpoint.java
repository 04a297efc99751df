package org.networktool.verbscheck;

import static org.networktool.verbscheck.VerbsLayout.*;

import java.security.SecureRandom;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * One end of a reliable-connected queue pair with a single registered buffer: the send and the
 * receive of a ping-pong use the same bytes, as in ibv_rc_pingpong. Work requests are built once
 * in native memory; a round trip is two ops-table calls and a busy poll.
 */
public final class RcEndpoint implements AutoCloseable {
    private static final int RECV_ID = 1;
    private static final int SEND_ID = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RdmaContext ctx;
    private final LibIbverbs lib;
    private final int port;
    private final int gidIndex;
    private final int size;
    private final int mtu;
    private final int psn = RANDOM.nextInt(0x1000000);
    private final DataPath data;
    private Pointer pd;
    private Pointer buf;
    private Pointer mr;
    private Pointer cq;
    private Pointer qp;
    private Pointer sge;
    private Pointer recvWr;
    private Pointer sendWr;
    private Pointer badWr;
    private Pointer wc;
    private int arrivedSends;
    private int arrivedRecvs;

    private RcEndpoint(RdmaContext ctx, int port, int gidIndex, int mtu, int size) {
        this.mtu = mtu;
        this.ctx = ctx;
        this.lib = ctx.verbs().lib();
        this.port = port;
        this.gidIndex = gidIndex;
        this.size = size;
        this.data = new DataPath(ctx.pointer());
    }

    /** PD, buffer, MR, CQ and an RC QP in INIT on the path's port, with one receive posted. */
    public static RcEndpoint open(RdmaContext ctx, RocePath path, int size) throws VerbsException {
        RcEndpoint e = new RcEndpoint(ctx, path.port(), path.gidIndex(), path.activeMtuEnum(), size);
        try {
            e.create();
            return e;
        } catch (VerbsException | RuntimeException x) {
            e.close();
            throw x;
        }
    }

    private void create() throws VerbsException {
        jnr.ffi.Runtime rt = ctx.verbs().runtime();
        pd = need(lib.ibv_alloc_pd(ctx.pointer()), "ibv_alloc_pd");
        buf = Memory.allocateDirect(rt, Math.max(size, 8), true);
        mr = need(lib.ibv_reg_mr(pd, buf, size, IBV_ACCESS_LOCAL_WRITE), "ibv_reg_mr");
        cq = need(lib.ibv_create_cq(ctx.pointer(), 4, null, null, 0), "ibv_create_cq");
        Pointer init = Memory.allocateDirect(rt, QP_INIT_ATTR_SIZE, true);
        init.putAddress(QP_INIT_SEND_CQ, cq.address());
        init.putAddress(QP_INIT_RECV_CQ, cq.address());
        init.putInt(QP_INIT_MAX_SEND_WR, 1);
        init.putInt(QP_INIT_MAX_RECV_WR, 2);
        init.putInt(QP_INIT_MAX_SEND_SGE, 1);
        init.putInt(QP_INIT_MAX_RECV_SGE, 1);
        init.putInt(QP_INIT_QP_TYPE, IBV_QPT_RC);
        qp = need(lib.ibv_create_qp(pd, init), "ibv_create_qp");

        sge = Memory.allocateDirect(rt, SGE_SIZE, true);
        sge.putLong(SGE_ADDR, buf.address());
        sge.putInt(SGE_LENGTH, size);
        sge.putInt(SGE_LKEY, mr.getInt(MR_LKEY));
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

        Pointer a = Memory.allocateDirect(rt, QP_ATTR_SIZE, true);
        a.putInt(QPA_QP_STATE, IBV_QPS_INIT);
        a.putShort(QPA_PKEY_INDEX, (short) 0);
        a.putByte(QPA_PORT_NUM, (byte) port);
        a.putInt(QPA_ACCESS_FLAGS, 0);
        int rc = lib.ibv_modify_qp(qp, a, IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT | IBV_QP_ACCESS_FLAGS);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, ctx.name() + ": queue pair to INIT failed (errno " + rc + ")");
        }
        postRecv();
    }

    private static Pointer need(Pointer p, String call) throws VerbsException {
        if (p == null || p.address() == 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, call + " failed");
        }
        return p;
    }

    /** This end's queue pair number, first PSN and GID, for the peer. */
    public QpInfo local() throws VerbsException {
        return new QpInfo(qp.getInt(QP_QP_NUM) & 0xffffff, psn, GidBytes.format(ctx.queryGid(port, gidIndex)), mtu);
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
        jnr.ffi.Runtime rt = ctx.verbs().runtime();
        Pointer a = Memory.allocateDirect(rt, QP_ATTR_SIZE, true);
        a.putInt(QPA_QP_STATE, IBV_QPS_RTR);
        a.putInt(QPA_PATH_MTU, Math.min(mtu, remote.mtu()));
        a.putInt(QPA_DEST_QP_NUM, remote.qpn());
        a.putInt(QPA_RQ_PSN, remote.psn());
        a.putByte(QPA_MAX_DEST_RD_ATOMIC, (byte) 1);
        a.putByte(QPA_MIN_RNR_TIMER, (byte) 12);
        a.put(QPA_AH_DGID, GidBytes.parse(remote.gid()), 0, 16);
        a.putInt(QPA_AH_FLOW_LABEL, FlowLabels.require(flowLabel));
        a.putByte(QPA_AH_SGID_INDEX, (byte) gidIndex);
        a.putByte(QPA_AH_HOP_LIMIT, (byte) 1);
        a.putByte(QPA_AH_IS_GLOBAL, (byte) 1);
        a.putByte(QPA_AH_PORT_NUM, (byte) port);
        int rc = lib.ibv_modify_qp(qp, a, IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU | IBV_QP_DEST_QPN | IBV_QP_RQ_PSN
                | IBV_QP_MAX_DEST_RD_ATOMIC | IBV_QP_MIN_RNR_TIMER);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RTR_FAILED, ctx.name() + ": queue pair to RTR failed (errno " + rc
                    + "): the peer's GID " + remote.gid() + " is not reachable from GID index " + gidIndex);
        }
        Pointer b = Memory.allocateDirect(rt, QP_ATTR_SIZE, true);
        b.putInt(QPA_QP_STATE, IBV_QPS_RTS);
        b.putByte(QPA_TIMEOUT, (byte) 14);
        b.putByte(QPA_RETRY_CNT, (byte) 7);
        b.putByte(QPA_RNR_RETRY, (byte) 7);
        b.putInt(QPA_SQ_PSN, psn);
        b.putByte(QPA_MAX_RD_ATOMIC, (byte) 1);
        rc = lib.ibv_modify_qp(qp, b, IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT | IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RTS_FAILED, ctx.name() + ": queue pair to RTS failed (errno " + rc + ")");
        }
    }

    void postRecv() throws VerbsException {
        int rc = data.postRecv(qp.address(), recvWr.address(), badWr.address());
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, ctx.name() + ": post receive failed (errno " + rc + ")");
        }
    }

    void postSend() throws VerbsException {
        int rc = data.postSend(qp.address(), sendWr.address(), badWr.address());
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, ctx.name() + ": post send failed (errno " + rc + ")");
        }
    }

    long stamp() {
        return buf.getLong(0);
    }

    void stamp(long value) {
        buf.putLong(0, value);
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
                throw new VerbsException(VerbsFailure.TIMEOUT, ctx.name() + ": no " + (arrivedSends < sends ? "send" : "receive")
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
            int n = data.pollCq(cq.address(), 2, wc.address());
            if (n < 0) {
                throw new VerbsException(VerbsFailure.RESOURCE, ctx.name() + ": poll CQ failed");
            }
            for (int i = 0; i < n; i++) {
                long off = (long) i * WC_SIZE;
                int status = wc.getInt(off + WC_STATUS);
                long id = wc.getLong(off + WC_WR_ID);
                if (status != IBV_WC_SUCCESS) {
                    VerbsFailure f = status == IBV_WC_RETRY_EXC_ERR || status == IBV_WC_RNR_RETRY_EXC_ERR
                            ? VerbsFailure.RETRY_EXCEEDED : VerbsFailure.COMPLETION_ERROR;
                    throw new VerbsException(f, ctx.name() + ": " + (id == SEND_ID ? "send" : "receive") + " completed with "
                            + lib.ibv_wc_status_str(status) + " (" + status + ")");
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
        if (qp != null) {
            lib.ibv_destroy_qp(qp);
            qp = null;
        }
        if (cq != null) {
            lib.ibv_destroy_cq(cq);
            cq = null;
        }
        if (mr != null) {
            lib.ibv_dereg_mr(mr);
            mr = null;
        }
        if (pd != null) {
            lib.ibv_dealloc_pd(pd);
            pd = null;
        }
    }
}
