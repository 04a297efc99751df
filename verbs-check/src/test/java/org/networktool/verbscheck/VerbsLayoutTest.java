package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The offsets the bindings write through, checked against the real {@code <infiniband/verbs.h>}:
 * compiled with gcc (libibverbs-dev, installed by lab/install-deps). No header, no pass.
 */
class VerbsLayoutTest {

    @Test
    void everyOffsetSizeAndConstantMatchesTheInstalledHeader() throws Exception {
        Path exe = Path.of("target", "verbs_layout");
        run("gcc", "-Wall", "-o", exe.toString(), "src/test/c/verbs_layout.c");
        Map<String, Integer> header = new TreeMap<>();
        for (String line : run(exe.toString()).split("\n")) {
            String[] f = line.split(" ");
            header.put(f[0], Integer.valueOf(f[1]));
        }
        assertEquals(header, new TreeMap<>(VerbsLayout.all()));
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + " failed (is libibverbs-dev installed? lab/install-deps):\n" + out);
        return out;
    }
}
