package org.networktool.verbscheck;

/**
 * The GRH flow label of a RoCE v2 queue pair and the UDP source port it gives: the kernel's
 * {@code rdma_flow_label_to_udp_sport} ({@code include/rdma/ib_verbs.h}), which rxe applies in
 * {@code rxe_modify_qp} and hardware RoCE does likewise. Two QPs with the same label send from the same
 * port, so a label found to hash onto a member keeps hashing there.
 */
public final class FlowLabels {
    /** The GRH flow label is 20 bits. */
    public static final int MAX = 0xFFFFF;
    /** RoCE v2 source ports are taken from 0xC000 up ({@code IB_ROCE_UDP_ENCAP_VALID_PORT_MIN}). */
    private static final int PORT_MIN = 0xC000;

    private FlowLabels() {
    }

    /** The UDP source port of a queue pair with flow label {@code label} (non-zero: 0 means "derive it from the QPNs"). */
    public static int udpSourcePort(int label) {
        int low = require(label) & 0x03FFF;
        int high = label & 0xFC000;
        return ((low ^ (high >> 14)) | PORT_MIN) & 0xFFFF;
    }

    static int require(int label) {
        if (label < 0 || label > MAX) {
            throw new IllegalArgumentException("flow label " + label + " is not 0.." + MAX);
        }
        return label;
    }
}
