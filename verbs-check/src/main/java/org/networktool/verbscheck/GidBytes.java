package org.networktool.verbscheck;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** A raw 16-byte GID as ibv_devinfo prints it, and the IP address a RoCE GID encodes. */
public final class GidBytes {
    private GidBytes() {
    }

    public static boolean isEmpty(byte[] gid) {
        for (byte b : gid) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code 0000:0000:0000:0000:0000:ffff:c000:0201}. */
    public static String format(byte[] gid) {
        String hex = HexFormat.of().formatHex(gid);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i += 4) {
            s.append(i == 0 ? "" : ":").append(hex, i, i + 4);
        }
        return s.toString();
    }

    public static byte[] parse(String gid) {
        String hex = gid.replace(":", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("not a GID: " + gid);
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The IPv4 address of an IPv4-mapped GID, else the IPv6 address. */
    public static String ip(byte[] gid) {
        try {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= gid[i] == 0;
            }
            mapped &= gid[10] == (byte) 0xff && gid[11] == (byte) 0xff;
            if (mapped) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(gid, 12, 16)).getHostAddress();
            }
            return InetAddress.getByAddress(gid).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
