package org.networktool.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.networktool.verbscheck.MemberPaths;
import org.networktool.verbscheck.PathReport;
import org.networktool.verbscheck.TupleVerdict;

/** path-probe's report for a terminal. */
final class PathText {
    private static final int PORTS_SHOWN = 12;

    private PathText() {
    }

    static String render(List<PathReport> reports, Map<String, Map<String, Integer>> weak, int minSymmetric) {
        StringBuilder b = new StringBuilder();
        for (PathReport r : reports) {
            b.append("Path probe to ").append(r.peer()).append(" (UDP ").append(r.port()).append(") from ").append(r.source()).append(": ")
                    .append(r.tuples().size()).append(" tuples in ").append(r.elapsedMs()).append(" ms; ")
                    .append(r.count(TupleVerdict.SYMMETRIC)).append(" symmetric, ").append(r.count(TupleVerdict.ASYMMETRIC)).append(" asymmetric, ")
                    .append(r.count(TupleVerdict.LOST)).append(" lost");
            if (r.count(TupleVerdict.UNSEEN) > 0) {
                b.append(", ").append(r.count(TupleVerdict.UNSEEN)).append(" not seen on a member");
            }
            if (r.busyPorts() > 0) {
                b.append(" (").append(r.busyPorts()).append(" source ports in use skipped)");
            }
            b.append('\n');
            Table t = new Table("MEMBER", "SENT", "SYMMETRIC", "ASYMMETRIC", "RETURNED ON", "LOST", "RTT (SYMMETRIC)");
            for (MemberPaths m : r.byMember()) {
                t.row(m.member(), String.valueOf(m.sent()), String.valueOf(m.symmetric()), String.valueOf(m.asymmetric()),
                        m.returnedOn().isEmpty() ? "-" : m.returnedOn().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")),
                        String.valueOf(m.lost()), m.latency().roundTrips() == 0 ? "-" : m.latency().summary());
            }
            t.appendTo(b, "  ");
            b.append("  Symmetric source ports:\n");
            for (MemberPaths m : r.byMember()) {
                List<Integer> p = m.symmetricPorts();
                b.append("    ").append(m.member()).append(": ").append(p.isEmpty() ? "none"
                        : p.stream().limit(PORTS_SHOWN).map(String::valueOf).collect(Collectors.joining(" "))
                                + (p.size() > PORTS_SHOWN ? " ... (" + (p.size() - PORTS_SHOWN) + " more; -o json lists all)" : ""))
                        .append('\n');
            }
            b.append('\n');
        }
        if (weak.isEmpty()) {
            b.append("Every member carrying storage traffic has at least ").append(minSymmetric).append(" symmetric tuples to every peer.\n");
        } else {
            weak.forEach((peer, members) -> b.append("Too few symmetric tuples to ").append(peer).append(": ")
                    .append(members.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(" (need ").append(minSymmetric).append("): an RDMA connection through ").append(members.size() == 1 ? "it" : "them")
                    .append(" would lose its replies to another member\n"));
        }
        return b.toString();
    }
}
