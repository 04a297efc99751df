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
