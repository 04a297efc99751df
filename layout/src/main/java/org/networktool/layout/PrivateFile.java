package org.networktool.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file the tool trusts with its host (the cluster key, a run's journal, whose undo commands it runs as root): a regular
 * file owned by root or the user running the tool, that nobody else can read or change, in a folder nobody else can write.
 * Anything else is refused as bad input, with what to do.
 */
public final class PrivateFile {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFile() {
    }

    /** {@code what}: how the message names the file, e.g. "the cluster key file". */
    public static void require(Path file, String what) {
        PosixFileAttributes a = attributes(file, what);
        if (!a.isRegularFile()) {
            throw NetworkToolException.invalidInput(what + " " + file + ": not a regular file");
        }
        if (a.permissions().stream().anyMatch(OTHERS::contains)) {
            throw NetworkToolException.invalidInput(what + " " + file + " is mode " + PosixFilePermissions.toString(a.permissions())
                    + ": others can read or change it; chmod 600 " + file);
        }
        requireOwner(file, a, what);
        Path dir = file.toAbsolutePath().getParent();
        PosixFileAttributes d = attributes(dir, "the folder of " + what);
        if (d.permissions().contains(PosixFilePermission.OTHERS_WRITE) || d.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
            throw NetworkToolException.invalidInput(what + " " + file + " sits in " + dir + ", which others can write (mode "
                    + PosixFilePermissions.toString(d.permissions()) + "): they could replace it; chmod go-w " + dir);
        }
        requireOwner(dir, d, "the folder of " + what);
    }

    private static void requireOwner(Path p, PosixFileAttributes a, String what) {
        String owner = a.owner().getName();
        if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
            throw NetworkToolException.invalidInput(what + " " + p + " belongs to " + owner + ": it must be root's or yours (chown root " + p + ")");
        }
    }

    private static PosixFileAttributes attributes(Path p, String what) {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw NetworkToolException.invalidInput("cannot read " + what + " " + p + ": no such file");
        } catch (IOException | UnsupportedOperationException e) {
            throw NetworkToolException.invalidInput("cannot read " + what + " " + p + ": " + e.getMessage());
        }
    }
}
