/* Prints the libibverbs struct offsets, sizes and constants that VerbsLayout.java hard-codes, one
 * "NAME VALUE" per line, from the installed <infiniband/verbs.h>: VerbsLayoutTest compares them. */
#include <stddef.h>
#include <stdio.h>
#include <infiniband/verbs.h>

#define OFF(s, f, name) printf("%s %zu\n", name, offsetof(struct s, f))
#define SIZE(s, name) printf("%s %zu\n", name, sizeof(struct s))
#define CONST(c) printf("%s %ld\n", #c, (long) (c))

int main(void) {
    OFF(ibv_context, ops.poll_cq, "CONTEXT_OPS_POLL_CQ");
    OFF(ibv_context, ops.post_send, "CONTEXT_OPS_POST_SEND");
    OFF(ibv_context, ops.post_recv, "CONTEXT_OPS_POST_RECV");

    OFF(ibv_port_attr, state, "PORT_STATE");
    OFF(ibv_port_attr, max_mtu, "PORT_MAX_MTU");
    OFF(ibv_port_attr, active_mtu, "PORT_ACTIVE_MTU");
    OFF(ibv_port_attr, gid_tbl_len, "PORT_GID_TBL_LEN");
    OFF(ibv_port_attr, phys_state, "PORT_PHYS_STATE");
    OFF(ibv_port_attr, link_layer, "PORT_LINK_LAYER");
    SIZE(ibv_port_attr, "PORT_ATTR_SIZE");

    OFF(ibv_qp_init_attr, send_cq, "QP_INIT_SEND_CQ");
    OFF(ibv_qp_init_attr, recv_cq, "QP_INIT_RECV_CQ");
    OFF(ibv_qp_init_attr, cap.max_send_wr, "QP_INIT_MAX_SEND_WR");
    OFF(ibv_qp_init_attr, cap.max_recv_wr, "QP_INIT_MAX_RECV_WR");
    OFF(ibv_qp_init_attr, cap.max_send_sge, "QP_INIT_MAX_SEND_SGE");
    OFF(ibv_qp_init_attr, cap.max_recv_sge, "QP_INIT_MAX_RECV_SGE");
    OFF(ibv_qp_init_attr, qp_type, "QP_INIT_QP_TYPE");
    SIZE(ibv_qp_init_attr, "QP_INIT_ATTR_SIZE");

    OFF(ibv_qp, qp_num, "QP_QP_NUM");
    OFF(ibv_mr, lkey, "MR_LKEY");

    OFF(ibv_qp_attr, qp_state, "QPA_QP_STATE");
    OFF(ibv_qp_attr, path_mtu, "QPA_PATH_MTU");
    OFF(ibv_qp_attr, rq_psn, "QPA_RQ_PSN");
    OFF(ibv_qp_attr, sq_psn, "QPA_SQ_PSN");
    OFF(ibv_qp_attr, dest_qp_num, "QPA_DEST_QP_NUM");
    OFF(ibv_qp_attr, qp_access_flags, "QPA_ACCESS_FLAGS");
    OFF(ibv_qp_attr, ah_attr.grh.dgid, "QPA_AH_DGID");
    OFF(ibv_qp_attr, ah_attr.grh.flow_label, "QPA_AH_FLOW_LABEL");
    OFF(ibv_qp_attr, ah_attr.grh.sgid_index, "QPA_AH_SGID_INDEX");
    OFF(ibv_qp_attr, ah_attr.grh.hop_limit, "QPA_AH_HOP_LIMIT");
    OFF(ibv_qp_attr, ah_attr.is_global, "QPA_AH_IS_GLOBAL");
    OFF(ibv_qp_attr, ah_attr.port_num, "QPA_AH_PORT_NUM");
    OFF(ibv_qp_attr, pkey_index, "QPA_PKEY_INDEX");
    OFF(ibv_qp_attr, max_rd_atomic, "QPA_MAX_RD_ATOMIC");
    OFF(ibv_qp_attr, max_dest_rd_atomic, "QPA_MAX_DEST_RD_ATOMIC");
    OFF(ibv_qp_attr, min_rnr_timer, "QPA_MIN_RNR_TIMER");
    OFF(ibv_qp_attr, port_num, "QPA_PORT_NUM");
    OFF(ibv_qp_attr, timeout, "QPA_TIMEOUT");
    OFF(ibv_qp_attr, retry_cnt, "QPA_RETRY_CNT");
    OFF(ibv_qp_attr, rnr_retry, "QPA_RNR_RETRY");
    SIZE(ibv_qp_attr, "QP_ATTR_SIZE");

    OFF(ibv_sge, addr, "SGE_ADDR");
    OFF(ibv_sge, length, "SGE_LENGTH");
    OFF(ibv_sge, lkey, "SGE_LKEY");
    SIZE(ibv_sge, "SGE_SIZE");
    OFF(ibv_recv_wr, wr_id, "RECV_WR_ID");
    OFF(ibv_recv_wr, sg_list, "RECV_WR_SG_LIST");
    OFF(ibv_recv_wr, num_sge, "RECV_WR_NUM_SGE");
    SIZE(ibv_recv_wr, "RECV_WR_SIZE");
    OFF(ibv_send_wr, wr_id, "SEND_WR_ID");
    OFF(ibv_send_wr, sg_list, "SEND_WR_SG_LIST");
    OFF(ibv_send_wr, num_sge, "SEND_WR_NUM_SGE");
    OFF(ibv_send_wr, opcode, "SEND_WR_OPCODE");
    OFF(ibv_send_wr, send_flags, "SEND_WR_SEND_FLAGS");
    SIZE(ibv_send_wr, "SEND_WR_SIZE");
    OFF(ibv_wc, wr_id, "WC_WR_ID");
    OFF(ibv_wc, status, "WC_STATUS");
    OFF(ibv_wc, opcode, "WC_OPCODE");
    OFF(ibv_wc, byte_len, "WC_BYTE_LEN");
    SIZE(ibv_wc, "WC_SIZE");

    CONST(IBV_QPT_RC);
    CONST(IBV_QPS_INIT);
    CONST(IBV_QPS_RTR);
    CONST(IBV_QPS_RTS);
    CONST(IBV_WR_SEND);
    CONST(IBV_SEND_SIGNALED);
    CONST(IBV_ACCESS_LOCAL_WRITE);
    CONST(IBV_QP_STATE);
    CONST(IBV_QP_ACCESS_FLAGS);
    CONST(IBV_QP_PKEY_INDEX);
    CONST(IBV_QP_PORT);
    CONST(IBV_QP_AV);
    CONST(IBV_QP_PATH_MTU);
    CONST(IBV_QP_DEST_QPN);
    CONST(IBV_QP_RQ_PSN);
    CONST(IBV_QP_MAX_DEST_RD_ATOMIC);
    CONST(IBV_QP_MIN_RNR_TIMER);
    CONST(IBV_QP_TIMEOUT);
    CONST(IBV_QP_RETRY_CNT);
    CONST(IBV_QP_RNR_RETRY);
    CONST(IBV_QP_SQ_PSN);
    CONST(IBV_QP_MAX_QP_RD_ATOMIC);
    CONST(IBV_WC_SUCCESS);
    CONST(IBV_WC_RETRY_EXC_ERR);
    CONST(IBV_WC_RNR_RETRY_EXC_ERR);
    CONST(IBV_WC_SEND);
    CONST(IBV_WC_RECV);
    CONST(IBV_PORT_ACTIVE);
    CONST(IBV_LINK_LAYER_ETHERNET);
    return 0;
}
