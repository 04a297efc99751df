package org.networktool.verbscheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.PrivateFile;

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
        PrivateFile.require(file, "the cluster key file");
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
