package org.networktool.verbscheck;

import java.util.List;

/**
 * A flow-label probe from one local path to one RoCE port of a peer ({@code peerPort}: host device/port):
 * every label's result, or the named failure that kept the probe from running (then {@code flows} is empty).
 */
public record FlowPathResult(String peerPort, RocePath path, int rounds, List<FlowResult> flows, long setupMs, long probeMs,
        VerbsFailure failure, String message) {

    public FlowPathResult {
        flows = List.copyOf(flows);
    }

    public static FlowPathResult failed(String peerPort, RocePath path, int rounds, VerbsException e, long setupMs) {
        return new FlowPathResult(peerPort, path, rounds, List.of(), setupMs, 0, e.failure(), e.getMessage());
    }

    public boolean ran() {
        return failure == null;
    }

    public long count(FlowVerdict v) {
        return flows.stream().filter(f -> f.verdict() == v).count();
    }

    /** The labels a queue pair from this path to that port can use, in the order probed. */
    public List<Integer> stableLabels() {
        return flows.stream().filter(f -> f.verdict() == FlowVerdict.STABLE).map(FlowResult::label).toList();
    }
}
