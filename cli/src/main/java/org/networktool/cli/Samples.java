package org.networktool.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.networktool.layout.NetworkToolException;

/** The captured hosts shipped inside the jar (or in target/classes during tests). */
final class Samples {
    private Samples() {
    }

    static Path path(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw NetworkToolException.invalidInput("--sample '" + name + "': not a sample name; choose one of " + names());
        }
        Path dir = root().resolve(name);
        if (!Files.isDirectory(dir.resolve("commands"))) { // samples/targets and samples/ansible are not hosts
            throw NetworkToolException.invalidInput("--sample " + name + ": no such sample; choose one of " + names());
        }
        return dir;
    }

    static List<String> names() {
        try (Stream<Path> s = Files.list(root())) {
            // A captured host has its command outputs; samples/targets holds target files, not a host.
            return s.filter(p -> Files.isDirectory(p.resolve("commands"))).map(p -> p.getFileName().toString().replaceAll("/$", ""))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path root() {
        URL marker = Samples.class.getClassLoader().getResource("samples/README.md");
        if (marker == null) {
            throw new IllegalStateException("samples are missing from the build");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened earlier in this JVM (the shell runs many commands)
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the samples: " + e.getMessage(), e);
        }
    }

    /** Completion candidates for {@code --sample}. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(names()).iterator();
        }
    }
}
