package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.planners.Command;

/** The real runner against real processes. */
class ExecRunnerTest {
    private final ExecRunner runner = new ExecRunner(HostAccess.LOCAL, Duration.ofSeconds(2));

    @Test
    void argvIsNeverInterpretedByAShell() {
        CommandOutcome o = runner.run(Command.of("echo", "a;b", "$HOME", "`id`", "|", "*"));
        assertEquals(0, o.exitCode());
        assertEquals("a;b $HOME `id` | *\n", o.output());
    }

    @Test
    void exitStatusStdinAndCapture() {
        assertEquals(1, runner.run(Command.of("false")).exitCode());
        CommandOutcome cat = runner.run(new Command(List.of("cat"), "line one\nline two\n", false));
        assertEquals("line one\nline two\n", cat.output());
        CommandOutcome err = runner.run(Command.of("ls", "/nonexistent-dir"));
        assertTrue(err.exitCode() != 0 && err.output().contains("nonexistent-dir"), err.output());
    }

    /** An announcement in the background: the step goes on while it runs; the process is really started. */
    @Test
    void aBackgroundCommandIsStartedAndNotWaitedFor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path done = tmp.resolve("done");
        CommandOutcome o = runner.run(Command.of("sh", "-c", "sleep 1.5; touch \"$0\"", done.toString()).inBackground());
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().startsWith("started in the background (pid "), o.output());
        assertTrue(!java.nio.file.Files.exists(done), "returned before the command ended");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!java.nio.file.Files.exists(done) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(java.nio.file.Files.exists(done), "the command ran to its end by itself");
        assertEquals(-1, runner.run(Command.of("/nonexistent/arping").inBackground()).exitCode(), "a command that cannot start says so");
    }

    @Test
    void timeoutKillsTheCommand() {
        long t0 = System.nanoTime();
        CommandOutcome o = runner.run(Command.of("sleep", "30"));
        assertEquals(-1, o.exitCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
        assertTrue(o.output().contains("killed after 2 s"), o.output());
    }

    @Test
    void missingProgramIsAResultNotAnException() {
        CommandOutcome o = runner.run(Command.of("no-such-tool-xyz"));
        assertTrue(o.exitCode() != 0, o.toString());
    }

    @Test
    void hostAccessPlacesCommandsInANamespaceAndOnAnOvsInstance() {
        HostAccess lab = new HostAccess("lab-host", "unix:/run/lab/db.sock", "/run/lab/ovs-vswitchd.ctl");
        assertEquals(List.of("ip", "netns", "exec", "lab-host", "ovs-vsctl", "--db=unix:/run/lab/db.sock", "show"), lab.argv(List.of("ovs-vsctl", "show")));
        assertEquals(List.of("ip", "netns", "exec", "lab-host", "ovs-appctl", "--target=/run/lab/ovs-vswitchd.ctl", "bond/show"),
                lab.argv(List.of("ovs-appctl", "bond/show")));
        assertEquals(List.of("ip", "link", "show"), HostAccess.LOCAL.argv(List.of("ip", "link", "show")));
    }
}
