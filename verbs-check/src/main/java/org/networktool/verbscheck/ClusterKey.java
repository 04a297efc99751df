package org.networktool.verbscheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/**
 * The shared secret of a cluster's probe responders. Both ends prove they hold it with HMAC-SHA256
 * over the exchange, so a stranger on the storage network cannot answer for a peer and make a
 * path look healthy.
 */
public final class ClusterKey {
    private final byte[] key;

    private ClusterKey(byte[] key) {
        this.key = key;
    }

    /**
     * The file's contents, surrounding whitespace removed; at least 16 bytes. The file must be a regular file owned by root
     * or the user running the tool, readable by nobody else (0600 or 0400): a key others can read lets them answer the
     * probes as a peer, and one others can write lets them choose it.
     */
    public static ClusterKey read(Path file) {
        requirePrivate(file);
        byte[] raw;
        try {
            raw = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "cannot read the cluster key file " + file + ": " + e.getMessage()
                    + " (give --key-file FILE, the same file on every host)");
        }
        if (raw.length < 16) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "the cluster key in " + file + " is " + raw.length
                    + " bytes: use at least 16 (for example: (umask 077; head -c 32 /dev/urandom | base64 > " + file + "))");
        }
        return new ClusterKey(raw);
    }

    static void requirePrivate(Path file) {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "cannot read the cluster key file " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + " (give --key-file FILE, the same file on every host)");
        }
        if (!a.isRegularFile()) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "cannot read the cluster key file " + file + ": not a regular file"
                    + " (give --key-file FILE, the same file on every host)");
        }
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        if (a.permissions().stream().anyMatch(others::contains)) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "the cluster key file " + file + " is mode "
                    + PosixFilePermissions.toString(a.permissions()) + ": others can read or change it; chmod 600 " + file);
        }
        String owner = a.owner().getName();
        if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "the cluster key file " + file + " belongs to " + owner
                    + ": it must be root's or yours (chown root " + file + ")");
        }
    }

    public static ClusterKey of(String secret) {
        return new ClusterKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    String mac(String... parts) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal(String.join("|", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean verify(String mac, String... parts) {
        return MessageDigest.isEqual(mac(parts).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII));
    }
}
