package org.networktool.planners;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LacpAggregator;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.OvsPort;
import org.networktool.layout.RoceGids;
import org.networktool.layout.RocePortPath;
import org.networktool.layout.Route;
import org.networktool.planners.persist.FileChange;
import org.networktool.planners.persist.PersistSpec;
import org.networktool.planners.persist.Persistence;
import org.networktool.planners.persist.RowOwner;

/**
 * The steps of one plan, in order (the sequencer is {@link #all}): preflight, create the bridge,
 * build the OVS bond on ports that carry no traffic, one cutover batch, release the last ports and
 * remove the Linux bond. Commands come from {@link IpCommands} and {@link VsctlCommands}, gates from
 * {@link StepGates}. One instance per plan.
 */
final class StepBuilder {
    private final HostLayout l;
    private final TargetSpec t;
    private final StorageSource src;
    private final BondSpec b;
    private final PathGateSpec pathGate;
    private final StepGates gates;
    private final List<String> early = new ArrayList<>();
    private final List<String> late = new ArrayList<>();
    private final List<String> releaseEarly = new ArrayList<>();
    private final List<String> releaseLate = new ArrayList<>();
    private final Optional<OvsPort> existingBond;
    /**
     * 802.3ad source, LACP target: the switch's port-channel knows one LACP partner, so the ports cannot join the new
     * bond one by one (a second partner on the port-channel makes the switch drop the first). They move together in the
     * cutover, and the OVS bond announces bond0's LACP identity (system, priority, key, port numbers), so the switch sees
     * the same partner before and after.
     */
    private final boolean handover;
    /** Admin state and MTU as the plan leaves them so far, so each undo restores the state just before its action. */
    private final Map<String, Boolean> up = new HashMap<>();
    private final Map<String, Integer> mtus = new HashMap<>();
    /** The configuration files the last step rewrites, so a reboot keeps the migration. */
    final List<FileChange> files;
    /** Storage RDMA on hardware functions (not Soft-RoCE): per-member paths after the migration. */
    final boolean hardwareRoce;
    /** Whose the OVSDB rows are at boot: NetworkManager's profiles (their UUIDs on the rows) or the database's. */
    private final RowOwner owner;
    private final PortMacs macs;
    /** What each peer's probe responder advertised of its RoCE ports: the members' neighbour entries are made from it. */
    private final Map<String, List<RocePortPath>> peerPaths;

    StepBuilder(HostLayout l, TargetSpec t, StorageSource src, PathGateSpec pathGate, Persist persist, Map<String, List<RocePortPath>> peerPaths) {
        this.pathGate = pathGate;
        this.l = l;
        this.t = t;
        this.src = src;
        this.b = t.bond();
        this.peerPaths = peerPaths;
        this.existingBond = l.ovs().bridge(t.bridge()).flatMap(br -> br.port(b.name()));
        for (String m : b.members()) {
            if (existingBond.map(p -> p.interfaceNames().contains(m)).orElse(false)) {
                continue;
            }
            (m.equals(src.kept()) ? late : early).add(m);
        }
        if (src.isBond()) {
            for (String s : src.ports()) {
                (s.equals(src.kept()) ? releaseLate : releaseEarly).add(s);
            }
        }
        LacpAggregator agg = src.bond().map(LinuxBond::aggregator).orElse(null);
        handover = existingBond.isEmpty() && b.lacp() != null && b.lacp().enabled() && src.bond().map(LinuxBond::isLacp).orElse(false)
                && agg != null && agg.systemMac() != null && agg.actorKey() != null;
        if (handover) {
            early.clear();
            late.clear();
            releaseEarly.clear();
            releaseLate.clear();
        }
        hardwareRoce = RdmaAddressing.isHardwareRoce(l) && t.softRoce().isEmpty();
        gates = new StepGates(l, t, hardwareRoce);
        boolean dhcp = persist.config() != null && org.networktool.layout.config.BootAddressing.dhcpFile(persist.config(), src.iface()).isPresent();
        macs = PortMacs.of(l, src.iface(), hardwareRoce, dhcp);
        owner = persist.writes() ? Persistence.rowOwner(persist.config(), t.bridge(), b.name(), b.members(), t.internalPort()) : RowOwner.DATABASE;
        files = persist.writes() ? Persistence.changes(persist.config(), new PersistSpec(src.iface(), src.ports(), t.bridge(), b,
                BondSettings.of(b, handover ? src.bond().orElseThrow() : null),
                BondSettings.members(handover ? src.bond().orElseThrow() : null, b.members(), t.mtu(), RowOwner.DATABASE), t.internalPort(), l.storage().addresses(), t.mtu(), t.datapathType(),
                macs.bridge(), macs.port(), staticNeighbours())) : List.of();
    }

