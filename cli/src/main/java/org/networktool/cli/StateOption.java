package org.networktool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.StateDir;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where journals and the lock live. */
public final class StateOption {
    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/network-tool",
            description = "Where run journals and the per-host lock live (default: ${DEFAULT-VALUE}).")
    Path dir;

    public StateDir state() {
        if (dir.toString().isBlank()) {
            throw NetworkToolException.invalidInput("--state-dir '': give the folder that holds the runs (default /var/lib/network-tool)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw NetworkToolException.invalidInput("--state-dir " + dir + ": not a directory; give the folder that holds the runs");
        }
        return new StateDir(dir.toAbsolutePath());
    }
}
