package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;

/**
 * The shell as a person meets it: the packaged jar in a real terminal (tmux), keys sent one by
 * one (Tab, Enter, Ctrl-C, Ctrl-D) and the screen read back, on a practice host whose file records
 * what was done to it.
 */
class ShellTmuxIT {
    private static final Path JAR = Path.of("target", "network-tool.jar").toAbsolutePath();
    private final String session = "nt-shell-" + ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @AfterEach
    void killSession() throws Exception {
        Lab.exec(List.of("tmux", "kill-session", "-t", session), Map.of(), 10);
    }

    private void keys(String... keys) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        argv.addAll(List.of(keys));
        assertEquals(0, Lab.exec(argv, Map.of(), 10).code());
    }

    private String screen() throws Exception {
        return Lab.exec(List.of("tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session), Map.of(), 10).out();
    }

    /** Waits until the screen shows {@code text} (a fresh occurrence when {@code after} copies are already there). */
    private String await(String text, int after) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String s = screen();
        while (s.split(java.util.regex.Pattern.quote(text), -1).length - 1 <= after) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the screen never showed '" + text + "':\n" + s);
            }
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    private String await(String text) throws Exception {
        return await(text, 0);
    }

    @Test
    void inspectPlanNextUndoAbortInARealTerminal() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        String java = ProcessHandle.current().info().command().orElse("java");
        Lab.Result started = Lab.exec(List.of("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50",
                "env", "LANG=C.UTF-8", java, "-jar", JAR.toString(), "shell", "--simulated-host", host.toString(),
                "--state-dir", tmp.resolve("state").toString(), "--history", tmp.resolve("history").toString()), Map.of(), 20);
        assertEquals(0, started.code(), started.err());
        Lab.exec(List.of("tmux", "set-option", "-t", session, "remain-on-exit", "on"), Map.of(), 10);
        await("[node1 · bond0] ");

        keys("insp", "Tab");
        await("inspect ");
        keys("Enter");
        await("RISK bond0: both members on NIC 0000:3b:00");

        keys("plan", "Enter");
        await("[node1 · bond0 → br-storage] ");
        keys("next", "Enter");
        await("[node1 · bond0 → br-storage · step 1/5] ");
        keys("next", "Enter");
        await("[node1 · bond0 → br-storage · step 2/5] ");
        keys("undo", "Enter");
        await("step create-bridge undone (2 commands); now at step 1/5");

        // Ctrl-C at the prompt: a fresh line, the shell stays.
        keys("sta");
        await("step 1/5] sta");
        keys("C-c");
        Thread.sleep(500);
        keys("status", "Enter");
        await("next 2. create-bridge");

        // Ctrl-D with a half-applied run asks first; "n" keeps the shell.
        keys("C-d");
        await("A run is half-applied (step 1/5). Leave anyway?");
        keys("n", "Enter");
        keys("abort", "Enter");
        String s = await("host restored to the snapshot");
        assertTrue(s.contains("ROLLING BACK") || s.contains("rolling back") || s.contains("aborted in the shell"), s);
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)), "abort restored the practice host");

        keys("C-d");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Lab.exec(List.of("tmux", "display-message", "-p", "-t", session, "#{pane_dead}"), Map.of(), 10).out().strip().equals("1")) {
            assertTrue(System.currentTimeMillis() < deadline, "Ctrl-D with nothing half-applied leaves the shell:\n" + screen());
            Thread.sleep(100);
        }
    }
}
