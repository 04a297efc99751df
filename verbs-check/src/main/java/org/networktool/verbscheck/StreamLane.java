package org.networktool.verbscheck;

import java.util.function.LongConsumer;

/**
 * One queue pair of a {@link MultipathStream}: one member's path to one peer port. Messages are single 64-bit words;
 * the responder echoes each on the lane it came in on, in order (RC delivers in order on one queue pair).
 */
public interface StreamLane extends AutoCloseable {
    /** Posts one message; false when every send slot is busy. An error means the queue pair is broken. */
    boolean post(long word) throws VerbsException;

    /** Hands every message received since the last call to {@code sink}; an error completion throws (the lane is broken). */
    void poll(LongConsumer sink) throws VerbsException;

    /** Destroys the queue pair; never throws. */
    @Override
    void close();
}
