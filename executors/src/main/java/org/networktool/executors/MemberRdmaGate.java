package org.networktool.executors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RocePortPath;
import org.networktool.planners.Gate;
import org.networktool.planners.RdmaCheck;
import org.networktool.verbscheck.FlowPathResult;
import org.networktool.verbscheck.FlowResult;
import org.networktool.verbscheck.FlowVerdict;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.VerbsException;

/**
 * The RC ping-pong gate from each member's own path (its RDMA port, the RoCE v2 default GID of its MAC) to every link-local
 * RoCE port each peer advertises, asked afresh: the standby members' paths too, since a warm standby queue pair is what
 * survives a NIC failure. Behind a port-channel (the plan says so with {@link Gate.RdmaPingPong#flowLabels}) the switch hashes the
 * 5-tuple toward a member onto any of its ports, so one ping-pong on an arbitrary UDP source port proves little: there each
 * member must have a flow label whose queue pair is answered ({@link RdmaPinger#flows}), and the gate names them.
 */
final class MemberRdmaGate {
    private final RdmaPinger pinger;

    /** The gate's verdict; its figures go into the map the caller gave. */
    record Outcome(boolean ok, String message) {
    }

    MemberRdmaGate(RdmaPinger pinger) {
        this.pinger = pinger;
    }

    Outcome check(HostLayout l, Gate.RdmaPingPong g, Map<String, String> fig) {
        int port = g.port();
        List<String> members = g.members();
        Map<String, RocePath> own = new LinkedHashMap<>(RdmaPaths.ofMembers(l, members));
        List<String> problems = new ArrayList<>();
        members.stream().filter(m -> !own.containsKey(m)).forEach(m -> problems.add(m + ": no RDMA port with the RoCE v2 GID of its own MAC"));
        // A member without its link cannot answer; as for the [rdma] gate, a degraded bond is the OVS bond gate's to judge.
        List<String> unlinked = own.keySet().stream().filter(m -> !RdmaCheck.hardwarePortOn(l, m).map(e -> e.getValue().isActive()).orElse(false)
                && l.netdev(m).map(n -> Boolean.FALSE.equals(n.carrier()) || !n.isUp()).orElse(false)).toList();
        unlinked.forEach(m -> {
            own.remove(m);
            fig.put(m, "without link: not tried");
        });
        if (own.isEmpty() && problems.isEmpty()) {
            problems.add("no member's RDMA port has its link");
        }
        Integer labels = g.flowLabels();
        boolean hashed = labels != null;
        for (String peer : g.peers()) {
            ProbePeer at = new ProbePeer(peer, port);
            List<RocePortPath> theirs;
            try {
                theirs = pinger.paths(at).stream().filter(RocePortPath::isLinkLocal).toList();
            } catch (VerbsException e) {
                problems.add(peer + ": its RoCE ports could not be asked: " + e.getMessage());
                continue;
            }
            if (theirs.isEmpty()) {
                problems.add(peer + " advertises no link-local RoCE port");
            }
            for (Map.Entry<String, RocePath> m : own.entrySet()) {
                for (RocePortPath p : theirs) {
                    String key = m.getKey() + " → " + peer + " " + p.device() + "/" + p.port();
                    String problem = hashed ? flows(m.getValue(), at, p, labels, key, fig) : pingPong(m.getValue(), at, p, key, fig);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(false, String.join("; ", problems));
        }
        return new Outcome(true, (hashed ? "RC queue pairs answered on stable flow labels from every member to every peer port"
                : "RC ping-pong answered from every member to every peer port") + (unlinked.isEmpty() ? "" : " (" + String.join(", ", unlinked)
                + " without link)"));
    }

    private String pingPong(RocePath from, ProbePeer at, RocePortPath p, String key, Map<String, String> fig) {
        PeerResult r = pinger.ping(from, at, p.gid());
        if (r.ok()) {
            fig.put(key, from.device() + " median " + String.format(Locale.ROOT, "%.1f", r.latency().medianUs()) + " us, p99 "
                    + String.format(Locale.ROOT, "%.1f", r.latency().p99Us()) + " us");
            return null;
        }
        fig.put(key, r.failure().label());
        return key + ": " + r.message();
    }

    private String flows(RocePath from, ProbePeer at, RocePortPath p, int labels, String key, Map<String, String> fig) {
        FlowPathResult r = pinger.flows(from, at, p, labels);
        if (!r.ran()) {
            fig.put(key, r.failure().label());
            return key + ": " + r.message();
        }
        List<FlowResult> stable = r.flows().stream().filter(f -> f.verdict() == FlowVerdict.STABLE).toList();
        fig.put(key, stable.size() + " of " + r.flows().size() + " flow labels stable" + (stable.isEmpty() ? "" : ": "
                + stable.stream().limit(8).map(f -> f.label() + " (UDP " + f.sourcePort() + ")").collect(Collectors.joining(", "))
                + (stable.size() > 8 ? ", ..." : "")));
        if (stable.isEmpty()) {
            return key + ": none of " + r.flows().size() + " flow labels answered (" + r.count(FlowVerdict.REPLIES_LOST) + " replies lost, "
                    + r.count(FlowVerdict.REQUESTS_LOST) + " requests lost): the port-channel sends every tried 5-tuple to another NIC";
        }
        return null;
    }
}
