package org.networktool.executors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Netdev;
import org.networktool.layout.OvsBondMember;
import org.networktool.layout.OvsPort;
import org.networktool.planners.Gate;
import org.networktool.planners.RdmaCheck;
import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.MemberPaths;
import org.networktool.verbscheck.PathReport;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;

/**
 * The gates, checked on a fresh read of the host (the Open vSwitch daemon's own in {@link OvsDaemonGates}). OVS bond and reachability gates retry for a
 * bounded time: members and LACP take a moment to come up after a change.
 */
public final class HostGates implements GateChecker {
    private final HostReader reader;
    private final GateProbes probes;
    private final long settleMs;
    /** Within a {@link #round()}: the newest read of the host, shared by the round's gates; null outside a round. */
    private final HostLayout[] shared;

    /** {@code settleMs}: how long a gate that can settle (OVS bond, LACP, peers, RDMA) is read again before it fails. */
    public HostGates(HostReader reader, GateProbes probes, long settleMs) {
        this(reader, probes, settleMs, null);
    }

    private HostGates(HostReader reader, GateProbes probes, long settleMs, HostLayout[] shared) {
        this.reader = reader;
        this.probes = probes;
        this.settleMs = settleMs;
        this.shared = shared;
    }

    /** One read of the host serves the round's gates (a read costs tens of seconds on an emulated CPU, most of a gate). */
    @Override
    public GateChecker round() {
        return new HostGates(reader, probes, settleMs, new HostLayout[1]);
    }

    @Override
    public GateChecker roundAfter(GateChecker previous) {
        HostLayout newest = previous instanceof HostGates p && p.shared != null ? p.shared[0] : null;
        return new HostGates(reader, probes, settleMs, new HostLayout[] {newest});
    }

    @Override
    public long settleMs() {
        return settleMs;
    }

    @Override
    public java.util.Optional<HostLayout> host() {
        return java.util.Optional.of(read(false));
    }

    private HostLayout read(boolean fresh) {
        if (shared == null) {
            return reader.read();
        }
        if (fresh || shared[0] == null) {
            shared[0] = reader.read();
        }
        return shared[0];
    }