    /** The sequence: make before break, the one interrupting batch as late and as short as possible. */
    List<Step> all() {
        List<Step> steps = new ArrayList<>();
        steps.add(preflight());
        steps.add(createBridge());
        if (handover) {
            List<String> fresh = b.members().stream().filter(m -> !src.ports().contains(m)).toList();
            if (!fresh.isEmpty()) {
                steps.add(preparePorts(fresh));
            }
            steps.add(lacpCutover());
            steps.add(finish());
            return steps;
        }
        if (!early.isEmpty() || !releaseEarly.isEmpty()) {
            steps.add(buildBond());
        }
        steps.add(cutover());
        steps.add(finish());
        return steps;
    }

    private Step preflight() {
        List<Gate> pre = new ArrayList<>();
        List<String> tools = t.softRoce().isEmpty() ? List.of("ip", "ovs-vsctl", "ovs-appctl") : List.of("ip", "ovs-vsctl", "ovs-appctl", "rdma");
        pre.add(new Gate.Preflight("running as root; " + String.join(", ", tools) + " present; ovs-vswitchd answers", tools));
        pre.add(gates.storageIpOn(src.iface()));
        pre.addAll(gates.paths());
        return new Step("preflight", "Check tools and Open vSwitch; take the baseline (storage IP, peers, RDMA)",
                List.of(), pre, List.of(), false, "none: reads only");
    }

    private Step createBridge() {
        Command add = VsctlCommands.addBridge(t.bridge(), t.datapathType(), t.internalPort(), mtu(), macs.bridge(), macs.port(), owner);
        List<Action> actions = new ArrayList<>();
        // A bridge left by an interrupted run is kept as found: rollback of that run removes it.
        actions.add(l.ovs().bridge(t.bridge()).isPresent() ? Action.of(add) : Action.of(add, VsctlCommands.deleteBridge(t.bridge())));
        up.put(t.internalPort(), false);
        setUp(t.internalPort(), actions);
        return new Step("create-bridge", "Create bridge " + t.bridge() + " and internal port " + t.internalPort()
                + " (no address yet" + (mtu() == null ? "" : ", MTU " + mtu()) + ")", actions, List.of(),
                // The path gates too: proof that starting the bridge left storage traffic alone.
                StepGates.concat(List.of(gates.bridge(), gates.storageIpOn(src.iface())), gates.paths()),
                false, "storage IP not interrupted: nothing carries traffic here yet");
    }

    private Step buildBond() {
        List<Action> actions = new ArrayList<>();
        release(releaseEarly, src.iface(), actions);
        for (String m : early) {
            prepareMember(m, actions);
        }
        neighbours(early, actions);
        if (!early.isEmpty()) {
            actions.add(Action.of(addToBond(early), existingBond.isPresent() ? VsctlCommands.deleteBondIfaces(b.name(), early)
                    : VsctlCommands.deletePort(t.bridge(), b.name())));
        }
        List<Gate> post = new ArrayList<>();
        if (!early.isEmpty()) {
            post.add(gates.bondEnabled("members " + String.join(", ", early) + " enabled", early));
        }
        post.add(gates.storageIpOn(src.iface()));
        // Make-before-break for RDMA: the members' own paths are proven while the storage IP's GID still works.
        post.addAll(gates.paths(early));
        String impact = "storage IP not interrupted: " + src.iface() + " keeps carrying traffic on " + src.kept()
                + (releaseEarly.isEmpty() ? "" : "; " + String.join(", ", releaseEarly) + " leave" + (releaseEarly.size() == 1 ? "s " : " ")
                + src.iface() + " link-down first, so it fails over at once")
                + (src.bond().map(LinuxBond::isLacp).orElse(false) ? " (802.3ad: flows on the released ports rehash to "
                + src.kept() + ")" : "");
        return new Step("build-bond", "Free " + joinOr(releaseEarly, "no port") + " (never the active " + src.kept()
                + ") and build OVS bond " + b.name() + " (" + b.mode() + ") on " + String.join(", ", early)
                + neighboursSaid(early), actions, List.of(gates.storageIpOn(src.iface())), post, false, impact);
    }

