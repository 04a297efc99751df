package org.networktool.layout.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped samples and other repository files, read from a module's test run. */
public final class TestFiles {
    public static final Path REPO = Path.of("").toAbsolutePath().getParent();
    public static final Path SAMPLES = REPO.resolve("samples");

    private TestFiles() {
    }

    public static String sampleFile(String sample, String relative) {
        return read(SAMPLES.resolve(sample).resolve(relative));
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
