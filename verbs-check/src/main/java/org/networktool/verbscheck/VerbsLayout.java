package org.networktool.verbscheck;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offsets, sizes and constants of rdma-core 44 {@code <infiniband/verbs.h>} on x86_64/LP64, the
 * ones the bindings read and write. A mistake here corrupts native memory rather than failing,
 * so VerbsLayoutTest compiles a C program against the installed header and compares every value.
 */
final class VerbsLayout {
    static final int CONTEXT_OPS_POLL_CQ = 96;
    static final int CONTEXT_OPS_POST_SEND = 208;
    static final int CONTEXT_OPS_POST_RECV = 216;
    static final int PORT_STATE = 0;
    static final int PORT_MAX_MTU = 4;
    static final int PORT_ACTIVE_MTU = 8;
    static final int PORT_GID_TBL_LEN = 12;
    static final int PORT_PHYS_STATE = 45;
    static final int PORT_LINK_LAYER = 46;
    static final int PORT_ATTR_SIZE = 52;
    static final int QP_INIT_SEND_CQ = 8;
    static final int QP_INIT_RECV_CQ = 16;
    static final int QP_INIT_MAX_SEND_WR = 32;
    static final int QP_INIT_MAX_RECV_WR = 36;
    static final int QP_INIT_MAX_SEND_SGE = 40;
    static final int QP_INIT_MAX_RECV_SGE = 44;
    static final int QP_INIT_QP_TYPE = 52;
    static final int QP_INIT_ATTR_SIZE = 64;
    static final int QP_QP_NUM = 52;
    static final int MR_LKEY = 36;
    static final int QPA_QP_STATE = 0;
    static final int QPA_PATH_MTU = 8;
    static final int QPA_RQ_PSN = 20;
    static final int QPA_SQ_PSN = 24;
    static final int QPA_DEST_QP_NUM = 28;
    static final int QPA_ACCESS_FLAGS = 32;
    static final int QPA_AH_DGID = 56;
    static final int QPA_AH_FLOW_LABEL = 72;
    static final int QPA_AH_SGID_INDEX = 76;
    static final int QPA_AH_HOP_LIMIT = 77;
    static final int QPA_AH_IS_GLOBAL = 85;
    static final int QPA_AH_PORT_NUM = 86;
    static final int QPA_PKEY_INDEX = 120;
    static final int QPA_MAX_RD_ATOMIC = 126;
    static final int QPA_MAX_DEST_RD_ATOMIC = 127;
    static final int QPA_MIN_RNR_TIMER = 128;
    static final int QPA_PORT_NUM = 129;
    static final int QPA_TIMEOUT = 130;
    static final int QPA_RETRY_CNT = 131;
    static final int QPA_RNR_RETRY = 132;
    static final int QP_ATTR_SIZE = 144;
    static final int SGE_ADDR = 0;
    static final int SGE_LENGTH = 8;
    static final int SGE_LKEY = 12;
    static final int SGE_SIZE = 16;
    static final int RECV_WR_ID = 0;
    static final int RECV_WR_SG_LIST = 16;
    static final int RECV_WR_NUM_SGE = 24;
    static final int RECV_WR_SIZE = 32;
    static final int SEND_WR_ID = 0;
    static final int SEND_WR_SG_LIST = 16;
    static final int SEND_WR_NUM_SGE = 24;
    static final int SEND_WR_OPCODE = 28;
    static final int SEND_WR_SEND_FLAGS = 32;
    static final int SEND_WR_SIZE = 128;
    static final int WC_WR_ID = 0;
    static final int WC_STATUS = 8;
    static final int WC_OPCODE = 12;
    static final int WC_BYTE_LEN = 20;
    static final int WC_SIZE = 48;
    static final int IBV_QPT_RC = 2;
    static final int IBV_QPS_INIT = 1;
    static final int IBV_QPS_RTR = 2;
    static final int IBV_QPS_RTS = 3;
    static final int IBV_WR_SEND = 2;
    static final int IBV_SEND_SIGNALED = 2;
    static final int IBV_ACCESS_LOCAL_WRITE = 1;
    static final int IBV_QP_STATE = 1;
    static final int IBV_QP_ACCESS_FLAGS = 8;
    static final int IBV_QP_PKEY_INDEX = 16;
    static final int IBV_QP_PORT = 32;
    static final int IBV_QP_AV = 128;
    static final int IBV_QP_PATH_MTU = 256;
    static final int IBV_QP_DEST_QPN = 1048576;
    static final int IBV_QP_RQ_PSN = 4096;
    static final int IBV_QP_MAX_DEST_RD_ATOMIC = 131072;
    static final int IBV_QP_MIN_RNR_TIMER = 32768;
    static final int IBV_QP_TIMEOUT = 512;
    static final int IBV_QP_RETRY_CNT = 1024;
    static final int IBV_QP_RNR_RETRY = 2048;
    static final int IBV_QP_SQ_PSN = 65536;
    static final int IBV_QP_MAX_QP_RD_ATOMIC = 8192;
    static final int IBV_WC_SUCCESS = 0;
    static final int IBV_WC_RETRY_EXC_ERR = 12;
    static final int IBV_WC_RNR_RETRY_EXC_ERR = 13;
    static final int IBV_WC_SEND = 0;
    static final int IBV_WC_RECV = 128;
    static final int IBV_PORT_ACTIVE = 4;
    static final int IBV_LINK_LAYER_ETHERNET = 2;

    private VerbsLayout() {
    }

    /** Every constant by name, for the layout test. */
    static Map<String, Integer> all() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Field f : VerbsLayout.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    m.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return m;
    }
}
