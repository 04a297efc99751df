package org.networktool.verbscheck;

/**
 * What one end of an RC connection tells the other out of band: queue pair number, first PSN,
 * GID, and its port's active MTU (the ibv_mtu value; the path uses the smaller of the two).
 */
public record QpInfo(int qpn, int psn, String gid, int mtu) {

    public String encode() {
        return "qpn=" + qpn + " psn=" + psn + " gid=" + gid + " mtu=" + mtu;
    }

    public static QpInfo decode(String s) throws VerbsException {
        Integer qpn = null;
        Integer psn = null;
        String gid = null;
        Integer mtu = null;
        for (String kv : s.strip().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = kv.substring(eq + 1);
            try {
                switch (kv.substring(0, eq)) {
                    case "qpn" -> qpn = Integer.valueOf(v);
                    case "psn" -> psn = Integer.valueOf(v);
                    case "gid" -> gid = GidBytes.format(GidBytes.parse(v));
                    case "mtu" -> mtu = Integer.valueOf(v);
                    default -> { }
                }
            } catch (IllegalArgumentException e) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "bad queue pair field " + kv);
            }
        }
        if (qpn == null || psn == null || gid == null || mtu == null || mtu < 1 || mtu > 5 || qpn < 0 || qpn > 0xffffff || psn < 0 || psn > 0xffffff) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "incomplete queue pair info: " + s);
        }
        return new QpInfo(qpn, psn, gid, mtu);
    }
}
