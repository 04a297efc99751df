package org.networktool.verbscheck;

/** The named ways a verbs check fails, as a field engineer reads them in a report or a journal. */
public enum VerbsFailure {
    NO_LIBRARY("no RDMA library"),
    NO_DEVICES("no RDMA devices"),
    NO_DEVICE("no such RDMA device"),
    PORT_DOWN("port not ACTIVE"),
    NO_GID("no RoCE v2 GID"),
    PEER_UNREACHABLE("peer unreachable"),
    AUTH_FAILED("authentication failed"),
    PROTOCOL("probe protocol error"),
    RESOURCE("verbs resource failed"),
    RTR_FAILED("RTR failed"),
    RTS_FAILED("RTS failed"),
    TIMEOUT("timeout"),
    RETRY_EXCEEDED("retry exceeded"),
    COMPLETION_ERROR("completion error");

    private final String label;

    VerbsFailure(String label) {
        this.label = label;
    }

    /** Short words for reports: "retry exceeded", "no RoCE v2 GID". */
    public String label() {
        return label;
    }
}
