package org.networktool.verbscheck;

/** What one flow label's queue pair showed over a flow-label probe's rounds. */
public enum FlowVerdict {
    /** Every round answered in time: the 5-tuple hashes onto this member both ways; a queue pair can use the label. */
    STABLE("stable"),
    /** The peer received the requests but no echo came back: the replies land on another member (or port) and stall. */
    REPLIES_LOST("replies lost"),
    /** The peer received nothing: the requests went to a port of the peer whose RDMA function does not own the GID. */
    REQUESTS_LOST("requests lost"),
    /** Some rounds answered, some not: the path changed under the probe (a flapping member, a rehash). */
    UNSTABLE("unstable");

    private final String label;

    FlowVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static FlowVerdict of(int rounds, int answered, int received) {
        if (answered == rounds) {
            return STABLE;
        }
        if (answered > 0) {
            return UNSTABLE;
        }
        return received > 0 ? REPLIES_LOST : REQUESTS_LOST;
    }
}
