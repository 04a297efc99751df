package org.networktool.verbscheck;

/**
 * A stream's lanes on the probe exchange (see {@link ProbeWire}): {@code lane=IDX,QPN,PSN,MTU,GID,AT,LABEL}, one per
 * queue pair; AT is the GID the responder answers on ({@code -}: the RoCE v2 GID of the address the exchange reached),
 * LABEL the GRH flow label both ends use (0: none). The responder answers with the same form, AT {@code -}.
 */
record StreamWire(int index, QpInfo qp, String at, int label) {

    String encode() {
        return "lane=" + index + "," + qp.qpn() + "," + qp.psn() + "," + qp.mtu() + "," + qp.gid() + "," + (at == null ? "-" : at) + "," + label;
    }

    static StreamWire decode(String value) throws VerbsException {
        String[] f = value.split(",", -1);
        if (f.length != 7) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad stream lane: " + value);
        }
        try {
            int index = Integer.parseInt(f[0]);
            QpInfo q = QpInfo.decode("qpn=" + f[1] + " psn=" + f[2] + " mtu=" + f[3] + " gid=" + f[4]);
            String at = f[5].equals("-") ? null : GidBytes.format(GidBytes.parse(f[5]));
            int label = Integer.parseInt(f[6]);
            if (index < 0 || index >= StreamSettings.MAX_LANES || label < 0 || label > FlowLabels.MAX) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "stream lane out of range: " + value);
            }
            return new StreamWire(index, q, at, label);
        } catch (IllegalArgumentException e) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad stream lane: " + value);
        }
    }
}
