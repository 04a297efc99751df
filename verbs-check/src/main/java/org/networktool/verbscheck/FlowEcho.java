package org.networktool.verbscheck;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The responder's half of a flow-label probe: echoes every message on every queue pair of the set
 * until each has echoed {@code rounds} messages, the checker says it is done, or the deadline. A queue
 * pair whose path is broken errors or stays silent; the others go on. Counts what each received: that
 * a request arrived but its echo did not is how the checker tells a lost reply from a lost request.
 */
final class FlowEcho {
    /** Empty sweeps sleep this long: a responder on a busy host must not take a core from the switch it sits beside. */
    private static final long IDLE_NANOS = 20_000;

    private FlowEcho() {
    }

    /** Receive completions per queue pair, in the set's order. {@code done}: true once the checker has finished. */
    static int[] serve(List<RcEndpoint> endpoints, int rounds, long deadlineNanos, java.util.function.BooleanSupplier done) {
        int n = endpoints.size();
        int[] received = new int[n];
        boolean[] sending = new boolean[n];
        boolean[] finished = new boolean[n];
        int open = n;
        int sweeps = 0;
        while (open > 0) {
            boolean progress = false;
            for (int i = 0; i < n; i++) {
                if (finished[i]) {
                    continue;
                }
                RcEndpoint e = endpoints.get(i);
                try {
                    if (sending[i]) {
                        if (e.poll(1, 0)) {
                            sending[i] = false;
                            progress = true;
                            if (received[i] == rounds) {
                                finished[i] = true;
                                open--;
                            }
                        }
                    } else if (e.poll(0, 1)) {
                        received[i]++;
                        e.postRecv();
                        e.postSend();
                        sending[i] = true;
                        progress = true;
                    }
                } catch (VerbsException x) {
                    // this path is broken (retry exceeded, flushed): the count so far is its answer
                    finished[i] = true;
                    open--;
                }
            }
            if (!progress) {
                if ((++sweeps & 63) == 0 && (System.nanoTime() > deadlineNanos || done.getAsBoolean())) {
                    break;
                }
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
        return received;
    }
}
