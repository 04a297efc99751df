package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The filesystem discovery reads: {@code /} on a live host, or a captured tree (possibly inside the
 * jar). Paths are given as on a live host ({@code sys/class/net}) and resolved under the root.
 */
public final class HostRoot {
    private final Path root;

    public HostRoot(Path root) {
        this.root = root;
    }

    public Path path() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** The trimmed content of a file, empty when the file does not exist. Other I/O errors propagate. */
    public Optional<String> read(String relative) throws IOException {
        Path p = resolve(relative);
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // sysfs answers EINVAL for e.g. speed on a down link: that is "unknown", not an error.
            if (e.getMessage() != null && e.getMessage().contains("Invalid argument")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Like {@link #read} but unreadable files count as absent: for optional attributes. */
    public Optional<String> readQuietly(String relative) {
        try {
            return read(relative);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String relative) {
        return Files.exists(resolve(relative));
    }

    public boolean isDirectory(String relative) {
        return Files.isDirectory(resolve(relative));
    }

    /** Names in a directory, sorted; empty when the directory does not exist. */
    public List<String> list(String relative) throws IOException {
        Path dir = resolve(relative);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString().replaceAll("/$", "")).sorted().toList();
        }
    }

    /** The last path element of a symbolic link's target (sysfs links such as master, device). */
    public Optional<String> linkName(String relative) {
        Path p = resolve(relative);
        try {
            if (Files.isSymbolicLink(p)) {
                Path target = Files.readSymbolicLink(p);
                return Optional.of(target.getFileName().toString());
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
