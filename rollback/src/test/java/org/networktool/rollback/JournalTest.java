package org.networktool.rollback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Command;

class JournalTest {
    @TempDir
    Path tmp;

    private Path write(int records) {
        Path p = tmp.resolve("run.journal");
        try (Journal j = Journal.create(p)) {
            for (int i = 0; i < records; i++) {
                j.append(JournalRecord.of(RecordType.ACTION_BEGIN).step("s").action(i, Command.of("ip", "link", "set", "dev", "x" + i, "up")));
            }
        }
        return p;
    }

    @Test
    void recordsReadBackInOrderWithMode0600() throws IOException {
        Path p = write(5);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        JournalContents c = JournalReader.read(p);
        assertNull(c.problem());
        assertEquals(5, c.records().size());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), c.records().stream().map(JournalRecord::seq).toList());
        assertEquals("x3", c.records().get(3).command().argv().get(4));
    }

    /** A write torn at any byte of the last record: the four before it are used, the tear is reported. */
    @Test
    void tornTailAtEveryByteOffset() throws IOException {
        Path p = write(5);
        byte[] all = Files.readAllBytes(p);
        int lastStart = new String(all).lastIndexOf('\n', all.length - 2) + 1;
        for (int cut = lastStart; cut < all.length; cut++) {
            Path torn = tmp.resolve("torn-" + cut + ".journal");
            Files.write(torn, java.util.Arrays.copyOf(all, cut));
            Files.setPosixFilePermissions(torn, PosixFilePermissions.fromString("rw-------"));
            JournalContents c = JournalReader.read(torn);
            assertEquals(4, c.records().size(), "cut at " + cut);
            if (cut > lastStart) {
                assertNotNull(c.problem(), "cut at " + cut);
                assertTrue(c.problem().startsWith("record 5 at byte " + lastStart), c.problem());
            }
            assertEquals(lastStart, c.goodBytes());
        }
    }

    @Test
    void reopenKeepsTheDamagedFileWholeAndContinuesTheSequenceInANewOne() throws IOException {
        Path p = write(3);
        Files.write(p, "4 deadbeef {\"seq\":4".getBytes(), StandardOpenOption.APPEND);
        byte[] damaged = Files.readAllBytes(p);
        JournalContents c = JournalReader.read(p);
        assertEquals(3, c.records().size());
        try (Journal j = Journal.reopen(p, c)) {
            assertEquals(4, j.append(JournalRecord.of(RecordType.ROLLBACK_BEGIN)).seq());
        }
        JournalContents after = JournalReader.read(p);
        assertNull(after.problem());
        assertEquals(4, after.records().size());
        List<Path> kept;
        try (var files = Files.list(tmp)) {
            kept = files.filter(f -> f.getFileName().toString().startsWith(p.getFileName() + ".damaged-")).toList();
        }
        assertEquals(1, kept.size(), "the damaged journal is kept under another name");
        assertArrayEquals(damaged, Files.readAllBytes(kept.get(0)), "byte for byte");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }

    @Test
    void reopenOfAnUndamagedJournalOnlyAppends() throws IOException {
        Path p = write(3);
        byte[] before = Files.readAllBytes(p);
        try (Journal j = Journal.reopen(p, JournalReader.read(p))) {
            j.append(JournalRecord.of(RecordType.ROLLBACK_BEGIN));
        }
        byte[] after = Files.readAllBytes(p);
        assertArrayEquals(before, java.util.Arrays.copyOf(after, before.length), "what was there is unchanged");
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().contains(".damaged-")).count());
        }
    }

    @Test
    void checksumMismatchStopsReadingThere() throws IOException {
        Path p = write(4);
        String text = Files.readString(p).replace("x2", "x9"); // record 3 altered, checksum now wrong
        Files.writeString(p, text);
        JournalContents c = JournalReader.read(p);
        assertEquals(2, c.records().size());
        assertTrue(c.problem().contains("record 3") && c.problem().contains("checksum"), c.problem());
    }

    @Test
    void missingSequenceNumberIsCaught() throws IOException {
        Path p = write(3);
        List<String> lines = Files.readAllLines(p);
        Files.write(p, List.of(lines.get(0), lines.get(2)));
        JournalContents c = JournalReader.read(p);
        assertEquals(1, c.records().size());
        assertTrue(c.problem().contains("sequence number 3, expected 2"), c.problem());
    }

    @Test
    void missingFileAndWrongPermissionsAreRefused() throws IOException {
        NetworkToolException missing = assertThrows(NetworkToolException.class, () -> JournalReader.read(tmp.resolve("nope.journal")));
        assertEquals(ErrorKind.INVALID_INPUT, missing.kind());
        Path p = write(1);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-r--"));
        NetworkToolException open = assertThrows(NetworkToolException.class, () -> JournalReader.read(p));
        assertTrue(open.getMessage().contains("must be rw-------"), open.getMessage());
    }

    /** /dev/full answers every write with ENOSPC: the append fails loudly, so the step is not run. */
    @Test
    void diskFullIsAnErrorNotASilentLoss() throws IOException {
        try (FileChannel full = FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE)) {
            Journal j = Journal.over(Path.of("/dev/full"), full);
            NetworkToolException e = assertThrows(NetworkToolException.class, () -> j.append(JournalRecord.of(RecordType.STEP_BEGIN)));
            assertEquals(ErrorKind.OPERATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        }
    }

    @Test
    void createRefusesToOverwrite() {
        Path p = write(1);
        assertThrows(NetworkToolException.class, () -> Journal.create(p));
    }
}
