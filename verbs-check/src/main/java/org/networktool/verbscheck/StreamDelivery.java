package org.networktool.verbscheck;

import java.util.TreeSet;

/**
 * The responder's side of a stream's promise: messages are delivered in sequence order exactly once, whatever lane
 * each arrived on and however often it was resent. A message ahead of the next one waits (spread over lanes, or
 * resent after a later one got through); one already delivered or waiting is a duplicate; one further ahead than any
 * checker's window allows is refused and counted (a checker that does that is broken).
 */
final class StreamDelivery {
    /** Above the largest window a checker can have: {@link StreamQp#MAX_SLOTS} × {@link StreamSettings#MAX_LANES}. */
    static final long MAX_AHEAD = (long) StreamQp.MAX_SLOTS * StreamSettings.MAX_LANES;
    private final TreeSet<Long> ahead = new TreeSet<>();
    private long next;
    private long duplicates;
    private long refused;

    /** One data message received (a keepalive is not one). */
    void receive(long seq) {
        if (seq < next || ahead.contains(seq)) {
            duplicates++;
        } else if (seq == next) {
            next++;
            while (ahead.remove(next)) {
                next++;
            }
        } else if (seq - next < MAX_AHEAD) {
            ahead.add(seq);
        } else {
            refused++;
        }
    }

    /** Messages delivered in order: every sequence number below this one. */
    long delivered() {
        return next;
    }

    long duplicates() {
        return duplicates;
    }

    long refused() {
        return refused;
    }

    long waiting() {
        return ahead.size();
    }
}
