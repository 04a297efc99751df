package org.networktool.cli;

import java.nio.file.Path;
import org.networktool.rollback.StateDir;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where journals and the lock live. */
public final class StateOption {
    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/network-tool",
            description = "Where run journals and the per-host lock live (default: ${DEFAULT-VALUE}).")
    Path dir;

    public StateDir state() {
        return new StateDir(dir.toAbsolutePath());
    }
}
