package org.networktool.cli;

import org.networktool.planners.PathGateSpec;
import picocli.CommandLine.Option;

/** Where the peers answer path probes and how many symmetric tuples a member needs: path-probe's, and upgrade's path gate. */
public final class PathGateOptions {
    /** Source ports upgrade's path gate tries per peer. */
    static final int GATE_TUPLES = 256;
    static final int DEFAULT_MIN_SYMMETRIC = 4;

    @Option(names = "--path-port", paramLabel = "PORT", defaultValue = "4791",
            description = "The UDP port the peers' probe serve answers path probes on (default: ${DEFAULT-VALUE}, RoCE v2's).")
    int pathPort = 4791;

    @Option(names = "--min-symmetric", paramLabel = "K",
            description = "Symmetric 5-tuples (path-probe --verbs: stable flow labels) each member carrying storage traffic needs to every peer. path-probe: default 4;"
                    + " upgrade and plan: given, it adds the path gate after a balance-tcp migration's last step (needs --key-file and --peer).")
    Integer minSymmetric;

    int pathPort() {
        ProbeOptions.range(pathPort, 1, 65_535, "--path-port");
        return pathPort;
    }

    int minSymmetric() {
        int k = minSymmetric == null ? DEFAULT_MIN_SYMMETRIC : minSymmetric;
        ProbeOptions.range(k, 0, 16_384, "--min-symmetric");
        return k;
    }

    /** upgrade's path gate, or null when --min-symmetric was not given. */
    PathGateSpec gate() {
        return minSymmetric == null ? null : new PathGateSpec(pathPort(), minSymmetric(), GATE_TUPLES);
    }

    /** These options as given, to hand on to commands typed in the shell. */
    java.util.List<String> argv() {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (pathPort != 4791) {
            a.addAll(java.util.List.of("--path-port", String.valueOf(pathPort)));
        }
        if (minSymmetric != null) {
            a.addAll(java.util.List.of("--min-symmetric", String.valueOf(minSymmetric)));
        }
        return a;
    }
}
