package org.networktool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.networktool.layout.NetworkToolException;
import org.networktool.executors.PublishedMap;
import org.networktool.verbscheck.DownPorts;
import org.networktool.verbscheck.StreamSettings;
import picocli.CommandLine.Option;

/** verbs-check --soak: how long the stream runs and how it decides a path has failed. */
public final class SoakOptions {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(ms|s|m|h)?");

    @Option(names = "--soak", paramLabel = "DURATION",
            description = "Instead of ping-pongs: hold an RDMA stream to each --peer for DURATION (90s, 10m, 2h; a bare number is"
                    + " seconds) over one queue pair per member path, moving to a standby queue pair when a path stalls and"
                    + " resending what was not acknowledged. Prints messages lost (must be 0), each failover and its gap; Ctrl-C"
                    + " ends it early with the summary.")
    String soak;

    @Option(names = "--stall-ms", paramLabel = "MS", defaultValue = "50",
            description = "--soak: a path whose oldest message is unanswered this long is left for a standby; well below the queue"
                    + " pair's own retry timeout (about 0.5 s) (default: ${DEFAULT-VALUE}).")
    int stallMs;

    @Option(names = "--rate", paramLabel = "MSGS", defaultValue = "1000", description = "--soak: messages per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--window", paramLabel = "N", defaultValue = "8",
            description = "--soak: messages in flight per queue pair, at most 64 (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--single-path",
            description = "--soak, for comparison: one queue pair at a time, no deadline, rebuilt on the next path only after it"
                    + " errors (what an application without multipath does).")
    boolean singlePath;

    @Option(names = "--every-port",
            description = "--soak: a lane from every RDMA port's link-local path too, not only the members' (each carries once it"
                    + " answers): to hold a stream through a migration, where the members' paths become usable step by step.")
    boolean everyPort;

    @Option(names = "--follow-map", paramLabel = "FILE", arity = "0..1", fallbackValue = "/run/network-tool/rdma-paths.json",
            description = "--soak: also move a member's lanes off the moment the map `network-tool watch` publishes says the member"
                    + " is disabled (its link went), not only at --stall-ms (FILE default: /run/network-tool/rdma-paths.json).")
    Path followMap;

    boolean on() {
        return soak != null;
    }

    /** Bad input said before anything is opened: the duration, the settings, and that there are peers to stream to. */
    void check(boolean hasPeers) {
        if (!on()) {
            return;
        }
        durationMs();
        settings(false);
        if (!hasPeers) {
            throw NetworkToolException.invalidInput("--soak needs --peer: the hosts running network-tool probe serve to stream to");
        }
        if (followMap != null && singlePath) {
            throw NetworkToolException.invalidInput("--follow-map with --single-path: the single queue pair of the comparison follows no map; drop one");
        }
        if (followMap != null && !Files.isRegularFile(followMap)) {
            throw NetworkToolException.invalidInput("--follow-map " + followMap + ": no such map; start `network-tool watch` first (it publishes"
                    + " there), or give the file its --map-file names");
        }
    }

    /** What the stream follows besides its own deadline: watch's map with --follow-map, else nothing. */
    DownPorts downPorts() {
        return followMap == null ? DownPorts.NONE : new PublishedMap(followMap);
    }

    long durationMs() {
        Matcher m = DURATION.matcher(soak.strip());
        if (!m.matches()) {
            throw NetworkToolException.invalidInput("--soak " + soak + ": not a duration; give e.g. 90s, 10m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long ms = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1_000;
        };
        if (ms < 1_000 || ms > 7 * 86_400_000L) {
            throw NetworkToolException.invalidInput("--soak " + soak + ": give 1s to 7 days");
        }
        return ms;
    }

    StreamSettings settings(boolean spread) {
        ProbeOptions.range(stallMs, 1, 60_000, "--stall-ms");
        ProbeOptions.range(rate, 1, 100_000, "--rate");
        ProbeOptions.range(window, 1, 64, "--window");
        return new StreamSettings(window, rate, stallMs, Math.max(10, 2 * stallMs), 30_000, !singlePath, spread);
    }
}
