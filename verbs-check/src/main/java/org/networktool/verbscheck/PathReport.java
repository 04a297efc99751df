package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One peer's path probe: every 5-tuple's verdict and, per bond member, what it means. A value:
 * printed by {@code path-probe}, judged by the path gate ({@link #weakMembers}).
 */
public record PathReport(String peer, int port, String source, List<String> members, List<TupleResult> tuples,
        List<MemberPaths> byMember, int busyPorts, long elapsedMs) {

    public static PathReport of(String peer, int port, String source, List<String> members, List<TupleResult> tuples, int busyPorts,
            long elapsedMs) {
        List<MemberPaths> by = new ArrayList<>();
        for (String m : members) {
            List<TupleResult> mine = tuples.stream().filter(t -> m.equals(t.sentOn())).toList();
            Map<String, Integer> returned = new TreeMap<>();
            List<Integer> ports = new ArrayList<>();
            List<Long> rtts = new ArrayList<>();
            int sym = 0;
            int asym = 0;
            int lost = 0;
            for (TupleResult t : mine) {
                switch (t.verdict()) {
                    case SYMMETRIC -> {
                        sym++;
                        ports.add(t.sourcePort());
                        rtts.add(Math.round(t.rttUs() * 1000));
                    }
                    case ASYMMETRIC -> {
                        asym++;
                        returned.merge(t.receivedOn(), 1, Integer::sum);
                    }
                    case LOST -> lost++;
                    default -> {
                        // an answered tuple whose reply no member saw: counted in the tuples, not here
                    }
                }
            }
            by.add(new MemberPaths(m, mine.size(), sym, asym, lost, returned, ports,
                    Latency.of(rtts.stream().mapToLong(Long::longValue).toArray())));
        }
        return new PathReport(peer, port, source, List.copyOf(members), List.copyOf(tuples), by, busyPorts, elapsedMs);
    }

    public long count(TupleVerdict v) {
        return tuples.stream().filter(t -> t.verdict() == v).count();
    }

    /** Members with fewer than {@code k} symmetric tuples to this peer, with their count. */
    public Map<String, Integer> weakMembers(int k) {
        Map<String, Integer> weak = new LinkedHashMap<>();
        for (MemberPaths m : byMember) {
            if (m.symmetric() < k) {
                weak.put(m.member(), m.symmetric());
            }
        }
        return weak;
    }
}
