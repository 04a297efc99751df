package org.networktool.planners;

public enum GateKind {
    /** Tools present, ovs-vswitchd answering, running as root. */
    PREFLIGHT,
    /** The storage IP sits on exactly the named interface. */
    STORAGE_IP,
    /** Storage peers answer from the storage IP. */
    REACHABILITY,
    /** The OVS bridge and internal port exist. */
    OVS_BRIDGE,
    /** The OVS bond exists with the named members enabled and an active member. */
    OVS_BOND,
    /** Every bond member sees the same LACP partner system and key (one port-channel). */
    LACP_PARTNER,
    /** Every storage RDMA device has an ACTIVE port and a RoCE v2 GID for the storage IP. */
    RDMA,
    /** An RC queue pair to every peer's probe responder completes send/receive round trips, from at least one RDMA path per NIC. */
    RDMA_PINGPONG,
    /** balance-tcp: from every member carrying traffic, enough UDP 5-tuples to each peer come back on the member they left on. */
    PATH_SYMMETRY,
    /** The Open vSwitch database file (not only the running server) holds the bridge, the bond with its members and the internal port. */
    OVS_PERSISTED,
    /** After the last step: the live host is the target (nmstate's verify); the executor checks it, no step plans it. */
    TARGET
}
