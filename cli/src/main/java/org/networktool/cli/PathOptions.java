package org.networktool.cli;

import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.PathProber;
import picocli.CommandLine.Option;

/** How path-probe sends: how many tuples, how fast, how long it waits. */
public final class PathOptions {
    @Option(names = "--tuples", paramLabel = "N", defaultValue = "256", description = "Source ports to try per peer (default: ${DEFAULT-VALUE}).")
    int tuples;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "2000", description = "Probes sent per second at most (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--path-timeout", paramLabel = "MS", defaultValue = "1000",
            description = "How long to wait for replies after the last probe; with --verbs, per round: every queue pair has --rounds times this for all its rounds (default: ${DEFAULT-VALUE} ms).")
    int timeoutMs;

    PathProber.Settings settings() {
        ProbeOptions.range(tuples, 1, 16_384, "--tuples");
        ProbeOptions.range(rate, 10, 100_000, "--rate");
        ProbeOptions.range(timeoutMs, 10, 60_000, "--path-timeout");
        return new PathProber.Settings(tuples, PathProber.FIRST_PORT, rate, timeoutMs);
    }

    static void requireIpv4(String address, String option) {
        if (!address.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            throw NetworkToolException.invalidInput(option + " " + address + ": give an IPv4 address (path probes follow RoCE v2 over IPv4)");
        }
    }
}
