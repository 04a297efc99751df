package org.networktool.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/**
 * Starts the confirm window's watchdog: this same program, in a new session (setsid), so neither
 * killing `upgrade` nor losing the operator's terminal stops it. It reverts the run at the deadline
 * unless `confirm` was journaled first. Under systemd with the Debian package, a unit instead
 * ({@link SystemdRevert}).
 */
final class Watchdog {
    private Watchdog() {
    }

    static long spawn(Path stateDir, String runId, List<String> hostArgs, Path log) {
        java.util.Optional<Long> unit = SystemdRevert.start(stateDir, runId, hostArgs);
        if (unit.isPresent()) {
            return unit.get();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of("setsid", java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "watchdog", "--state-dir", stateDir.toString(), "--run", runId));
        argv.addAll(hostArgs);
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            return p.pid();
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot start the confirm watchdog (" + e.getMessage()
                    + "): the migration stays applied; confirm or roll back by hand", e);
        }
    }
}
