package org.networktool.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.networktool.verbscheck.FlowPathResult;
import org.networktool.verbscheck.FlowProber;
import org.networktool.verbscheck.FlowResult;
import org.networktool.verbscheck.FlowVerdict;
import org.networktool.verbscheck.Latency;
import org.networktool.verbscheck.MemberFlowResult;

/** path-probe --verbs's report for a terminal. */
final class FlowText {
    private static final int LABELS_SHOWN = 12;

    private FlowText() {
    }

    static String render(FlowProber.Settings s, List<MemberFlowResult> results, Map<String, Integer> weak, int minStable) {
        StringBuilder b = new StringBuilder();
        b.append("Flow-label probe with RC queue pairs: labels ").append(s.firstLabel()).append("..").append(s.firstLabel() + s.labels() - 1)
                .append(", ").append(s.rounds()).append(" round").append(s.rounds() == 1 ? "" : "s").append(" in at most ")
                .append((long) s.rounds() * s.roundMs()).append(" ms per member and peer port\n");
        Table t = new Table("MEMBER", "PEER PORT", "STABLE", "REPLIES LOST", "REQUESTS LOST", "UNSTABLE", "RTT MEDIAN (STABLE)", "SETUP", "PROBE");
        for (MemberFlowResult m : results) {
            FlowPathResult r = m.result();
            if (!r.ran()) {
                t.row(m.member(), r.peerPort(), "-", "-", "-", "-", r.failure().label(), r.setupMs() + " ms", "-");
                continue;
            }
            t.row(m.member(), r.peerPort(), r.count(FlowVerdict.STABLE) + "/" + r.flows().size(), String.valueOf(r.count(FlowVerdict.REPLIES_LOST)),
                    String.valueOf(r.count(FlowVerdict.REQUESTS_LOST)), String.valueOf(r.count(FlowVerdict.UNSTABLE)), median(r),
                    r.setupMs() + " ms", r.probeMs() + " ms");
        }
        t.appendTo(b, "  ");
        b.append("  Stable flow labels (UDP source port):\n");
        for (MemberFlowResult m : results) {
            FlowPathResult r = m.result();
            List<FlowResult> ok = r.flows().stream().filter(f -> f.verdict() == FlowVerdict.STABLE).toList();
            b.append("    ").append(m.member()).append(" -> ").append(r.peerPort()).append(": ")
                    .append(!r.ran() ? r.message() : ok.isEmpty() ? "none"
                            : ok.stream().limit(LABELS_SHOWN).map(f -> f.label() + " (" + f.sourcePort() + ")").collect(Collectors.joining(" "))
                                    + (ok.size() > LABELS_SHOWN ? " ... (" + (ok.size() - LABELS_SHOWN) + " more; -o json lists all)" : ""))
                    .append('\n');
        }
        if (weak.isEmpty()) {
            b.append("Every member carrying storage traffic has at least ").append(minStable).append(" stable flow labels to every peer port.\n");
        } else {
            b.append("Too few stable flow labels: ").append(weak.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))).append(" (need ").append(minStable)
                    .append("): a queue pair from ").append(weak.size() == 1 ? "that member" : "those members")
                    .append(" would stall where its replies land on another NIC\n");
        }
        return b.toString();
    }

    private static String median(FlowPathResult r) {
        long[] nanos = r.flows().stream().filter(f -> f.medianUs() != null).mapToLong(f -> Math.round(f.medianUs() * 1000)).toArray();
        return nanos.length == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f us", Latency.of(nanos).medianUs());
    }
}