    /** The addresses and routes move in one `ip -batch`, then the gratuitous ARP and the Soft-RoCE re-link; returns what moved. */
    private String moveStorageIp(List<Action> actions) {
        String p = t.internalPort();
        List<IpAddress> addrs = l.netdev(src.iface()).map(Netdev::addresses).orElse(List.of()).stream()
                .filter(IpAddress::isGlobal).toList();
        List<Route> routes = l.routes().stream().filter(r -> src.iface().equals(r.device()) && !"kernel".equals(r.protocol())).toList();
        List<Command> back = new ArrayList<>();
        // -force: after a crash inside this step some lines may not have run; the rest must still be undone.
        back.add(Command.batch(true, IpCommands.moveLines(addrs, routes, p, src.iface())));
        back.addAll(announce(addrs, src.iface()));
        actions.add(new Action(Command.batch(false, IpCommands.moveLines(addrs, routes, src.iface(), p)), back));
        announce(addrs, p).forEach(a -> actions.add(Action.of(a)));
        for (String rxe : t.softRoce()) {
            actions.add(Action.of(Command.of("rdma", "link", "delete", rxe),
                    Command.of("rdma", "link", "add", rxe, "type", "rxe", "netdev", src.iface())));
            actions.add(Action.of(Command.of("rdma", "link", "add", rxe, "type", "rxe", "netdev", p),
                    Command.of("rdma", "link", "delete", rxe)));
        }
        return addrs.stream().map(IpAddress::cidr).reduce((x, y) -> x + ", " + y).orElse("the storage IP")
                + (routes.isEmpty() ? "" : " and " + routes.size() + " route" + (routes.size() == 1 ? "" : "s"));
    }

    private Step cutover() {
        String p = t.internalPort();
        List<Action> actions = new ArrayList<>();
        String moved = moveStorageIp(actions);
        List<Gate> pre = new ArrayList<>(List.of(gates.storageIpOn(src.iface())));
        if (!early.isEmpty() || existingBond.isPresent()) {
            pre.add(gates.bondEnabled("has an enabled active member before the IP moves onto it", early));
        }
        List<Gate> post = new ArrayList<>(List.of(gates.storageIpOn(p)));
        gates.ipGidGoes();
        post.addAll(gates.paths(inOvsBond(early)));
        return new Step("cutover", "Move " + moved + " from " + src.iface() + " to " + p + " in one batch" + (t.softRoce().isEmpty() ? "" : "; re-link " + String.join(", ", t.softRoce())),
                actions, pre, post, true,
                "storage IP interrupted: for the one `ip -batch` that moves it, then until peers take the gratuitous ARP;"
                + " RDMA connections over the old path must reconnect");
    }

    private Step preparePorts(List<String> fresh) {
        List<Action> actions = new ArrayList<>();
        for (String m : fresh) {
            prepareMember(m, actions);
        }
        List<Gate> post = new ArrayList<>(List.of(gates.storageIpOn(src.iface())));
        post.addAll(gates.paths());
        return new Step("prepare-ports", "Bring " + String.join(", ", fresh) + " up" + (mtu() == null ? "" : " at MTU " + mtu())
                + " for " + b.name() + " (no LACP on them yet, so the switch keeps them out of its port-channel)",
                actions, List.of(gates.storageIpOn(src.iface())), post, false,
                "storage IP not interrupted: " + src.iface() + " keeps its ports and its port-channel");
    }

