package org.networktool.layout;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP prefix; parsing never resolves names (only numeric literals are accepted). */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw NetworkToolException.invalidInput("'" + text + "' is not a CIDR: write it as ADDRESS/PREFIX, e.g. 10.10.1.0/24");
        }
        byte[] addr = literal(text.substring(0, slash), text);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > addr.length * 8) {
            throw NetworkToolException.invalidInput("'" + text + "': prefix length must be 0.." + addr.length * 8);
        }
        return new Cidr(addr, prefix);
    }

    public boolean contains(String address) {
        byte[] a;
        try {
            a = literal(address, address);
        } catch (NetworkToolException e) {
            return false;
        }
        if (a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefixLength).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** The network of an address: {@code network("10.10.1.11", 24)} is {@code 10.10.1.0/24}. */
    public static String network(String address, int prefixLength) {
        byte[] a = literal(address, address);
        for (int bit = prefixLength; bit < a.length * 8; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            String text = InetAddress.getByAddress(a).getHostAddress();
            return (a.length == 16 ? compressIpv6(text) : text) + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text for Java's uncompressed IPv6 form ("fe80:0:0:0:…" → "fe80::…"). */
    public static String compressIpv6(String address) {
        if (!address.contains(":")) {
            return address;
        }
        String[] groups = address.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return address;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }

    private static byte[] literal(String address, String whole) {
        boolean numeric = address.matches("[0-9.]+") && address.chars().filter(c -> c == '.').count() == 3
                || address.contains(":") && address.matches("[0-9a-fA-F:.]+");
        if (!numeric) {
            throw NetworkToolException.invalidInput("'" + whole + "' is not a numeric IP address or prefix");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw NetworkToolException.invalidInput("'" + whole + "' is not a valid IP address or prefix");
        }
    }
}
