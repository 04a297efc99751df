package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `upgrade --resume` refuses what it must not go on with, and the drift check stops a resumed run whose host is not where
 * the journal says. The resumes after real crashes are CrashMatrixIT's second half (every kill point) and tier 1's.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    private Path host;

    private String state() {
        return tmp.resolve("state").toString();
    }

    private String appliedRun() throws Exception {
        host = Child.writeHost(tmp, "host.yaml", Child.practiceHost("ab-hwroce"));
        Run up = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", state(), "--yes", "--confirm-timeout", "0");
        assertEquals(0, up.exitCode(), up.err());
        try (var files = Files.list(tmp.resolve("state/runs"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".journal")).findFirst().orElseThrow().replace(".journal", "");
        }
    }

    /** The journal of run {@code id} as if the run had stopped right after its {@code n}-th step (or its last). */
    private Path cutAfterStepDone(String id, int n) throws Exception {
        Path journal = tmp.resolve("state/runs/" + id + ".journal");
        List<String> lines = Files.readAllLines(journal);
        int cut = 0;
        int done = 0;
        for (int i = 0; i < lines.size() && done < n; i++) {
            if (lines.get(i).contains("\"STEP_DONE\"")) {
                done++;
                cut = i;
            }
        }
        Files.write(journal, lines.subList(0, cut + 1));
        return journal;
    }

    private Run resume(String id, String... more) {
        List<String> a = new ArrayList<>(List.of("upgrade", "--resume", id, "--simulated-host", host.toString(), "--state-dir", state(), "--yes",
                "--confirm-timeout", "0"));
        a.addAll(List.of(more));
        return Run.of(a.toArray(String[]::new));
    }

    @Test
    void aRunThatEndedIsNotResumedAndItsJournalIsLeftAsItIs() throws Exception {
        String id = appliedRun();
        Path journal = tmp.resolve("state/runs/" + id + ".journal");
        byte[] before = Files.readAllBytes(journal);
        Run done = resume(id);
        assertEquals(ExitCodes.USAGE, done.exitCode(), done.err());
        assertTrue(done.err().contains("run " + id + " is done: nothing to resume") && done.errLines() == 1, done.err());
        assertArrayEquals(before, Files.readAllBytes(journal));

        assertEquals(0, Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", state()).exitCode());
        Run rolledBack = resume(id);
        assertEquals(ExitCodes.USAGE, rolledBack.exitCode(), rolledBack.err());
        assertTrue(rolledBack.err().contains("cannot go on") || rolledBack.err().contains("rolled back"), rolledBack.err());

        Run unknown = resume("20200101-000000");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.err());
        Run dry = resume(id, "--dry-run");
        assertEquals(ExitCodes.USAGE, dry.exitCode(), dry.err());
        assertTrue(dry.err().contains("not with --dry-run"), dry.err());
    }

    /**
     * The journal stops after the first step but the host went on (here: the journal cut short): before the next step the
     * drift check sees the host is not where the journal says, and the run stops, undoes what its journal records and
     * names what it could not (exit 4), instead of running steps on a host it does not know.
     */
    @Test
    void aResumedRunWhoseHostIsNotWhereTheJournalSaysStopsBeforeTheNextStep() throws Exception {
        String id = appliedRun();
        cutAfterStepDone(id, 2);
        Run r = resume(id);
        assertEquals(ExitCodes.NOT_RESTORED, r.exitCode(), r.err());
        assertTrue(r.err().contains("the host changed under the run before") && r.err().contains("left:"), r.err());
    }

    /** Stopped after its last step and before its end record: resuming only finishes it (done, exit 0, nothing run again). */
    @Test
    void aRunStoppedAfterItsLastStepIsFinished() throws Exception {
        String id = appliedRun();
        Path journal = cutAfterStepDone(id, Integer.MAX_VALUE);
        String hostBefore = Files.readString(host);
        Run r = resume(id);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("all") && r.err().contains("steps done"), r.err());
        assertEquals(hostBefore, Files.readString(host), "no command ran again");
        assertTrue(Files.readString(journal).contains("\"RUN_DONE\""), "the run is done");
    }
}
