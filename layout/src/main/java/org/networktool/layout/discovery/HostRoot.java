package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.networktool.layout.SourceWarning;

/**
 * The filesystem discovery reads: {@code /} on a live host, or a captured tree (possibly inside the jar). Paths are
 * given as on a live host ({@code sys/class/net}) and resolved under the root.
 *
 * <p>Everything read stays inside the root: this tool runs as root, and a capture comes from elsewhere. A path with a
 * {@code ..} element, or whose real path (links followed) leaves the root, is refused; only regular files are read
 * (never a FIFO or {@code /dev/zero}), at most {@link #LIMIT} bytes, within {@link #DEADLINE}. A refusal is a warning
 * naming the file ({@link #refusals}), and the file counts as absent.
 */
public final class HostRoot {
    /** Larger than any sysfs attribute (a page) or command output of a real host (ip -j -d link: tens of KiB per netdev). */
    static final int LIMIT = 16 << 20;
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final Path root;
    private final Path realRoot;
    private final Map<String, SourceWarning> refusals = new LinkedHashMap<>();

    public HostRoot(Path root) {
        this.root = root;
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException | UnsupportedOperationException e) {
            real = root.toAbsolutePath().normalize();
        }
        this.realRoot = real;
    }

    /** What one file under the root gave. */
    public sealed interface HostFile {
        /** The file's bytes, and its real path (for its mode). */
        record Content(byte[] bytes, Path path) implements HostFile {
            /** The bytes as UTF-8; empty when they are not. */
            public Optional<String> text() {
                try {
                    return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
                } catch (CharacterCodingException e) {
                    return Optional.empty();
                }
            }
        }

        record Missing() implements HostFile {
        }

        /** Not read, and why (it leaves the root, is not a regular file, is too large, did not answer); the path is the caller's to say. */
        record Refused(String reason) implements HostFile {
        }
    }

    /** The file at {@code relative}; I/O errors other than "no such file" (and sysfs's EINVAL) propagate. */
    public HostFile file(String relative) throws IOException {
        Optional<Path> p = confined(relative);
        if (p.isEmpty()) {
            return refusedOrMissing(relative);
        }
        if (!Files.isRegularFile(p.get())) {
            return new HostFile.Refused("not a regular file, not read");
        }
        try {
            return new HostFile.Content(BoundedRead.read(p.get(), LIMIT, DEADLINE), p.get());
        } catch (NoSuchFileException e) {
            return new HostFile.Missing();
        } catch (BoundedRead.Refused e) {
            return new HostFile.Refused(e.getMessage());
        } catch (IOException e) {
            // sysfs answers EINVAL for e.g. speed on a down link: that is "unknown", not an error.
            if (e.getMessage() != null && e.getMessage().contains("Invalid argument")) {
                return new HostFile.Missing();
            }
            throw e;
        }
    }

    /** The trimmed UTF-8 content of a file, empty when it does not exist or is refused (then a warning). */
    public Optional<String> read(String relative) throws IOException {
        HostFile f = file(relative);
        if (f instanceof HostFile.Content c) {
            Optional<String> text = c.text();
            if (text.isEmpty()) {
                refuse(relative, "not UTF-8 text, not read");
            }
            return text.map(String::strip);
        }
        if (f instanceof HostFile.Refused r) {
            refuse(relative, r.reason());
        }
        return Optional.empty();
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
        return confined(relative).isPresent();
    }

    public boolean isDirectory(String relative) {
        return confined(relative).filter(Files::isDirectory).isPresent();
    }

    /** Names in a directory, sorted; empty when the directory does not exist or is refused. */
    public List<String> list(String relative) throws IOException {
        Optional<Path> dir = confined(relative).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.get())) {
            return s.map(p -> p.getFileName().toString().replaceAll("/$", "")).sorted().toList();
        }
    }

    /** The last path element of a symbolic link's target (sysfs links such as master, device); the target is not followed. */
    public Optional<String> linkName(String relative) {
        int slash = relative.lastIndexOf('/');
        if (slash > 0 && confined(relative.substring(0, slash)).isEmpty()) {
            return Optional.empty();
        }
        Path p = root.resolve(relative);
        try {
            if (Files.isSymbolicLink(p)) {
                Path name = Files.readSymbolicLink(p).getFileName();
                return name == null ? Optional.empty() : Optional.of(name.toString());
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The real path of {@code relative} (links followed) when it exists inside the root. */
    public Optional<Path> realPath(String relative) {
        return confined(relative).flatMap(p -> {
            try {
                return Optional.of(p.toRealPath());
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        });
    }

    /** What was refused so far, one warning per file. */
    public synchronized List<SourceWarning> refusals() {
        return List.copyOf(refusals.values());
    }

    /** The path of {@code relative} when it exists inside the root (its real path, except under the live root's "/"). */
    private Optional<Path> confined(String relative) {
        if (leavesByName(relative)) {
            refuse(relative, "a name that leaves the root, not read");
            return Optional.empty();
        }
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        if (realRoot.getNameCount() == 0) {
            return Optional.of(p); // the live root: every real path is inside "/"
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(realRoot)) {
                refuse(relative, "a link that leaves the captured root, not followed");
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private HostFile refusedOrMissing(String relative) {
        synchronized (this) {
            SourceWarning w = refusals.get(relative);
            if (w != null) {
                return new HostFile.Refused(w.message());
            }
        }
        return new HostFile.Missing();
    }

    private static boolean leavesByName(String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\0') >= 0) {
            return !relative.isEmpty();
        }
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private synchronized void refuse(String relative, String reason) {
        refusals.putIfAbsent(relative, new SourceWarning("/" + relative, reason));
    }
}
