package org.networktool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A shipped sample copied to a folder a test may spoil, and folders removed whole. */
final class SampleCopy {
    private SampleCopy() {
    }

    static Path of(String sample, Path to) throws IOException {
        return tree(Path.of("..", "samples", sample).toAbsolutePath().normalize(), to);
    }

    /** A folder's files and folders copied under {@code to}. */
    static Path tree(Path src, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : all.toList()) {
                Path dst = to.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
        return to;
    }

    /** Removes a folder and what is in it; links are removed, never followed. */
    static void delete(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(dir);
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
