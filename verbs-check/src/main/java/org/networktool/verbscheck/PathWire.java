package org.networktool.verbscheck;

/**
 * The path probe datagrams, ASCII, equal in size both ways (a responder never amplifies):
 * <pre>
 * request  NTPATH/1 Q run mac("Q", run, 5-tuple)
 * reply    NTPATH/1 A run mac("A", run, 5-tuple)
 * </pre>
 * The 5-tuple is the request's (source address, source port, destination address, port), so a
 * captured request replayed from another address or port is not answered, and a reply proves
 * the responder holds the cluster key.
 */
final class PathWire {
    static final String VERSION = "NTPATH/1";
    static final int MAC_CHARS = 32;

    private PathWire() {
    }

    static String request(ClusterKey key, String run, String src, int sport, String dst, int dport) {
        return VERSION + " Q " + run + " " + mac(key, "Q", run, src, sport, dst, dport);
    }

    static String reply(ClusterKey key, String run, String src, int sport, String dst, int dport) {
        return VERSION + " A " + run + " " + mac(key, "A", run, src, sport, dst, dport);
    }

    /** The run of a well-formed request or reply of {@code kind}, or null. */
    static String run(String datagram, char kind) {
        String[] f = datagram.split(" ");
        if (f.length != 4 || !f[0].equals(VERSION) || f[1].length() != 1 || f[1].charAt(0) != kind
                || !f[2].matches("[0-9a-f]{16}") || f[3].length() != MAC_CHARS) {
            return null;
        }
        return f[2];
    }

    /** Whether {@code datagram} is a request or reply of {@code kind} signed for this 5-tuple. */
    static boolean verify(ClusterKey key, String datagram, char kind, String src, int sport, String dst, int dport) {
        String run = run(datagram, kind);
        return run != null && java.security.MessageDigest.isEqual(datagram.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                (kind == 'Q' ? request(key, run, src, sport, dst, dport) : reply(key, run, src, sport, dst, dport))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String mac(ClusterKey key, String kind, String run, String src, int sport, String dst, int dport) {
        return key.mac(kind, run, src, String.valueOf(sport), dst, String.valueOf(dport)).substring(0, MAC_CHARS);
    }
}
