package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confinement and the bounds of a captured root's reads (issue 20). */
class HostRootTest {
    @TempDir
    Path tmp;

    @Test
    void linksInsideTheRootAreFollowedAndLinksOutAreNot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/sys/devices/x"));
        Files.writeString(root.resolve("address"), "aa:bb\n");
        Files.writeString(tmp.resolve("secret"), "shadow\n");
        Path net = Files.createDirectories(tmp.resolve("root/sys/class/net"));
        Files.createSymbolicLink(net.resolve("in"), Path.of("../../devices/x"));
        Files.createSymbolicLink(net.resolve("out"), tmp.resolve("secret"));
        HostRoot r = new HostRoot(tmp.resolve("root"));
        assertEquals(Optional.of("aa:bb"), r.read("sys/class/net/in/address"));
        assertEquals(Optional.empty(), r.read("sys/class/net/out"));
        assertEquals(Optional.empty(), r.read("sys/class/net/../../../secret"));
        assertEquals(2, r.refusals().size(), r.refusals().toString());
        assertTrue(r.refusals().get(0).message().contains("leaves the captured root"), r.refusals().toString());
        assertTrue(r.refusals().get(1).message().contains("a name that leaves the root"), r.refusals().toString());
    }

    /** A FIFO with a writer that never writes: the read blocks in read(2) until the deadline wakes it. */
    @Test
    void aReadThatDoesNotAnswerEndsAtItsDeadline() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Thread.sleep(30_000);
            } catch (Exception e) {
                // the test is over
            }
        });
        writer.setDaemon(true);
        writer.start();
        long start = System.nanoTime();
        BoundedRead.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(BoundedRead.Refused.class,
                () -> BoundedRead.read(fifo, 1024, Duration.ofMillis(300)));
        assertTrue(refused.getMessage().contains("gave no answer within"), refused.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "the deadline ended the read");
        assertTrue(!Thread.currentThread().isInterrupted(), "the deadline's interrupt does not leak to the caller");
        writer.interrupt();
    }

    @Test
    void aFileOverTheLimitIsRefused() throws Exception {
        Path f = Files.write(tmp.resolve("big"), new byte[2048]);
        assertInstanceOf(BoundedRead.Refused.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> BoundedRead.read(f, 1024, Duration.ofSeconds(5))));
        assertEquals(1024, BoundedRead.read(Files.write(tmp.resolve("ok"), new byte[1024]), 1024, Duration.ofSeconds(5)).length);
    }
}
