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
        java.util.Map<String, String> f = ProbeWire.fields(s);
        try {
            if (f.containsKey("qpn") && f.containsKey("psn") && f.containsKey("gid") && f.containsKey("mtu")) {
                int qpn = Integer.parseInt(f.get("qpn"));
                int psn = Integer.parseInt(f.get("psn"));
                int mtu = Integer.parseInt(f.get("mtu"));
                if (qpn >= 0 && qpn <= 0xffffff && psn >= 0 && psn <= 0xffffff && mtu >= 1 && mtu <= 5) {
                    return new QpInfo(qpn, psn, GidBytes.format(GidBytes.parse(f.get("gid"))), mtu);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad queue pair field in: " + s);
        }
        throw new VerbsException(VerbsFailure.PROTOCOL, "incomplete queue pair info: " + s);
    }
}
