package org.networktool.verbscheck;

import static org.networktool.verbscheck.VerbsLayout.*;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A {@link StreamLane} on real verbs: a {@link QueuePair} with {@code slots} receive buffers, all posted, and
 * {@code slots} send buffers. A receive buffer is posted again as soon as its message is read, before anything is
 * echoed, so a peer that keeps at most {@code slots} messages in flight on the lane never meets an empty receive queue.
 */
final class StreamQp implements StreamLane {
    /** Bytes per message slot: the word, and room to spare. */
    static final int MESSAGE = 32;
    static final int MAX_SLOTS = 64;
    private final QueuePair q;
    private final int slots;
    private final Pointer[] recvWr;
    private final Pointer[] sendWr;
    private final Pointer[] sges;
    private final Pointer badWr;
    private final Pointer wc;
    private final ArrayDeque<Integer> freeSends = new ArrayDeque<>();

    private StreamQp(QueuePair q, int slots) {
        this.q = q;
        this.slots = slots;
        jnr.ffi.Runtime rt = q.runtime();
        recvWr = new Pointer[slots];
        sendWr = new Pointer[slots];
        sges = new Pointer[2 * slots];
        for (int i = 0; i < slots; i++) {
            sges[i] = q.sge((long) i * MESSAGE, MESSAGE);
            recvWr[i] = Memory.allocateDirect(rt, RECV_WR_SIZE, true);
            recvWr[i].putLong(RECV_WR_ID, i);
            recvWr[i].putAddress(RECV_WR_SG_LIST, sges[i].address());
            recvWr[i].putInt(RECV_WR_NUM_SGE, 1);
            sges[slots + i] = q.sge((long) (slots + i) * MESSAGE, MESSAGE);
            sendWr[i] = Memory.allocateDirect(rt, SEND_WR_SIZE, true);
            sendWr[i].putLong(SEND_WR_ID, slots + i);
            sendWr[i].putAddress(SEND_WR_SG_LIST, sges[slots + i].address());
            sendWr[i].putInt(SEND_WR_NUM_SGE, 1);
            sendWr[i].putInt(SEND_WR_OPCODE, IBV_WR_SEND);
            sendWr[i].putInt(SEND_WR_SEND_FLAGS, IBV_SEND_SIGNALED);
            freeSends.add(i);
        }
        badWr = Memory.allocateDirect(rt, rt.addressSize(), true);
        wc = Memory.allocateDirect(rt, (long) WC_SIZE * 16, true);
    }

    /** A lane's queue pair in INIT with every receive posted; {@link #local()} goes to the peer, then {@link #connect}. */
    static StreamQp open(RdmaContext ctx, RocePath path, int slots) throws VerbsException {
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots " + slots);
        }
        QueuePair q = QueuePair.open(ctx, path, 2 * slots * MESSAGE, slots, slots, 2 * slots + 2);
        try {
            StreamQp s = new StreamQp(q, slots);
            for (int i = 0; i < slots; i++) {
                s.postRecv(i);
            }
            return s;
        } catch (VerbsException | RuntimeException x) {
            q.close();
            throw x;
        }
    }

    QpInfo local() throws VerbsException {
        return q.local();
    }

    /**
     * Six transport retries: a queue pair on a dead path must end in an error (retry exceeded, about 0.4 s) on Soft-RoCE as on
     * a ConnectX port, so the lane is rebuilt; with seven, Soft-RoCE would retry it forever.
     */
    static final int RETRIES = 6;

    void connect(QpInfo remote, int flowLabel) throws VerbsException {
        q.connect(remote, flowLabel, RETRIES);
    }

    private void postRecv(int slot) throws VerbsException {
        int rc = q.postRecv(recvWr[slot].address(), badWr.address());
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": post receive failed (errno " + rc + ")");
        }
    }

    @Override
    public boolean post(long word) throws VerbsException {
        Integer slot = freeSends.poll();
        if (slot == null) {
            return false;
        }
        q.buffer().putLong((long) (slots + slot) * MESSAGE, word);
        int rc = q.postSend(sendWr[slot].address(), badWr.address());
        if (rc != 0) {
            freeSends.push(slot);
            throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": post send failed (errno " + rc + ")");
        }
        return true;
    }

    @Override
    public void poll(LongConsumer sink) throws VerbsException {
        while (true) {
            int n = q.pollCq(16, wc.address());
            if (n < 0) {
                throw new VerbsException(VerbsFailure.RESOURCE, q.deviceName() + ": poll CQ failed");
            }
            for (int i = 0; i < n; i++) {
                long off = (long) i * WC_SIZE;
                int status = wc.getInt(off + WC_STATUS);
                int id = (int) wc.getLong(off + WC_WR_ID);
                if (status != IBV_WC_SUCCESS) {
                    throw q.completionError(status, id < slots ? "receive" : "send");
                }
                if (id < slots) {
                    long word = q.buffer().getLong((long) id * MESSAGE);
                    postRecv(id);
                    sink.accept(word);
                } else {
                    freeSends.add(id - slots);
                }
            }
            if (n < 16) {
                return;
            }
        }
    }

    @Override
    public void close() {
        q.close();
    }
}
