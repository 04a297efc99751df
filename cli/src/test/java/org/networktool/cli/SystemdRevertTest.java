package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The revert unit's options: one line systemd splits on blanks, or none (then the watchdog runs under setsid). */
class SystemdRevertTest {
    @Test
    void optionsGoIntoTheUnitsEnvironmentFileOnlyWhenSystemdCannotMisreadThem() {
        assertEquals(Optional.of("NETWORK_TOOL_WATCHDOG_ARGS=--state-dir /var/lib/network-tool --nic-map /etc/network-tool/nic-map"
                + " --config-root /\n"), SystemdRevert.envFile(Path.of("/var/lib/network-tool"),
                List.of("--nic-map", "/etc/network-tool/nic-map", "--config-root", "/")));
        for (String bad : List.of("/srv/my state", "/srv/$HOME", "/srv/a\"b", "/srv/%i")) {
            assertTrue(SystemdRevert.envFile(Path.of("/var/lib/network-tool"), List.of("--nic-map", bad)).isEmpty(), bad);
        }
    }

    @Test
    void withoutSystemdTheWatchdogIsNotAUnit() {
        // This machine (and CI) runs no systemd as PID 1 and not the packaged jar: nothing is started.
        assertEquals(Optional.empty(), SystemdRevert.start(Path.of("/tmp/x"), "20261124-000000", List.of()));
    }
}
