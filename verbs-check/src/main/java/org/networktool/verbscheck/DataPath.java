package org.networktool.verbscheck;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Type;
import jnr.ffi.Pointer;

/**
 * {@code ibv_post_send}, {@code ibv_post_recv} and {@code ibv_poll_cq} are static inline in
 * verbs.h: they call the provider through {@code context->ops}. Read those function pointers once
 * and call them through jffi, the layer under jnr-ffi that can invoke an address.
 */
final class DataPath {
    private static final CallContext POST = new CallContext(Type.SINT, Type.POINTER, Type.POINTER, Type.POINTER);
    private static final CallContext POLL = new CallContext(Type.SINT, Type.POINTER, Type.SINT, Type.POINTER);
    private final Invoker invoker = Invoker.getInstance();
    private final long pollCq;
    private final long postSend;
    private final long postRecv;

    DataPath(Pointer context) {
        pollCq = context.getAddress(VerbsLayout.CONTEXT_OPS_POLL_CQ);
        postSend = context.getAddress(VerbsLayout.CONTEXT_OPS_POST_SEND);
        postRecv = context.getAddress(VerbsLayout.CONTEXT_OPS_POST_RECV);
        if (pollCq == 0 || postSend == 0 || postRecv == 0) {
            throw new IllegalStateException("the RDMA provider has no poll_cq/post_send/post_recv in its ops table");
        }
    }

    int pollCq(long cq, int entries, long wc) {
        return (int) invoker.invokeN3(POLL, pollCq, cq, entries, wc);
    }

    int postSend(long qp, long wr, long badWr) {
        return (int) invoker.invokeN3(POST, postSend, qp, wr, badWr);
    }

    int postRecv(long qp, long wr, long badWr) {
        return (int) invoker.invokeN3(POST, postRecv, qp, wr, badWr);
    }
}
