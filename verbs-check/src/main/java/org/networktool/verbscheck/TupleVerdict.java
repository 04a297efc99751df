package org.networktool.verbscheck;

/** What a path probe showed of one 5-tuple. */
public enum TupleVerdict {
    /** The reply came back on the member the request left on: safe for an RDMA connection. */
    SYMMETRIC("symmetric"),
    /** The reply came back on another member: a queue pair on this tuple loses its traffic. */
    ASYMMETRIC("asymmetric"),
    /** No signed reply within the timeout. */
    LOST("lost"),
    /** Answered, but the request or the reply crossed none of the watched members. */
    UNSEEN("not seen on a member");

    private final String label;

    TupleVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
