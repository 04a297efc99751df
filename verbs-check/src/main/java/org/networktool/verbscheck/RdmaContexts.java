package org.networktool.verbscheck;

import java.util.HashMap;
import java.util.Map;

/** Open RDMA devices by name, shared by the threads of one stream; closed together, after their queue pairs. */
final class RdmaContexts implements AutoCloseable {
    private final Verbs verbs;
    private final Map<String, RdmaContext> open = new HashMap<>();

    RdmaContexts(Verbs verbs) {
        this.verbs = verbs;
    }

    synchronized RdmaContext get(String device) throws VerbsException {
        RdmaContext c = open.get(device);
        if (c == null) {
            c = verbs.open(device);
            open.put(device, c);
        }
        return c;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(RdmaContext::close);
        open.clear();
    }
}
