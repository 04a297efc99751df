package org.networktool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The confirm window's watchdog as a systemd unit, where the Debian package runs under systemd:
 * {@code network-tool-revert@RUN.service} is not part of the operator's login session, so logind
 * killing the session's processes (KillUserProcesses) cannot stop the revert. Anywhere else the
 * watchdog is this program in a new session ({@link Watchdog}).
 */
final class SystemdRevert {
    static final String UNIT = "network-tool-revert@.service";
    static final Path PACKAGED_JAR = Path.of("/usr/share/network-tool/network-tool.jar");
    private static final List<Path> UNIT_DIRS = List.of(Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"),
            Path.of("/etc/systemd/system"));

    private SystemdRevert() {
    }

    /** Started as a unit: its main PID. Empty when systemd, the packaged unit or the packaged jar is not what runs here. */
    static Optional<Long> start(Path stateDir, String runId, List<String> hostArgs) {
        Optional<String> env = envFile(stateDir, hostArgs);
        if (!underSystemd() || env.isEmpty() || !runId.matches("[0-9A-Za-z-]+")) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of("/run/network-tool");
            Files.createDirectories(dir);
            Path file = dir.resolve("revert-" + runId + ".env");
            Files.writeString(file, env.get(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            String unit = "network-tool-revert@" + runId + ".service";
            if (run("systemctl", "start", unit).isEmpty()) {
                return Optional.empty();
            }
            return run("systemctl", "show", "--property=MainPID", "--value", unit).map(String::strip).filter(s -> s.matches("[1-9][0-9]*"))
                    .map(Long::parseLong);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The unit's environment file: the watchdog's options on one line, split by systemd on blanks.
     * Empty when an option holds a blank or a character systemd would interpret (then setsid is used).
     */
    static Optional<String> envFile(Path stateDir, List<String> hostArgs) {
        List<String> args = new ArrayList<>(List.of("--state-dir", stateDir.toAbsolutePath().toString()));
        args.addAll(hostArgs);
        for (String a : args) {
            if (!a.matches("[A-Za-z0-9_./:@,=+-]+")) {
                return Optional.empty();
            }
        }
        return Optional.of("NETWORK_TOOL_WATCHDOG_ARGS=" + String.join(" ", args) + "\n");
    }

    private static boolean underSystemd() {
        if (!Files.isDirectory(Path.of("/run/systemd/system")) || UNIT_DIRS.stream().noneMatch(d -> Files.isRegularFile(d.resolve(UNIT)))) {
            return false;
        }
        try {
            Path jar = Path.of(SystemdRevert.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.equals(PACKAGED_JAR);
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<String> run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
