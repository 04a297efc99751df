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
import org.networktool.layout.RdmaDevice;
import org.networktool.layout.RdmaPort;
import org.networktool.planners.Command;
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
    private final CommandRunner runner;
    private final boolean live;
    private final long settleMs;
    private final RdmaPinger pinger;
    private final PathChecker paths;
    /** Within a {@link #round()}: the newest read of the host, shared by the round's gates; null outside a round. */
    private final HostLayout[] shared;

    /** {@code live}: reachability pings real peers; on a simulated host it is judged from the layout. */
    public HostGates(HostReader reader, CommandRunner runner, boolean live, long settleMs) {
        this(reader, runner, live, settleMs, null);
    }

    /** {@code pinger}: how RDMA_PINGPONG gates reach the peers' probe responders (null: such gates fail, saying why). */
    public HostGates(HostReader reader, CommandRunner runner, boolean live, long settleMs, RdmaPinger pinger) {
        this(reader, runner, live, settleMs, pinger, null);
    }

    /** {@code paths}: how PATH_SYMMETRY gates probe the peers' path responders (null: such gates say they were not checked). */
    public HostGates(HostReader reader, CommandRunner runner, boolean live, long settleMs, RdmaPinger pinger, PathChecker paths) {
        this(reader, runner, live, settleMs, pinger, paths, null);
    }

    private HostGates(HostReader reader, CommandRunner runner, boolean live, long settleMs, RdmaPinger pinger, PathChecker paths,
            HostLayout[] shared) {
        this.shared = shared;
        this.paths = paths;
        this.reader = reader;
        this.runner = runner;
        this.live = live;
        this.settleMs = settleMs;
        this.pinger = pinger;
    }

    /** One read of the host serves the round's gates (a read costs tens of seconds on an emulated CPU, most of a gate). */
    @Override
    public GateChecker round() {
        return new HostGates(reader, runner, live, settleMs, pinger, paths, new HostLayout[1]);
    }

    @Override
    public GateChecker roundAfter(GateChecker previous) {
        HostLayout newest = previous instanceof HostGates p && p.shared != null ? p.shared[0] : null;
        return new HostGates(reader, runner, live, settleMs, pinger, paths, new HostLayout[] {newest});
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
        switch (g.kind()) {
            case PREFLIGHT: {
                if (!l.ovs().present()) {
                    return GateVerdict.fail("Open vSwitch is not answering (ovs-vsctl failed): install and start openvswitch-switch", fig);
                }
                fig.put("ovs_version", String.valueOf(l.ovs().version()));
                if (live) {
                    for (String tool : g.params().getOrDefault("tools", "").split(",")) {
                        if (!tool.isBlank() && !onPath(tool)) {
                            return GateVerdict.fail(tool + " is not installed", fig);
                        }
                    }
                }
                return GateVerdict.pass("tools present, Open vSwitch" + (l.ovs().version() == null ? "" : " " + l.ovs().version()) + " answering", fig);
            }
            case STORAGE_IP: {
                String iface = g.params().get("interface");
                List<String> want = List.of(g.params().get("addresses").split(","));
                List<String> holders = new ArrayList<>();
                for (Netdev n : l.netdevs()) {
                    if (n.addresses().stream().map(IpAddress::cidr).anyMatch(want::contains)) {
                        holders.add(n.name());
                    }
                }
                fig.put("holders", String.join(",", holders));
                return holders.equals(List.of(iface)) ? GateVerdict.pass("storage IP on " + iface, fig)
                        : GateVerdict.fail("storage IP on " + (holders.isEmpty() ? "no interface" : String.join(", ", holders)) + ", expected " + iface, fig);
            }
            case OVS_BRIDGE:
                return OvsDaemonGates.bridge(l, g, live, fig);
            case OVS_BOND:
                return bond(l, g, fig);
            case LACP_PARTNER:
                return lacp(g, fig);
            case REACHABILITY:
                return reach(l, g, fig);
            case RDMA:
                return rdma(l, g, fig);
            case RDMA_PINGPONG:
                return rdmaPingPong(l, g, fig);
            case PATH_SYMMETRY:
                return pathSymmetry(l, g, fig);
            case OVS_PERSISTED:
                return OvsDaemonGates.persisted(g, live, runner, fig);
            default:
                return GateVerdict.fail("unknown gate " + g.kind(), fig);
        }
    }

    private GateVerdict bond(HostLayout l, Gate g, Map<String, String> fig) {
        String name = g.params().get("bond");
        Optional<OvsPort> port = l.ovs().bridges().stream().flatMap(b -> b.ports().stream()).filter(p -> p.name().equals(name)).findFirst();
        if (port.isEmpty()) {
            return GateVerdict.fail("bond " + name + " not in any bridge", fig);
        }
        List<String> want = g.params().getOrDefault("members", "").isBlank() ? port.get().interfaceNames()
                : List.of(g.params().get("members").split(","));
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

    private GateVerdict lacp(Gate g, Map<String, String> fig) {
        if (!live) {
            return GateVerdict.pass("LACP partner not checked on a simulated host", fig);
        }
        CommandOutcome o = runner.run(Command.of("ovs-appctl", "lacp/show", g.params().get("bond")));
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

    private GateVerdict reach(HostLayout l, Gate g, Map<String, String> fig) {
        List<String> peers = List.of(g.params().get("peers").split(","));
        String source = l.storage() == null || l.storage().addresses().isEmpty() ? null
                : l.storage().addresses().get(0).replaceAll("/.*", "");
        if (!live) {
            return source != null ? GateVerdict.pass("simulated: storage IP present for " + peers.size() + " peers", fig)
                    : GateVerdict.fail("no storage IP to reach peers from", fig);
        }
        List<String> unreachable = new ArrayList<>();
        for (String peer : peers) {
            // Ends on the first answer (-c 1 with a deadline: echo requests every 0.2 s until one is answered or 2 s have
            // passed), instead of always sending three: a step's gates wait for the network, not for a count of pings.
            List<String> argv = new ArrayList<>(List.of("ping", "-n", "-q", "-c", "1", "-i", "0.2", "-w", "2"));
            if (source != null) {
                argv.addAll(List.of("-I", source));
            }
            argv.addAll(List.of("--", peer)); // a peer is checked where it is given; "--" keeps it an operand regardless
            CommandOutcome o = runner.run(Command.of(argv));
            fig.put(peer, o.ok() ? rtt(o.output()) : "unreachable");
            if (!o.ok()) {
                unreachable.add(peer);
            }
        }
        return unreachable.isEmpty() ? GateVerdict.pass(peers.size() + " peers answer", fig) : GateVerdict.fail("no answer from " + String.join(", ", unreachable), fig);
    }

    private static String rtt(String pingOutput) {
        for (String line : pingOutput.split("\n")) {
            if (line.contains("min/avg/max")) {
                return "rtt " + line.substring(line.indexOf('=') + 1).strip();
            }
        }
        return "answered";
    }

    /** The same check as the planner's model host runs: no leniency for a practice host. */
    private static GateVerdict rdma(HostLayout l, Gate g, Map<String, String> fig) {
        RdmaCheck.Result r = RdmaCheck.check(l, g);
        fig.putAll(r.figures());
        return new GateVerdict(r.ok(), r.message(), fig);
    }

    /** For every peer and every NIC: one path of that NIC completes the round trips (the next path is tried when one fails). */
    private GateVerdict rdmaPingPong(HostLayout l, Gate g, Map<String, String> fig) {
        if (!live) {
            return GateVerdict.pass("RC ping-pong not run on a simulated host", fig);
        }
        if (pinger == null) {
            // A rollback or watchdog run without --key-file: the snapshot comparison proves the way back; this proof is extra.
            return GateVerdict.pass("RC ping-pong not checked: this command was not given --key-file", fig);
        }
        if (g.params().containsKey(RdmaCheck.MEMBERS)) {
            MemberRdmaGate.Outcome o = new MemberRdmaGate(pinger).check(l, g, fig);
            return new GateVerdict(o.ok(), o.message(), fig);
        }
        Map<String, List<RocePath>> byNic = RdmaPaths.byNic(l);
        if (byNic.isEmpty()) {
            return GateVerdict.fail("no storage RDMA port has a RoCE v2 GID for the storage IP", fig);
        }
        int port = Integer.parseInt(g.params().get("port"));
        List<String> problems = new ArrayList<>();
        for (String peer : g.params().get("peers").split(",")) {
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
    private GateVerdict pathSymmetry(HostLayout l, Gate g, Map<String, String> fig) {
        if (!live) {
            return GateVerdict.pass("path probes not run on a simulated host", fig);
        }
        if (paths == null) {
            return GateVerdict.pass("path probes not checked: this command was not given --key-file", fig);
        }
        Optional<OvsPort> bond = RdmaPathMap.storageBond(l);
        if (bond.isEmpty()) {
            return GateVerdict.fail("no OVS bond carries the storage network", fig);
        }
        RdmaPathMap map = RdmaPathMap.of(l, bond.get(), bond.get().bondStatus());
        List<String> watched = map.members().stream().map(RdmaPathMap.Member::name).toList();
        int port = Integer.parseInt(g.params().get("port"));
        int min = Integer.parseInt(g.params().get("min"));
        int tuples = Integer.parseInt(g.params().get("tuples"));
        List<String> problems = new ArrayList<>();
        for (String peer : g.params().get("peers").split(",")) {
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

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
