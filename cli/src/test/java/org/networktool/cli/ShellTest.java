package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RecordType;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The shell on JLine's dumb terminal, lines typed into it and the screen read back, on a practice
 * host (the model host records every command in its file): inspect → plan → next → back → abort,
 * and a run left mid-plan picked up by `rollback` and by the next shell.
 */
class ShellTest {
    @TempDir
    Path tmp;

    private String shell(Path host, String... lines) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TypedKeys keys = new TypedKeys(List.of(lines), screen);
        ShellCommand opts = new ShellCommand();
        new CommandLine(opts).parseArgs("--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString());
        try (Shell s = Shell.onStreams(keys, screen, opts.host, opts.planOptions, opts.stateOption, tmp.resolve("history"))) {
            s.run();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    private StateDir state() {
        return new StateDir(tmp.resolve("state"));
    }

    private JournalContents onlyRun() {
        List<String> ids = state().runIds();
        assertEquals(1, ids.size(), ids.toString());
        return JournalReader.read(state().journal(ids.get(0)));
    }

    @Test
    void stepsForwardBackAndAbortsWithEveryStepJournaled() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        String screen = shell(host, "inspect", "plan", "next", "next", "status", "back", "status", "abort", "status", "exit");

        assertTrue(screen.contains("[node1 · bond0] "), screen);
        assertTrue(screen.contains("Storage network"), "inspect ran on the shell's host:\n" + screen);
        assertTrue(screen.contains("[node1 · bond0 → br-storage] "), "the prompt names the target after `plan`:\n" + screen);
        assertTrue(screen.contains("[node1 · bond0 → br-storage · step 2/5] "), "two steps done:\n" + screen);
        assertTrue(screen.contains("done 2. create-bridge"), screen);
        assertTrue(screen.contains("next 3. build-bond"), screen);
        assertTrue(screen.contains("step create-bridge undone"), screen);
        assertTrue(screen.contains("[node1 · bond0 → br-storage · step 1/5] "), "back to one step done:\n" + screen);
        assertTrue(screen.contains("host restored to the snapshot"), screen);
        assertTrue(screen.contains("no plan: `plan` shows one"), "the run ended with abort:\n" + screen);

        JournalContents j = onlyRun();
        assertEquals("shell", j.first(RecordType.RUN_START).orElseThrow().meta().get("command"));
        assertTrue(j.has(RecordType.STEP_UNDONE));
        assertEquals(RunState.ROLLED_BACK, RunState.of(j));
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)), "abort restored the practice host");
    }

    @Test
    void aRunLeftMidPlanIsPickedUpByTheNextShell() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        // Ctrl-D with a half-applied run asks; no answer (end of input) leaves the run journaled.
        String first = shell(host, "plan", "next", "next", "next");
        assertTrue(first.contains("A run is half-applied (step 3/5)"), first);
        assertEquals(RunState.RUNNING, RunState.of(onlyRun()));

        String second = shell(host, "status", "next", "next", "status", "exit");
        assertTrue(second.contains("picked up run"), second);
        assertTrue(second.contains("left mid-plan at step 3/5"), second);
        assertTrue(second.contains("all 5 steps done"), second);
        assertEquals(RunState.DONE, RunState.of(onlyRun()));
        assertEquals("storage", Child.readHost(host).storage().interfaceName());

        Run rb = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString());
        assertEquals(0, rb.exitCode(), rb.err());
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)));
    }

    @Test
    void rollbackFromTheCommandLinePicksUpAShellRun() throws Exception {
        HostLayout original = Child.practiceHost("softroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        shell(host, "plan", "next", "next", "next", "next");
        Run rb = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString());
        assertEquals(0, rb.exitCode(), rb.err());
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)));
    }

    @Test
    void nextWithoutAPlanAndBackWithoutARunSayWhatToDo() throws Exception {
        Path host = Child.writeHost(tmp, "host.yaml", Child.practiceHost("ab-hwroce"));
        String screen = shell(host, "next", "back", "plan --storage-if nosuch0", "exit");
        assertTrue(screen.contains("next: no plan yet; run `plan`"), screen);
        assertTrue(screen.contains("back: no run in progress"), screen);
        assertTrue(state().runIds().isEmpty(), "nothing was started");
    }

    @Test
    void timingsAreEachCommandsOwn() throws Exception {
        Path host = Child.writeHost(tmp, "host.yaml", Child.practiceHost("ab-hwroce"));
        String screen = shell(host, "plan --timings", "status", "plan --timings", "exit");
        assertEquals(2, screen.lines().filter(l -> l.strip().startsWith("total, this command")).count(), "one report per --timings:\n" + screen);
        assertEquals(2, screen.lines().filter(l -> l.strip().startsWith("plan ") && l.strip().endsWith(" ms")).count(),
                "each report holds its own command's spans only:\n" + screen);
    }

    @Test
    void historyIsKeptAcrossShells() throws Exception {
        Path host = Child.writeHost(tmp, "host.yaml", Child.practiceHost("ab-hwroce"));
        shell(host, "status", "inspect -o json", "exit");
        String history = Files.readString(tmp.resolve("history"));
        assertTrue(history.contains("inspect -o json"), history);
    }

    @Test
    void completesCommandsOptionsInterfacesSamplesAndRunIds() throws Exception {
        Path host = Child.writeHost(tmp, "host.yaml", Child.practiceHost("ab-hwroce"));
        shell(host, "plan", "next", "abort", "exit");   // leaves one run id to complete
        String run = state().runIds().get(0);
        ShellCommand opts = new ShellCommand();
        new CommandLine(opts).parseArgs("--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString());
        try (Shell s = Shell.onStreams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), opts.host, opts.planOptions,
                opts.stateOption, tmp.resolve("history"))) {
            assertTrue(complete(s, "ins").contains("inspect"));
            assertTrue(complete(s, "ne").contains("next"));
            assertTrue(complete(s, "plan --pe").contains("--peer"));
            assertTrue(complete(s, "plan --storage-if ").containsAll(List.of("bond0", "ens1f0", "ens2f1")), complete(s, "plan --storage-if ").toString());
            assertTrue(complete(s, "inspect --sample ").containsAll(List.of("ab-hwroce", "softroce")));
            assertTrue(complete(s, "rollback ").contains(run), complete(s, "rollback ").toString());
        }
    }

    private static List<String> complete(Shell s, String line) {
        List<Candidate> found = new ArrayList<>();
        new PicocliJLineCompleter(s.commandSpec()).complete(null, new DefaultParser().parse(line, line.length()), found);
        return found.stream().map(Candidate::value).map(String::strip).toList();
    }
}
