package org.networktool.cli;

import java.util.List;
import java.util.Locale;
import org.networktool.verbscheck.StreamResult;
import org.networktool.verbscheck.StreamSettings;

/** verbs-check --soak as text: per peer the counts, the responder's own, round trips, each failover and each lane. */
final class StreamText {
    private StreamText() {
    }

    static String render(StreamSettings s, List<StreamResult> results) {
        StringBuilder b = new StringBuilder();
        for (StreamResult r : results) {
            b.append(String.format(Locale.ROOT, "RDMA stream to %s for %.1f s (%s; %d msg/s, deadline %d ms, window %d)%n", r.peer(),
                    r.durationMs() / 1000.0, !s.multipath() ? "single path, rebuilt after an error" : s.spread() ? "spread over every lane"
                            : "preferred lane, standbys kept proven", s.rate(), s.stallMs(), s.window()));
            b.append(String.format(Locale.ROOT, "  sent %d, acknowledged %d, lost %d, duplicate echoes suppressed %d%s%n", r.sent(), r.acked(),
                    r.lost(), r.duplicateAcks(), r.mismatches() == 0 ? "" : ", echoes out of turn " + r.mismatches()));
            if (r.peerDelivered() != null) {
                b.append(String.format(Locale.ROOT, "  responder: delivered in order %d, duplicates received %d, refused %d%n", r.peerDelivered(),
                        r.peerDuplicates(), r.peerRefused()));
            }
            if (r.latencySamples() > 0) {
                b.append(String.format(Locale.ROOT, "  round trip outside failovers: median %.1f us, p99 %.1f us, max %.1f us (%d)%n", r.medianUs(),
                        r.p99Us(), r.maxUs(), r.latencySamples()));
            }
            b.append(String.format(Locale.ROOT, "  largest gap between acknowledgements: %.1f ms; failovers: %d%n", r.largestGapMs(),
                    r.failoverCount()));
            for (StreamResult.Failover f : r.failovers()) {
                b.append(String.format(Locale.ROOT, "    at %.3f s  %s -> %s (%s), %d resent, gap %s%n", f.atMs() / 1000, f.from(),
                        f.to() == null ? "nothing" : f.to(), f.why(), f.resent(), f.gapMs() == null ? "-" : String.format(Locale.ROOT, "%.1f ms", f.gapMs())));
            }
            if (r.failoverCount() > r.failovers().size()) {
                b.append("    (" + (r.failoverCount() - r.failovers().size()) + " more not kept)\n");
            }
            for (StreamResult.Lane l : r.lanes()) {
                b.append(String.format(Locale.ROOT, "  lane %-40s %-8s failures %d, stalls %d, rebuilds %d%s%n", l.name(), l.state(), l.failures(),
                        l.stalls(), l.rebuilds(), l.lastProblem() == null ? "" : "  last: " + l.lastProblem()));
            }
            b.append(r.ok() ? "  PASS: every message acknowledged once, delivered in order\n" : "  FAIL: " + (r.failed() != null ? r.failed()
                    : r.lost() > 0 ? r.lost() + " messages never acknowledged" : "the responder did not deliver every message in order") + "\n");
        }
        return b.toString();
    }
}