    private Step lacpCutover() {
        LinuxBond bond = src.bond().orElseThrow();
        LacpAggregator agg = bond.aggregator();
        List<Action> actions = new ArrayList<>();
        release(src.ports(), bond.name(), actions);
        for (String m : src.ports()) {
            prepareMember(m, actions);
        }
        neighbours(b.members(), actions);
        actions.add(Action.of(addToBond(b.members()), VsctlCommands.deletePort(t.bridge(), b.name())));
        String moved = moveStorageIp(actions);
        List<Gate> post = new ArrayList<>();
        post.add(gates.allMembersEnabled());
        post.add(gates.lacpPartner());
        post.add(gates.storageIpOn(t.internalPort()));
        if (!files.isEmpty()) {
            post.add(gates.persisted());
        }
        gates.ipGidGoes();
        post.addAll(gates.paths(b.members()));
        return new Step("cutover", "Move " + String.join(", ", src.ports()) + " from " + bond.name() + " into " + b.name()
                + " with " + bond.name() + "'s LACP identity (system " + agg.systemMac() + ", key " + agg.actorKey() + "), add "
                + String.join(", ", b.members().stream().filter(m -> !src.ports().contains(m)).toList()) + neighboursSaid(b.members())
                + ", then move " + moved + " to " + t.internalPort() + (t.softRoce().isEmpty() ? "" : "; re-link " + String.join(", ", t.softRoce())),
                actions, List.of(gates.storageIpOn(src.iface())), post, true,
                "storage IP interrupted: from the moment " + bond.name() + "'s ports leave it until the OVS bond's LACP is in sync"
                + " (the switch sees the same partner, so about a second at the fast rate) and peers take the gratuitous ARP;"
                + " RDMA connections over the old path must reconnect");
    }


    private Step finish() {
        List<Action> actions = new ArrayList<>();
        if (src.isBond()) {
            release(releaseLate, src.bond().get().name(), actions);
        }
        for (String m : late) {
            prepareMember(m, actions);
        }
        neighbours(late, actions);
        if (!late.isEmpty()) {
            actions.add(Action.of(addToBond(late), VsctlCommands.deleteBondIfaces(b.name(), late)));
        }
        if (src.isBond()) {
            LinuxBond bond = src.bond().get();
            List<Command> back = new ArrayList<>();
            back.add(IpCommands.addBond(bond));
            back.add(IpCommands.mac(bond.name(), l.netdev(bond.name()).map(Netdev::mac).orElseThrow()));
            l.netdev(bond.name()).map(Netdev::mtu).ifPresent(m -> back.add(IpCommands.mtu(bond.name(), m)));
            back.add(IpCommands.up(bond.name()));
            actions.add(new Action(IpCommands.delete(bond.name()), back));
        }
        for (FileChange f : files) {
            actions.add(Action.of(f.forward(), f.undo()));
        }
        List<Gate> post = new ArrayList<>();
        post.add(gates.allMembersEnabled());
        if (b.lacp() != null && b.lacp().enabled()) {
            post.add(gates.lacpPartner());
        }
        post.add(gates.storageIpOn(t.internalPort()));
        if (!files.isEmpty()) {
            post.add(gates.persisted());
        }
        post.addAll(gates.paths(b.members()));
        if (pathGate != null && BondSpec.BALANCE_TCP.equals(b.mode()) && !t.peers().isEmpty()) {
            post.add(gates.pathSymmetry(pathGate));
        }
        String what = handover ? "Delete " + src.iface() + " (its ports are in " + b.name() + " now)"
                : src.isBond() ? "Release " + joinOr(releaseLate, "the last port") + (late.isEmpty() ? "" : ", add " + String.join(", ", late)
                + " to " + b.name()) + ", delete " + src.iface()
                : "Add " + String.join(", ", late) + " to " + b.name();
        return new Step("finish", what + neighboursSaid(late), actions, List.of(gates.storageIpOn(t.internalPort())), post, false,
                "storage IP not interrupted: it already runs over " + b.name());
    }

    /**
     * Every link-local RoCE port a peer advertised, made known to each of {@code members} for good: a member's IPv6 stack
     * never sees a neighbour advertisement (OVS takes every frame arriving on it), and the kernel resolves a RoCE v2
     * destination through it (rdma_addr_find_l2_eth_by_grh). Hardware RoCE hosts only.
     */
    private void neighbours(List<String> members, List<Action> into) {
        for (PersistSpec.StaticNeighbour n : staticNeighbours()) {
            if (members.contains(n.member())) {
                into.add(Action.of(IpCommands.permanentNeighbour(n.address(), n.mac(), n.member()), IpCommands.deleteNeighbour(n.address(), n.member())));
            }
        }
    }

    /** The entries {@link #neighbours} makes, for the boot configuration. */
    private List<PersistSpec.StaticNeighbour> staticNeighbours() {
        List<PersistSpec.StaticNeighbour> out = new ArrayList<>();
        if (!hardwareRoce) {
            return out;
        }
        for (String m : b.members()) {
            for (String peer : t.peers()) {
                peerPaths.getOrDefault(peer, List.of()).stream().filter(RocePortPath::isLinkLocal)
                        .forEach(p -> out.add(new PersistSpec.StaticNeighbour(m, RoceGids.ipOf(p.gid()), p.mac())));
            }
        }
        return out;
    }

