package org.networktool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run a class-data-sharing archive is dumped from (packaging/make-archive): the read-only commands an engineer
 * types, on the samples in the jar, so the classes they load are in the archive; and libibverbs bound through jnr-ffi
 * as verbs-check binds it (the device list only). Touches nothing on the host but a temporary empty state directory;
 * prints nothing.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path state = Files.createTempDirectory("network-tool-training");
        try {
            for (List<String> command : commands(state.toString())) {
                PrintWriter none = new PrintWriter(Writer.nullWriter());
                Main.run(command.toArray(String[]::new), none, none);
            }
        } finally {
            Files.deleteIfExists(state);
        }
        try {
            org.networktool.verbscheck.Verbs.load().deviceNames();
        } catch (org.networktool.verbscheck.VerbsException | RuntimeException | LinkageError e) {
            // no libibverbs here: verbs-check's classes stay out of the archive, the rest is unchanged
        }
    }

    static List<List<String>> commands(String stateDir) {
        return List.of(List.of("--version"), List.of("--help"), List.of("plan", "--help"),
                List.of("inspect", "--sample", "ab-hwroce"), List.of("inspect", "--sample", "softroce", "-o", "json"),
                List.of("plan", "--sample", "ab-hwroce"), List.of("plan", "--sample", "lacp-roce-lag", "-o", "json"),
                List.of("plan", "--sample", "softroce", "-o", "yaml"), List.of("journal", "list", "--state-dir", stateDir),
                List.of("pln"));
    }
}
