package org.networktool.verbscheck;

/**
 * One IPv4/UDP datagram a member's packet tap saw, in the direction it saw it. {@code payload}
 * is what the tap copied of the UDP payload (it may be cut short).
 */
record TapFrame(String member, boolean outgoing, String src, int sport, String dst, int dport, String payload, long nanos) {

    /**
     * The datagram at the start of {@code b} (an AF_PACKET SOCK_DGRAM read: the IP header first),
     * or null when it is not an unfragmented IPv4/UDP datagram.
     */
    static TapFrame parse(String member, boolean outgoing, byte[] b, int len, long nanos) {
        if (len < 28 || (b[0] & 0xf0) != 0x40 || (b[9] & 0xff) != 17 || (u16(b, 6) & 0x3fff) != 0) {
            return null;
        }
        int ihl = (b[0] & 0x0f) * 4;
        if (ihl < 20 || len < ihl + 8) {
            return null;
        }
        StringBuilder p = new StringBuilder();
        for (int i = ihl + 8; i < len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                break;
            }
            p.append((char) c);
        }
        return new TapFrame(member, outgoing, ip(b, 12), u16(b, ihl), ip(b, 16), u16(b, ihl + 2), p.toString(), nanos);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static String ip(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }
}
