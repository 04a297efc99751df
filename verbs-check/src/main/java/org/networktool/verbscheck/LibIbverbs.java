package org.networktool.verbscheck;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/**
 * The exported libibverbs symbols the checks call. The data path ({@code ibv_post_send},
 * {@code ibv_post_recv}, {@code ibv_poll_cq}) is static inline in verbs.h and goes through the
 * context's ops table instead: see {@link DataPath}.
 */
public interface LibIbverbs {
    Pointer ibv_get_device_list(@Out IntByReference numDevices);

    void ibv_free_device_list(Pointer list);

    String ibv_get_device_name(Pointer device);

    Pointer ibv_open_device(Pointer device);

    int ibv_close_device(Pointer context);

    /** The exported symbol fills the older, shorter {@code _compat_ibv_port_attr}. */
    int ibv_query_port(Pointer context, byte port, Pointer attr);

    int ibv_query_gid(Pointer context, byte port, int index, Pointer gid);

    Pointer ibv_alloc_pd(Pointer context);

    int ibv_dealloc_pd(Pointer pd);

    Pointer ibv_reg_mr(Pointer pd, Pointer addr, long length, int access);

    int ibv_dereg_mr(Pointer mr);

    Pointer ibv_create_cq(Pointer context, int cqe, Pointer cqContext, Pointer channel, int compVector);

    int ibv_destroy_cq(Pointer cq);

    Pointer ibv_create_qp(Pointer pd, Pointer initAttr);

    int ibv_modify_qp(Pointer qp, Pointer attr, int attrMask);

    int ibv_destroy_qp(Pointer qp);

    String ibv_wc_status_str(int status);
}
