package org.networktool.executors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.networktool.planners.FileWrite;

/**
 * Puts a planned configuration file in place under a root ({@code /} on a host, a folder in a lab):
 * written to a temporary file beside it, synced, renamed over the old one, and the folder synced, so
 * a crash leaves the old file or the new one, never half of one. Only paths under {@code /etc/}.
 */
public final class ConfigFiles {
    private final Path root;

    public ConfigFiles(Path root) {
        this.root = root;
    }

    public CommandOutcome apply(FileWrite w) {
        long t0 = System.nanoTime();
        try {
            Path p = resolve(w.path());
            if (w.removes()) {
                boolean was = Files.deleteIfExists(p);
                syncDir(p.getParent());
                return done(0, was ? "removed " + w.path() : w.path() + " was already gone", t0);
            }
            byte[] bytes = w.content().getBytes(StandardCharsets.UTF_8);
            Set<PosixFilePermission> perms = permissions(w.mode());
            if (Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), bytes) && Files.getPosixFilePermissions(p).equals(perms)) {
                return done(0, w.path() + " already as planned", t0);
            }
            if (!Files.isDirectory(p.getParent())) {
                return done(1, "cannot write " + w.path() + ": folder " + p.getParent() + " does not exist", t0);
            }
            Path tmp = p.resolveSibling("." + p.getFileName() + ".network-tool.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, perms);
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDir(p.getParent());
            return done(0, "wrote " + w.path() + " (" + bytes.length + " bytes)", t0);
        } catch (IOException | RuntimeException e) {
            return done(1, "cannot " + (w.removes() ? "remove " : "write ") + w.path() + ": " + e.getMessage(), t0);
        }
    }

    Path resolve(String path) {
        if (!path.startsWith("/etc/") || Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a configuration file under /etc/");
        }
        return root.resolve(path.substring(1));
    }

    static Set<PosixFilePermission> permissions(String mode) {
        int m = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission x : PosixFilePermission.values()) {
            if ((m & (1 << (8 - x.ordinal()))) != 0) {
                s.add(x);
            }
        }
        return s;
    }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static CommandOutcome done(int exit, String text, long t0) {
        return new CommandOutcome(exit, text, (System.nanoTime() - t0) / 1_000_000);
    }
}
