package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;

/** The command meant to use a journal never destroys it (issue 20): damage is kept, bad input is refused before any append. */
class JournalSafetyTest {
    @TempDir
    Path tmp;

    private Path onlyJournal() throws Exception {
        try (var files = Files.list(tmp.resolve("state/runs"))) {
            return files.filter(f -> f.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
    }

    private Run rollback(Path host) {
        return Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString());
    }

    /** A practice run, applied: the journal a rollback works from. */
    private Path appliedRun(HostLayout original) throws Exception {
        Path host = Child.writeHost(tmp, "host.yaml", original);
        Run up = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", tmp.resolve("state").toString(), "--yes",
                "--confirm-timeout", "0");
        assertEquals(0, up.exitCode(), up.err());
        return host;
    }

    @Test
    void aGarbageJournalIsRefusedAndLeftByteForByte() throws Exception {
        Path host = appliedRun(Child.practiceHost("ab-hwroce"));
        Path journal = onlyJournal();
        byte[] garbage = "this is not a journal\n\u0000\u0001 at all".getBytes();
        Files.write(journal, garbage);
        Run rb = rollback(host);
        assertEquals(ExitCodes.USAGE, rb.exitCode(), rb.err());
        assertTrue(rb.err().contains("has no readable start record") && rb.err().strip().lines().count() <= 2, rb.err());
        assertArrayEquals(garbage, Files.readAllBytes(journal), "the journal is as it was");
    }

    @Test
    void aDamagedRecordIsKeptAndTheRollbackWorksFromTheGoodOnes() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = appliedRun(original);
        Path journal = onlyJournal();
        List<String> lines = Files.readAllLines(journal);
        int last = lines.size() - 1;
        lines.set(last, lines.get(last).replaceFirst("\"type\"", "\"tYpe\"")); // the last record's checksum no longer holds
        Files.write(journal, lines);
        byte[] damaged = Files.readAllBytes(journal);
        Run rb = rollback(host);
        assertEquals(0, rb.exitCode(), rb.err());
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)));
        try (var files = Files.list(tmp.resolve("state/runs"))) {
            Path kept = files.filter(f -> f.getFileName().toString().startsWith(journal.getFileName() + ".damaged-")).findFirst().orElseThrow();
            assertArrayEquals(damaged, Files.readAllBytes(kept), "the damaged journal is kept whole");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
    }

    @Test
    void aMalformedPracticeHostIsRefusedBeforeTheJournalIsTouched() throws Exception {
        appliedRun(Child.practiceHost("ab-hwroce"));
        Path journal = onlyJournal();
        byte[] before = Files.readAllBytes(journal);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "hostname: [unclosed\n");
        Run rb = rollback(bad);
        assertEquals(ExitCodes.USAGE, rb.exitCode(), rb.err());
        assertArrayEquals(before, Files.readAllBytes(journal), "no ROLLBACK_BEGIN was appended");
    }

    /** A journal others can change, or one in a folder others can write, runs nothing. */
    @Test
    void aJournalOthersCouldHaveWrittenIsRefused() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = appliedRun(original);
        Path journal = onlyJournal();
        HostLayout migrated = Child.readHost(host);
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-rw-"));
        Run open = rollback(host);
        assertEquals(ExitCodes.USAGE, open.exitCode(), open.err());
        assertTrue(open.err().contains("others can read or change it; chmod 600"), open.err());
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(journal.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Run dir = rollback(host);
        assertEquals(ExitCodes.USAGE, dir.exitCode(), dir.err());
        assertTrue(dir.err().contains("which others can write"), dir.err());
        assertEquals(List.of(), LayoutDiff.between(migrated, Child.readHost(host)), "nothing ran from it");
        Files.setPosixFilePermissions(journal.getParent(), PosixFilePermissions.fromString("rwx------"));
        Run ok = rollback(host);
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /** A record whose checksum holds but which is not whole (no type, no plan): the damage, reported, never a crash. */
    @Test
    void aWellSummedRecordWithoutItsFieldsIsDamageNotACrash() throws Exception {
        appliedRun(Child.practiceHost("ab-hwroce"));
        Path journal = onlyJournal();
        List<String> lines = Files.readAllLines(journal);
        String[] first = lines.get(0).split(" ", 3);
        String json = first[2].replaceFirst("\"type\":\"RUN_START\",", "").replaceFirst("\"plan\":\\{", "\"planX\":{");
        lines.set(0, JournalLines.resummed(lines.get(0), json));
        Files.write(journal, lines);
        String state = tmp.resolve("state").toString();
        for (Run r : List.of(Run.of("journal", "list", "--state-dir", state), Run.of("journal", "show", "--state-dir", state))) {
            assertTrue(!r.err().contains("internal error") && (r.out() + r.err()).contains("record 1 at byte 0 "), r.out() + r.err());
        }
    }
}
