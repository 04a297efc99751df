package org.networktool.planners.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diffs `plan` shows apply with GNU patch, the program an engineer would feed them to: created, edited and removed files. */
class FileChangeDiffTest {
    @TempDir
    Path tmp;

    private static final String OLD = "auto bond0\niface bond0 inet static\n  address 10.10.1.11/24\n  bond-slaves ens1f0 ens1f1\n";
    private static final String NEW = "auto storage\niface storage inet static\n  address 10.10.1.11/24\n  ovs_type OVSIntPort\n";

    private void patch(FileChange c) throws Exception {
        Path diff = Files.writeString(tmp.resolve("change.diff"), c.diff());
        Process p = new ProcessBuilder("patch", "-p1", "--batch", "--forward", "-i", diff.toString()).directory(tmp.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "GNU patch on\n" + c.diff() + "\nsaid: " + out);
    }

    @Test
    void aCreatedFileAppliesAsDiffPrintsIt() throws Exception {
        FileChange c = new FileChange("/etc/network/interfaces.d/storage", null, null, NEW, "0644");
        assertTrue(c.diff().contains("@@ -0,0 +1,4 @@"), c.diff());
        patch(c);
        assertEquals(NEW, Files.readString(tmp.resolve("etc/network/interfaces.d/storage")));
    }

    @Test
    void anEditedFileApplies() throws Exception {
        Files.createDirectories(tmp.resolve("etc/network"));
        Files.writeString(tmp.resolve("etc/network/interfaces"), OLD);
        patch(new FileChange("/etc/network/interfaces", OLD, "0644", NEW, "0644"));
        assertEquals(NEW, Files.readString(tmp.resolve("etc/network/interfaces")));
    }

    @Test
    void aRemovedFileApplies() throws Exception {
        Files.createDirectories(tmp.resolve("etc/network"));
        Files.writeString(tmp.resolve("etc/network/interfaces"), OLD);
        FileChange c = new FileChange("/etc/network/interfaces", OLD, "0644", null, "0644");
        assertTrue(c.diff().contains("@@ -1,4 +0,0 @@"), c.diff());
        patch(c);
        assertFalse(Files.exists(tmp.resolve("etc/network/interfaces")));
    }
}
