package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Matches what the taps saw to the probes sent: the member each request left on and each reply arrived on. */
final class PathClassifier {
    /** One probe: its source port, when it was sent, when its signed reply came (-1: never). */
    record Probe(int sourcePort, long sentNanos, long replyNanos) {
        boolean answered() {
            return replyNanos >= 0;
        }
    }

    private PathClassifier() {
    }

    static List<TupleResult> classify(String run, String source, String peer, int port, List<Probe> probes, List<TapFrame> frames) {
        Map<Integer, Set<String>> sent = new LinkedHashMap<>();
        Map<Integer, Set<String>> received = new LinkedHashMap<>();
        String q = PathWire.VERSION + " Q " + run;
        String a = PathWire.VERSION + " A " + run;
        for (TapFrame f : frames) {
            if (f.outgoing() && f.src().equals(source) && f.dst().equals(peer) && f.dport() == port && f.payload().startsWith(q)) {
                sent.computeIfAbsent(f.sport(), k -> new LinkedHashSet<>()).add(f.member());
            } else if (!f.outgoing() && f.src().equals(peer) && f.sport() == port && f.dst().equals(source) && f.payload().startsWith(a)) {
                received.computeIfAbsent(f.dport(), k -> new LinkedHashSet<>()).add(f.member());
            }
        }
        List<TupleResult> out = new ArrayList<>();
        for (Probe p : probes) {
            Set<String> tx = sent.getOrDefault(p.sourcePort(), Set.of());
            Set<String> rx = received.getOrDefault(p.sourcePort(), Set.of());
            String sentOn = tx.isEmpty() ? null : String.join("+", tx);
            String receivedOn = rx.isEmpty() ? null : String.join("+", rx);
            Double rtt = p.answered() ? (p.replyNanos() - p.sentNanos()) / 1000.0 : null;
            TupleVerdict v;
            if (!p.answered()) {
                v = TupleVerdict.LOST;
            } else if (tx.size() != 1 || rx.isEmpty()) {
                v = TupleVerdict.UNSEEN;
            } else {
                // A reply flooded onto several members still reached the sending one: the member that matters.
                v = rx.contains(sentOn) ? TupleVerdict.SYMMETRIC : TupleVerdict.ASYMMETRIC;
            }
            out.add(new TupleResult(p.sourcePort(), sentOn, receivedOn, v, rtt));
        }
        return out;
    }

    /** Whether the taps have seen both directions of every answered probe (then waiting longer adds nothing). */
    static boolean complete(String run, String source, String peer, int port, List<Probe> probes, List<TapFrame> frames) {
        return classify(run, source, peer, port, probes, frames).stream().noneMatch(t -> t.verdict() == TupleVerdict.UNSEEN);
    }
}
