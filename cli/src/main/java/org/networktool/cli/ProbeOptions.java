package org.networktool.cli;

import java.nio.file.Path;
import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.ClusterKey;
import picocli.CommandLine.Option;

/** The cluster key and timeouts shared by verbs-check, probe serve and upgrade's RDMA gates. */
public final class ProbeOptions {

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The cluster key shared by every host's probe responder (at least 16 bytes; keep it mode 0600).")
    Path keyFile;

    @Option(names = "--probe-port", paramLabel = "PORT", defaultValue = "18516",
            description = "The port the peers' `network-tool probe serve` listens on, for --peer given without one (default: ${DEFAULT-VALUE}).")
    int probePort;

    @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "3000",
            description = "How long to wait for a probe responder to answer (default: ${DEFAULT-VALUE} ms).")
    int connectTimeoutMs;

    ClusterKey key() {
        if (keyFile == null) {
            throw NetworkToolException.invalidInput("--key-file is required with --peer: the cluster key the peers' probe serve uses");
        }
        return ClusterKey.read(keyFile);
    }

    int probePort() {
        requireRange(probePort, 1, 65_535, "--probe-port");
        return probePort;
    }

    /** These options as given, to hand on to commands typed in the shell. */
    java.util.List<String> argv() {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (keyFile != null) {
            a.addAll(java.util.List.of("--key-file", keyFile.toAbsolutePath().toString()));
        }
        if (probePort != 18516) {
            a.addAll(java.util.List.of("--probe-port", String.valueOf(probePort)));
        }
        if (connectTimeoutMs != 3000) {
            a.addAll(java.util.List.of("--connect-timeout", String.valueOf(connectTimeoutMs)));
        }
        return a;
    }

    /** How upgrade's RC ping-pong gates reach the peers; null without --key-file (no such gates are planned then). */
    org.networktool.executors.RdmaPinger pinger() {
        if (keyFile == null) {
            return null;
        }
        ClusterKey key = key();
        int timeout = connectTimeoutMs();
        return new org.networktool.executors.RdmaPinger() {
            @Override
            public org.networktool.verbscheck.PeerResult ping(org.networktool.verbscheck.RocePath path, org.networktool.verbscheck.ProbePeer peer,
                    String at) {
                try {
                    return new org.networktool.verbscheck.ProbeClient(org.networktool.verbscheck.Verbs.load(), key, timeout).ping(path, peer, at, 50, 64);
                } catch (org.networktool.verbscheck.VerbsException e) {
                    return org.networktool.verbscheck.PeerResult.failed(peer.toString(), path, e, 0);
                }
            }

            @Override
            public java.util.List<org.networktool.layout.RocePortPath> paths(org.networktool.verbscheck.ProbePeer peer)
                    throws org.networktool.verbscheck.VerbsException {
                return new org.networktool.verbscheck.ProbeClient(null, key, timeout).paths(peer);
            }

            @Override
            public org.networktool.verbscheck.FlowPathResult flows(org.networktool.verbscheck.RocePath from,
                    org.networktool.verbscheck.ProbePeer peer, org.networktool.layout.RocePortPath at, int labels) {
                // Two rounds: a label answered twice is not a lucky retransmission.
                org.networktool.verbscheck.FlowProber.Settings s = new org.networktool.verbscheck.FlowProber.Settings(1, labels, 2, 1000);
                try {
                    return new org.networktool.verbscheck.FlowProber(new org.networktool.verbscheck.ProbeClient(
                            org.networktool.verbscheck.Verbs.load(), key, timeout), s).probe(from, peer, at);
                } catch (org.networktool.verbscheck.VerbsException e) {
                    return org.networktool.verbscheck.FlowPathResult.failed(peer.host() + " " + at.device() + "/" + at.port(), from, s.rounds(), e, 0);
                }
            }
        };
    }

    /**
     * What each peer's probe responder advertises of its RoCE ports, asked over the authenticated exchange. A peer that does
     * not answer is bad input for a hardware RoCE plan: said here, before anything is planned.
     */
    java.util.Map<String, java.util.List<org.networktool.layout.RocePortPath>> peerPaths(java.util.List<String> peers) {
        java.util.Map<String, java.util.List<org.networktool.layout.RocePortPath>> out = new java.util.LinkedHashMap<>();
        if (keyFile == null) {
            return out;
        }
        ClusterKey key = key();
        for (String peer : peers) {
            org.networktool.verbscheck.ProbePeer at = new org.networktool.verbscheck.ProbePeer(peer, probePort());
            try {
                out.put(peer, new org.networktool.verbscheck.ProbeClient(null, key, connectTimeoutMs()).paths(at));
            } catch (org.networktool.verbscheck.VerbsException e) {
                throw org.networktool.layout.NetworkToolException.invalidInput("--peer " + peer + ": its RoCE ports are needed to plan"
                        + " the members' neighbour entries, and asking " + at + " failed: " + e.getMessage());
            }
        }
        return out;
    }

    /** How upgrade's path gates probe the peers; null without --key-file. */
    org.networktool.executors.PathChecker pathChecker() {
        if (keyFile == null) {
            return null;
        }
        ClusterKey key = key();
        return (peer, port, members, tuples) -> new org.networktool.verbscheck.PathProber(key, members,
                new org.networktool.verbscheck.PathProber.Settings(tuples, org.networktool.verbscheck.PathProber.FIRST_PORT, 2000, 1000))
                .probe(peer, port, null);
    }

    boolean hasKey() {
        return keyFile != null;
    }

    int connectTimeoutMs() {
        requireRange(connectTimeoutMs, 100, 60_000, "--connect-timeout");
        return connectTimeoutMs;
    }

    void requireRange(int value, int min, int max, String option) {
        range(value, min, max, option);
    }

    /** One line for an out-of-range number: the option, the value, the range to give. */
    static void range(int value, int min, int max, String option) {
        if (value < min || value > max) {
            throw NetworkToolException.invalidInput(option + " " + value + ": give a number from " + min + " to " + max);
        }
    }
}
