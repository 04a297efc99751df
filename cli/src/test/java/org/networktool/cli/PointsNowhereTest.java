package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options that were accepted with exit 0 while pointing nowhere (issue 20): one line, exit 2. */
class PointsNowhereTest {
    @TempDir
    Path tmp;

    private static void refused(String said, String... argv) {
        Run r = Run.of(argv);
        assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", argv) + " → " + r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(said), r.err());
    }

    @Test
    void eachIsOneLineAndExit2() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x\n");
        refused("--probe-port -1: give a number from 1 to 65535", "plan", "--sample", "ab-hwroce", "--probe-port", "-1");
        refused("--state-dir '': give the folder", "journal", "list", "--state-dir", "");
        refused("--state-dir " + file + ": not a directory", "journal", "list", "--state-dir", file.toString());
        refused("--nic-map /nonexistent/nic-map: no such file", "plan", "--sample", "ab-hwroce", "--nic-map", "/nonexistent/nic-map");
        refused("--config-root /nonexistent: not a directory", "inspect", "--sample", "ab-hwroce", "--config-root", "/nonexistent");
        refused("--sample targets: no such sample", "inspect", "--sample", "targets");
        Path latin1 = Files.write(tmp.resolve("latin1.yaml"), "schema: network-tool/layout/v1\nhostname: caf\u00e9\n".getBytes("ISO-8859-1"));
        refused("--simulated-host " + latin1 + ": not UTF-8 text", "plan", "--simulated-host", latin1.toString());
    }
}
