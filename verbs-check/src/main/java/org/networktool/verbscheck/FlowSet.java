package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One side of a flow-label probe's queue pairs, as the probe exchange carries it: the GID and MTU
 * they share, and per queue pair its number, first PSN and flow label, in the order both ends use.
 * {@code gid=G mtu=M flows=QPN.PSN.LABEL,QPN.PSN.LABEL,...}; decoding is bounded and checks every field.
 */
public record FlowSet(String gid, int mtu, List<Flow> flows) {
    /** At most this many queue pairs per request: a bound on what a checker can make a responder hold. */
    public static final int MAX_FLOWS = 128;

    /** One queue pair of the set. */
    public record Flow(int qpn, int psn, int label) {
    }

    public FlowSet {
        flows = List.copyOf(flows);
    }

    /** The queue pair info of flow {@code i}, for {@link RcEndpoint#connect(QpInfo, int)}. */
    public QpInfo qp(int i) {
        return new QpInfo(flows.get(i).qpn(), flows.get(i).psn(), gid, mtu);
    }

    public String encode() {
        StringBuilder b = new StringBuilder("gid=").append(gid).append(" mtu=").append(mtu).append(" flows=");
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            b.append(i == 0 ? "" : ",").append(f.qpn()).append('.').append(f.psn()).append('.').append(f.label());
        }
        return b.toString();
    }

    public static FlowSet decode(String body) throws VerbsException {
        Map<String, String> f = ProbeWire.fields(body);
        String list = f.get("flows");
        if (list == null || !list.matches("[0-9.,]{1," + (MAX_FLOWS * 26) + "}")) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "bad or missing flows= field");
        }
        String[] items = list.split(",", -1);
        if (items.length > MAX_FLOWS) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "more than " + MAX_FLOWS + " flows in one request");
        }
        // QpInfo checks the GID and MTU once for the whole set.
        QpInfo shared = QpInfo.decode("qpn=0 psn=0 gid=" + f.get("gid") + " mtu=" + f.get("mtu"));
        List<Flow> flows = new ArrayList<>();
        for (String item : items) {
            String[] p = item.split("\\.", -1);
            if (p.length != 3 || p[0].isEmpty() || p[1].isEmpty() || p[2].isEmpty() || p[0].length() > 8 || p[1].length() > 8 || p[2].length() > 7) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "bad flow " + item + ": want QPN.PSN.LABEL");
            }
            int qpn = Integer.parseInt(p[0]);
            int psn = Integer.parseInt(p[1]);
            int label = Integer.parseInt(p[2]);
            if (qpn > 0xffffff || psn > 0xffffff || label > FlowLabels.MAX) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "flow " + item + " out of range");
            }
            flows.add(new Flow(qpn, psn, label));
        }
        return new FlowSet(shared.gid(), shared.mtu(), flows);
    }
}