    private String neighboursSaid(List<String> members) {
        long n = t.peers().stream().flatMap(p -> peerPaths.getOrDefault(p, List.of()).stream()).filter(RocePortPath::isLinkLocal).count();
        return !hardwareRoce || n == 0 || members.isEmpty() ? "" : "; on " + String.join(", ", members) + " a permanent neighbour entry for each of "
                + n + " peer RoCE port" + (n == 1 ? "" : "s");
    }

    /** Down first: the bond fails over at once instead of after a miimon interval. */
    private void release(List<String> slaves, String bond, List<Action> into) {
        for (String s : slaves) {
            setDown(s, into);
            // A port joins a Linux bond only while down; undoing the release runs after the undo of a later "up".
            // The bond's MAC first: a bond emptied by a crash here has a random one and would adopt this port's.
            into.add(Action.of(IpCommands.nomaster(s), IpCommands.mac(bond, l.netdev(bond).map(Netdev::mac).orElseThrow()),
                    IpCommands.master(s, bond)));
        }
    }

    private Command addToBond(List<String> ifaces) {
        LinuxBond handoverFrom = handover ? src.bond().orElseThrow() : null;
        List<String> settings = new ArrayList<>(BondSettings.of(b, handoverFrom));
        settings.addAll(owner.tag("port", b.name()));
        if (existingBond.isPresent() || ifaces == late) {
            return VsctlCommands.addBondIfaces(b.name(), ifaces, settings, BondSettings.setInterfaces(BondSettings.members(null, ifaces, mtu(), owner)));
        }
        if (ifaces.size() >= 2) {
            return VsctlCommands.addBond(t.bridge(), b.name(), ifaces, settings, BondSettings.setInterfaces(BondSettings.members(handoverFrom, ifaces, mtu(), owner)));
        }
        return VsctlCommands.addOneMemberBond(t.bridge(), b.name(), ifaces.get(0), settings, BondSettings.setInterfaces(BondSettings.members(null, ifaces, mtu(), owner)));
    }


    private void prepareMember(String m, List<Action> into) {
        Integer was = mtus.computeIfAbsent(m, k -> l.netdev(k).map(Netdev::mtu).orElse(null));
        if (mtu() != null && !mtu().equals(was)) {
            into.add(was == null ? Action.of(IpCommands.mtu(m, mtu())) : Action.of(IpCommands.mtu(m, mtu()), IpCommands.mtu(m, was)));
            mtus.put(m, mtu());
        }
        setUp(m, into);
    }

    private void setUp(String dev, List<Action> into) {
        boolean wasUp = up.computeIfAbsent(dev, this::initiallyUp);
        into.add(wasUp ? Action.of(IpCommands.up(dev)) : Action.of(IpCommands.up(dev), IpCommands.down(dev)));
        up.put(dev, true);
    }

    private void setDown(String dev, List<Action> into) {
        boolean wasUp = up.computeIfAbsent(dev, this::initiallyUp);
        into.add(wasUp ? Action.of(IpCommands.down(dev), IpCommands.up(dev)) : Action.of(IpCommands.down(dev)));
        up.put(dev, false);
    }

    private boolean initiallyUp(String dev) {
        return l.netdev(dev).map(n -> !"down".equals(n.operstate()) || Boolean.TRUE.equals(n.carrier())).orElse(false);
    }

    private static List<Command> announce(List<IpAddress> addrs, String dev) {
        List<Command> out = new ArrayList<>();
        for (IpAddress a : addrs) {
            if ("inet".equals(a.family())) {
                out.add(IpCommands.arpAnnounce(dev, a.address()));
            }
        }
        return out;
    }

    private Integer mtu() {
        return t.mtu();
    }

    /** The members in the OVS bond once the early ones joined: those of a bond that existed before, and the early ones. */
    private List<String> inOvsBond(List<String> joined) {
        return b.members().stream().filter(m -> joined.contains(m)
                || existingBond.map(p -> p.interfaceNames().contains(m)).orElse(false)).toList();
    }

    private static String joinOr(List<String> xs, String none) {
        return xs.isEmpty() ? none : String.join(", ", xs);
    }
}
