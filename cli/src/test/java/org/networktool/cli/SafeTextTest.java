package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control characters from captures, targets and typed names never reach the terminal raw (issue 20). */
class SafeTextTest {
    @TempDir
    Path tmp;

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c != '\n' && c != '\t' && SafeText.isControl((char) c));
    }

    @Test
    void theWriterEscapesControlsButNewlinesAndTabs() throws Exception {
        StringWriter sink = new StringWriter();
        try (Writer w = SafeText.writer(sink)) {
            w.write("a\u001b[2Jb\tc\r\n");
            w.write('\u0007');
            w.write("\u0085 ok é\n".toCharArray(), 0, 7);
        }
        assertEquals("a\\x1b[2Jb\tc\\x0d\n\\x07\\x85 ok é\n", sink.toString());
        assertEquals("one\\x0aline", SafeText.oneLine("one\nline"));
    }

    @Test
    void aCapturedHostnameCannotDriveTheTerminal() throws Exception {
        Path root = SampleCopy.of("ab-hwroce", tmp.resolve("capture"));
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), "evil\u001b]0;owned\u0007\u001b[2J\n");
        Run r = Run.of("inspect", "--root", root.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(hasControl(r.out()) || hasControl(r.err()), r.out());
        assertTrue(r.out().contains("evil\\x1b]0;owned\\x07\\x1b[2J"), r.out());
    }

    @Test
    void aNewlineInATypedNameKeepsTheMessageOneLine() {
        Run r = Run.of("plan", "--sample", "nosuch\nnetwork-tool: all good");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("nosuch\\x0anetwork-tool: all good"), r.err());
    }
}
