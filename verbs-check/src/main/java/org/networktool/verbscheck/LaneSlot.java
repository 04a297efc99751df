package org.networktool.verbscheck;

import java.util.ArrayDeque;

/** One lane of a {@link MultipathStream} as the stream sees it: its queue pair, state, what is in flight on it, its history. */
final class LaneSlot {
    /** UP carries or stands by; PROVING: rebuilt, its keepalive not answered yet; SUSPECT: stalled; DOWN: being rebuilt; IDLE: not used. */
    enum State { UP, PROVING, SUSPECT, DOWN, IDLE }

    final String name;
    StreamLane lane;
    State state;
    /** {word, sent at} per message posted and not echoed: echoes come back in this order. */
    final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    long lastPost;
    long upSince;
    long suspectSince;
    int failures;
    int stalls;
    int rebuilds;
    String lastProblem;

    LaneSlot(String name) {
        this.name = name;
    }
}
