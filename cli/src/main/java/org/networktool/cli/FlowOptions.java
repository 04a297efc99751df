package org.networktool.cli;

import org.networktool.verbscheck.FlowLabels;
import org.networktool.verbscheck.FlowProber;
import org.networktool.verbscheck.FlowSet;
import picocli.CommandLine.Option;

/** path-probe --verbs: which flow labels, how many rounds. */
public final class FlowOptions {
    @Option(names = "--verbs", description = "Probe with RC queue pairs from each member's own RDMA function, one per flow label,"
            + " instead of UDP and packet taps (hardware RoCE: taps see none of its traffic).")
    boolean verbs;

    @Option(names = "--flow-labels", paramLabel = "N", defaultValue = "64",
            description = "--verbs: flow labels (queue pairs) per member and peer port, at most " + FlowSet.MAX_FLOWS + " (default: ${DEFAULT-VALUE}).")
    int labels;

    @Option(names = "--first-flow-label", paramLabel = "L", defaultValue = "1",
            description = "--verbs: the first flow label; the UDP source port is 49152 + L for L below 16384 (default: ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "--verbs: ping-pongs per queue pair; a label is stable when all are answered (default: ${DEFAULT-VALUE}).")
    int rounds;

    FlowProber.Settings settings(int roundMs) {
        ProbeOptions.range(labels, 1, FlowSet.MAX_FLOWS, "--flow-labels");
        ProbeOptions.range(first, 1, FlowLabels.MAX - labels + 1, "--first-flow-label");
        ProbeOptions.range(rounds, 1, 20, "--rounds");
        ProbeOptions.range(roundMs, 10, 10_000, "--path-timeout");
        return new FlowProber.Settings(first, labels, rounds, roundMs);
    }
}
