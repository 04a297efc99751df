package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `generate-completion` prints a script bash accepts, which completes the real commands and sample names. */
class CompletionScriptTest {
    @Test
    void bashLoadsTheScriptAndItCompletesCommandsAndSamples(@TempDir Path tmp) throws Exception {
        Run r = Run.of("generate-completion");
        assertEquals(0, r.exitCode(), r.err());
        Path script = Files.writeString(tmp.resolve("network-tool.bash"), r.out());
        // Ask bash's own completion machinery, as a shell would on Tab.
        String probe = "source " + script + "\n"
                + "complete -p network-tool\n"
                + "COMP_WORDS=(network-tool sh); COMP_CWORD=1; COMP_LINE='network-tool sh'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_network-tool network-tool sh network-tool; echo \"commands: ${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(network-tool inspect --sample ''); COMP_CWORD=3; COMP_LINE='network-tool inspect --sample '; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_network-tool network-tool '' --sample; echo \"samples: ${COMPREPLY[*]}\"\n";
        Lab.Result b = Lab.exec(List.of("bash", "-c", probe), Map.of(), 30);
        // (compopt complains outside a real completion; the candidates are what matters)
        assertTrue(b.out().contains("-F _complete_network-tool network-tool"), b.out());
        assertTrue(b.out().contains("commands: shell"), b.out());
        assertTrue(b.out().lines().anyMatch(l -> l.startsWith("samples:") && l.contains("ab-hwroce") && l.contains("real-kernel-ab-rxe")
                && !l.contains("targets")), b.out());
    }
}