    @Override
    public GateResult check(Gate gate) {
        long t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + (retries(gate) ? settleMs : 0);
        GateVerdict v;
        int attempts = 0;
        while (true) {
            attempts++;
            v = once(gate, attempts > 1);
            if (v.ok() || System.currentTimeMillis() >= deadline) {
                break;
            }
            sleep(200);
        }
        v.figures().put("attempts", String.valueOf(attempts));
        return new GateResult(gate, v.ok(), v.message(), v.figures(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static boolean retries(Gate g) {
        return switch (g.kind()) {
            case OVS_BRIDGE, OVS_BOND, LACP_PARTNER, REACHABILITY, RDMA, RDMA_PINGPONG -> true;
            default -> false;
        };
    }

    private GateVerdict once(Gate g, boolean fresh) {
        Map<String, String> fig = new LinkedHashMap<>();
        HostLayout l = read(fresh);
        if (g instanceof Gate.Preflight p) {
            return preflight(l, p, fig);
        } else if (g instanceof Gate.StorageIp s) {
            return storageIp(l, s, fig);
        } else if (g instanceof Gate.OvsBridge b) {
            return OvsDaemonGates.bridge(l, b, probes, fig);
        } else if (g instanceof Gate.OvsBond b) {
            return bond(l, b, fig);
        } else if (g instanceof Gate.LacpPartner p) {
            return lacp(p, fig);
        } else if (g instanceof Gate.Reachability r) {
            return reach(l, r, fig);
        } else if (g instanceof Gate.Rdma r) {
            return rdma(l, r, fig);
        } else if (g instanceof Gate.RdmaPingPong r) {
            return rdmaPingPong(l, r, fig);
        } else if (g instanceof Gate.PathSymmetry p) {
            return pathSymmetry(l, p, fig);
        } else if (g instanceof Gate.OvsPersisted p) {
            return OvsDaemonGates.persisted(p, probes, fig);
        }
        // Target is the executor's own check after the last step (TargetCheck), never a step's gate.
        return GateVerdict.fail("not a step's gate: " + g.label(), fig);
    }

    private GateVerdict preflight(HostLayout l, Gate.Preflight g, Map<String, String> fig) {
        if (!l.ovs().present()) {
            return GateVerdict.fail("Open vSwitch is not answering (ovs-vsctl failed): install and start openvswitch-switch", fig);
        }
        fig.put("ovs_version", String.valueOf(l.ovs().version()));
        List<String> missing = probes.missingTools(g.tools());
        if (!missing.isEmpty()) {
            return GateVerdict.fail(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not installed", fig);
        }
        return GateVerdict.pass("tools present, Open vSwitch" + (l.ovs().version() == null ? "" : " " + l.ovs().version()) + " answering", fig);
    }

    private static GateVerdict storageIp(HostLayout l, Gate.StorageIp g, Map<String, String> fig) {
        List<String> holders = new ArrayList<>();
        for (Netdev n : l.netdevs()) {
            if (n.addresses().stream().map(IpAddress::cidr).anyMatch(g.addresses()::contains)) {
                holders.add(n.name());
            }
        }
        fig.put("holders", String.join(",", holders));
        return holders.equals(List.of(g.iface())) ? GateVerdict.pass("storage IP on " + g.iface(), fig)
                : GateVerdict.fail("storage IP on " + (holders.isEmpty() ? "no interface" : String.join(", ", holders)) + ", expected " + g.iface(), fig);
    }

    private static GateVerdict bond(HostLayout l, Gate.OvsBond g, Map<String, String> fig) {
        String name = g.bond();
        Optional<OvsPort> port = l.ovs().bridges().stream().flatMap(b -> b.ports().stream()).filter(p -> p.name().equals(name)).findFirst();
        if (port.isEmpty()) {
            return GateVerdict.fail("bond " + name + " not in any bridge", fig);
        }
        List<String> want = g.members().isEmpty() ? port.get().interfaceNames() : g.members();
        if (port.get().bondStatus() == null) {
            // Simulated host, or bond/show unreadable: membership is all that can be checked.
            boolean all = port.get().interfaceNames().containsAll(want);
            fig.put("members", String.join(",", port.get().interfaceNames()));
            return all ? GateVerdict.pass("members present (no live bond state)", fig) : GateVerdict.fail("members missing from " + name, fig);
        }
        List<String> enabled = port.get().bondStatus().members().stream().filter(OvsBondMember::enabled).map(OvsBondMember::name).toList();
        fig.put("enabled", String.join(",", enabled));
        fig.put("active", String.valueOf(port.get().bondStatus().activeMember()));
        List<String> missing = want.stream().filter(m -> !enabled.contains(m)).toList();
        if (!missing.isEmpty()) {
            return GateVerdict.fail("members not enabled in " + name + ": " + String.join(", ", missing), fig);
        }
        String active = port.get().bondStatus().activeMember();
        if ("active-backup".equals(port.get().bondMode()) && (active == null || active.equals("none"))) {
            return GateVerdict.fail(name + " has no active member", fig);
        }
        return GateVerdict.pass(enabled.size() + " members enabled" + (active == null ? "" : ", active " + active), fig);
    }

    private GateVerdict lacp(Gate.LacpPartner g, Map<String, String> fig) {
        Optional<CommandOutcome> asked = probes.lacpShow(g.bond());
        if (asked.isEmpty()) {
            return GateVerdict.pass("LACP partner not checked on a practice host", fig);
        }
        CommandOutcome o = asked.get();
        if (!o.ok()) {
            return GateVerdict.fail("ovs-appctl lacp/show failed: " + o.output().strip(), fig);
        }
        Map<String, String> partners = LacpShow.partners(o.output());
        fig.putAll(partners);
        long distinct = partners.values().stream().distinct().count();
        if (partners.isEmpty() || partners.values().stream().anyMatch(p -> p.startsWith("00:00:00:00:00:00"))) {
            return GateVerdict.fail("LACP not negotiated on every member: ask the switch team to add the members to the port-channel", fig);
        }
        return distinct == 1 ? GateVerdict.pass("one partner " + partners.values().iterator().next() + " on " + partners.size() + " members", fig)
                : GateVerdict.fail("members see different LACP partners (" + String.join("; ", partners.values().stream().distinct().toList())
                        + "): the switch ports are not one port-channel", fig);
    }

    private GateVerdict reach(HostLayout l, Gate.Reachability g, Map<String, String> fig) {
        String source = l.storage() == null || l.storage().addresses().isEmpty() ? null
                : l.storage().addresses().get(0).replaceAll("/.*", "");
        List<String> unreachable = new ArrayList<>();
        for (String peer : g.peers()) {
            Optional<String> answer = probes.ping(peer, source);
            fig.put(peer, answer.orElse("unreachable"));
            if (answer.isEmpty()) {
                unreachable.add(peer);
            }
        }
        return unreachable.isEmpty() ? GateVerdict.pass(g.peers().size() + " peers answer", fig)
                : GateVerdict.fail("no answer from " + String.join(", ", unreachable) + (source == null ? " (no storage IP to reach them from)" : ""), fig);
    }

    /** The same check as the planner's model host runs: no leniency for a practice host. */
    private static GateVerdict rdma(HostLayout l, Gate.Rdma g, Map<String, String> fig) {
        RdmaCheck.Result r = RdmaCheck.check(l, g);
        fig.putAll(r.figures());
        return new GateVerdict(r.ok(), r.message(), fig);
    }

    /** For every peer and every NIC: one path of that NIC completes the round trips (the next path is tried when one fails). */
    private GateVerdict rdmaPingPong(HostLayout l, Gate.RdmaPingPong g, Map<String, String> fig) {
        if (probes.pinger().isEmpty()) {
            return GateVerdict.pass("RC ping-pong " + probes.notProbed(), fig);
        }
        RdmaPinger pinger = probes.pinger().get();
        if (!g.members().isEmpty()) {
            MemberRdmaGate.Outcome o = new MemberRdmaGate(pinger).check(l, g, fig);
            return new GateVerdict(o.ok(), o.message(), fig);
        }
        Map<String, List<RocePath>> byNic = RdmaPaths.byNic(l);
        if (byNic.isEmpty()) {
            return GateVerdict.fail("no storage RDMA port has a RoCE v2 GID for the storage IP", fig);
        }
        int port = g.port();
        List<String> problems = new ArrayList<>();
        for (String peer : g.peers()) {
            for (Map.Entry<String, List<RocePath>> nic : byNic.entrySet()) {
                PeerResult ok = null;
                PeerResult last = null;
                for (RocePath path : nic.getValue()) {
                    last = pinger.ping(path, new ProbePeer(peer, port), null);
                    if (last.ok()) {
                        ok = last;
                        break;
                    }
                }
                String key = peer + " via " + nic.getKey();
                if (ok != null) {
                    fig.put(key, ok.path().device() + " median " + String.format(java.util.Locale.ROOT, "%.1f", ok.latency().medianUs())
                            + " us, p99 " + String.format(java.util.Locale.ROOT, "%.1f", ok.latency().p99Us()) + " us");
                } else {
                    fig.put(key, last.failure().label());
                    problems.add(key + ": " + last.message());
                }
            }
        }
        return problems.isEmpty() ? GateVerdict.pass("RC ping-pong answered on every NIC", fig) : GateVerdict.fail(String.join("; ", problems), fig);
    }

    /** Every member carrying traffic has at least {@code min} symmetric tuples to every peer. */
    private GateVerdict pathSymmetry(HostLayout l, Gate.PathSymmetry g, Map<String, String> fig) {
        if (probes.paths().isEmpty()) {
            return GateVerdict.pass("path probes " + probes.notProbed(), fig);
        }
        PathChecker paths = probes.paths().get();
        Optional<OvsPort> bond = RdmaPathMap.storageBond(l);
        if (bond.isEmpty()) {
            return GateVerdict.fail("no OVS bond carries the storage network", fig);
        }
        RdmaPathMap map = RdmaPathMap.of(l, bond.get(), bond.get().bondStatus());
        List<String> watched = map.members().stream().map(RdmaPathMap.Member::name).toList();
        int port = g.port();
        int min = g.min();
        int tuples = g.tuples();
        List<String> problems = new ArrayList<>();
        for (String peer : g.peers()) {
            PathReport r;
            try {
                r = paths.probe(peer, port, watched, tuples);
            } catch (NetworkToolException e) {
                problems.add(peer + ": " + e.getMessage());
                continue;
            }
            for (MemberPaths m : r.byMember()) {
                fig.put(peer + " via " + m.member(), m.symmetric() + " symmetric of " + m.sent() + " sent, " + m.asymmetric()
                        + " asymmetric, " + m.lost() + " lost");
            }
            r.weakMembers(min).forEach((member, n) -> {
                if (map.carrying().contains(member)) {
                    int sent = r.byMember().stream().filter(m -> m.member().equals(member)).mapToInt(MemberPaths::sent).sum();
                    problems.add(peer + " via " + member + ": " + n + " symmetric of " + sent + " sent (need " + min + ")"
                            + (sent == 0 ? ", no tuple left on it (OVS gives a member hash buckets when it is enabled before the first"
                                    + " flows, or when it rebalances under load)" : ""));
                }
            });
        }
        return problems.isEmpty() ? GateVerdict.pass("at least " + min + " symmetric tuples per member to every peer", fig)
                : GateVerdict.fail(String.join("; ", problems), fig);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
