package org.networktool.verbscheck;

import static org.networktool.verbscheck.VerbsLayout.*;

import java.security.SecureRandom;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An RC queue pair on one RoCE path with one registered buffer, from creation to RTS, and its completion queue: what
 * a ping-pong endpoint ({@link RcEndpoint}) and a stream lane ({@link StreamQp}) share. Their work requests point into
 * {@link #buffer()}; the timers and retries are ibv_rc_pingpong's.
 */
final class QueuePair implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final RdmaContext ctx;
    private final LibIbverbs lib;
    private final int port;
    private final int gidIndex;
    private final int mtu;
    private final int psn = RANDOM.nextInt(0x1000000);
    private final DataPath data;
    private Pointer pd;
    private Pointer buf;
    private Pointer mr;
    private Pointer cq;
    private Pointer qp;

    private QueuePair(RdmaContext ctx, RocePath path) {
        this.ctx = ctx;
        this.lib = ctx.verbs().lib();
        this.port = path.port();
        this.gidIndex = path.gidIndex();
        this.mtu = path.activeMtuEnum();
        this.data = new DataPath(ctx.pointer());
    }

    /** PD, a buffer of {@code bytes}, MR, a CQ of {@code cqDepth} and an RC QP in INIT on the path's port. */
    static QueuePair open(RdmaContext ctx, RocePath path, int bytes, int sendDepth, int recvDepth, int cqDepth) throws VerbsException {
        QueuePair q = new QueuePair(ctx, path);
        try {
            q.create(bytes, sendDepth, recvDepth, cqDepth);
            return q;
        } catch (VerbsException | RuntimeException x) {
            q.close();
            throw x;
        }
    }

    private void create(int bytes, int sendDepth, int recvDepth, int cqDepth) throws VerbsException {
        jnr.ffi.Runtime rt = runtime();
        pd = need(lib.ibv_alloc_pd(ctx.pointer()), "ibv_alloc_pd");
        buf = Memory.allocateDirect(rt, Math.max(bytes, 8), true);
        mr = need(lib.ibv_reg_mr(pd, buf, bytes, IBV_ACCESS_LOCAL_WRITE), "ibv_reg_mr");
        cq = need(lib.ibv_create_cq(ctx.pointer(), cqDepth, null, null, 0), "ibv_create_cq");
        Pointer init = Memory.allocateDirect(rt, QP_INIT_ATTR_SIZE, true);
        init.putAddress(QP_INIT_SEND_CQ, cq.address());
        init.putAddress(QP_INIT_RECV_CQ, cq.address());
        init.putInt(QP_INIT_MAX_SEND_WR, sendDepth);
        init.putInt(QP_INIT_MAX_RECV_WR, recvDepth);
        init.putInt(QP_INIT_MAX_SEND_SGE, 1);
        init.putInt(QP_INIT_MAX_RECV_SGE, 1);
        init.putInt(QP_INIT_QP_TYPE, IBV_QPT_RC);
        qp = need(lib.ibv_create_qp(pd, init), "ibv_create_qp");
        Pointer a = Memory.allocateDirect(rt, QP_ATTR_SIZE, true);
        a.putInt(QPA_QP_STATE, IBV_QPS_INIT);
        a.putShort(QPA_PKEY_INDEX, (short) 0);
        a.putByte(QPA_PORT_NUM, (byte) port);
        a.putInt(QPA_ACCESS_FLAGS, 0);
        int rc = lib.ibv_modify_qp(qp, a, IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT | IBV_QP_ACCESS_FLAGS);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, ctx.name() + ": queue pair to INIT failed (errno " + rc + ")");
        }
    }

    private static Pointer need(Pointer p, String call) throws VerbsException {
        if (p == null || p.address() == 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, call + " failed");
        }
        return p;
    }

    jnr.ffi.Runtime runtime() {
        return ctx.verbs().runtime();
    }

    String deviceName() {
        return ctx.name();
    }

    Pointer buffer() {
        return buf;
    }

    int lkey() {
        return mr.getInt(MR_LKEY);
    }

    /** A scatter/gather entry for {@code length} bytes at {@code offset} of the buffer. */
    Pointer sge(long offset, int length) {
        Pointer sge = Memory.allocateDirect(runtime(), SGE_SIZE, true);
        sge.putLong(SGE_ADDR, buf.address() + offset);
        sge.putInt(SGE_LENGTH, length);
        sge.putInt(SGE_LKEY, lkey());
        return sge;
    }

    /** This end's queue pair number, first PSN and GID, for the peer. */
    QpInfo local() throws VerbsException {
        return new QpInfo(qp.getInt(QP_QP_NUM) & 0xffffff, psn, GidBytes.format(ctx.queryGid(port, gidIndex)), mtu);
    }

    /**
     * INIT → RTR → RTS toward {@code remote} with the GRH flow label {@code flowLabel} (0: from the queue pair numbers) and
     * {@code retries} transport retries of about 67 ms each (timeout 14). 7 is ibv_rc_pingpong's; Soft-RoCE reads 7 as
     * "retry forever" (rxe_comp.c decrements retry_cnt only when it is not 7), a ConnectX port as seven.
     */
    void connect(QpInfo remote, int flowLabel, int retries) throws VerbsException {
        jnr.ffi.Runtime rt = runtime();
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
        b.putByte(QPA_RETRY_CNT, (byte) retries);
        b.putByte(QPA_RNR_RETRY, (byte) 7);
        b.putInt(QPA_SQ_PSN, psn);
        b.putByte(QPA_MAX_RD_ATOMIC, (byte) 1);
        rc = lib.ibv_modify_qp(qp, b, IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT | IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RTS_FAILED, ctx.name() + ": queue pair to RTS failed (errno " + rc + ")");
        }
    }

    int postRecv(long wr, long badWr) {
        return data.postRecv(qp.address(), wr, badWr);
    }

    int postSend(long wr, long badWr) {
        return data.postSend(qp.address(), wr, badWr);
    }

    int pollCq(int entries, long wc) {
        return data.pollCq(cq.address(), entries, wc);
    }

    /** An error completion, named: retry exceeded (the path is gone) apart from the rest. */
    VerbsException completionError(int status, String what) {
        VerbsFailure f = status == IBV_WC_RETRY_EXC_ERR || status == IBV_WC_RNR_RETRY_EXC_ERR ? VerbsFailure.RETRY_EXCEEDED
                : VerbsFailure.COMPLETION_ERROR;
        return new VerbsException(f, ctx.name() + ": " + what + " completed with " + lib.ibv_wc_status_str(status) + " (" + status + ")");
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
