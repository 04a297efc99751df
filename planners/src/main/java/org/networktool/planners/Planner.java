package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.networktool.layout.BondSlave;
import org.networktool.layout.Change;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LacpAggregator;
import org.networktool.layout.LayoutDiff;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.Ovs;
import org.networktool.layout.OvsPort;
import org.networktool.layout.Route;
import org.networktool.planners.persist.FileChange;
import org.networktool.planners.persist.PersistSpec;
import org.networktool.planners.persist.Persistence;
import org.networktool.planners.sim.HostSimulator;
import org.networktool.planners.sim.SimulationException;

/**
 * (current layout, target) → Plan, make-before-break: preflight, create the bridge, build the OVS
 * bond on ports that carry no traffic, one cutover batch, release the last ports and remove the
 * Linux bond. Pure: it touches no process, file or socket. Before returning, the plan is run on
 * the {@link HostSimulator} and must reach the target there.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * The plan for a host: for the given target (its missing storage interface taken from the
     * host), or for the one-click target derived from the host. Peers given here are added.
     */
    public static Plan planFor(HostLayout l, TargetSpec given, List<String> peers, String datapathType) {
        return planFor(l, given, peers, datapathType, null);
    }

    /** As above; {@code rdmaProbePort} (when not null) adds RC ping-pong gates toward the peers' probe responders. */
    public static Plan planFor(HostLayout l, TargetSpec given, List<String> peers, String datapathType, Integer rdmaProbePort) {
        return planFor(l, given, peers, datapathType, rdmaProbePort, null);
    }

    /** As above; {@code pathGate} (when not null) adds the L4 path gate after the last step of a balance-tcp migration. */
    public static Plan planFor(HostLayout l, TargetSpec given, List<String> peers, String datapathType, Integer rdmaProbePort,
            PathGateSpec pathGate) {
        return planFor(l, given, peers, datapathType, rdmaProbePort, pathGate, Persist.NOT_ASKED);
    }

    /** As above; {@code persist} says whether the host's network configuration files are rewritten to survive a reboot. */
    public static Plan planFor(HostLayout l, TargetSpec given, List<String> peers, String datapathType, Integer rdmaProbePort,
            PathGateSpec pathGate, Persist persist) {
        TargetSpec t;
        if (given == null) {
            TargetDeriver.Derivation d = TargetDeriver.derive(l, datapathType);
            if (!d.errors().isEmpty()) {
                return Plan.errored(l.hostname(), null, d.errors());
            }
            t = d.target();
        } else {
            t = given.storageInterface() != null || l.storage() == null ? given
                    : new TargetSpec(given.schema(), l.storage().interfaceName(), given.bridge(), given.internalPort(),
                            given.datapathType(), given.bond(), given.mtu() != null ? given.mtu()
                            : l.netdev(l.storage().interfaceName()).map(Netdev::mtu).orElse(null), given.softRoce(), given.peers(), given.reasons(), given.rdmaProbePort());
        }
        List<String> allPeers = new ArrayList<>(t.peers());
        peers.stream().filter(p -> !allPeers.contains(p)).forEach(allPeers::add);
        t = t.withPeers(allPeers);
        return plan(l, rdmaProbePort == null ? t : t.withRdmaProbePort(rdmaProbePort), pathGate, persist);
    }

    public static Plan plan(HostLayout l, TargetSpec t) {
        return plan(l, t, null);
    }

    public static Plan plan(HostLayout l, TargetSpec t, PathGateSpec pathGate) {
        return plan(l, t, pathGate, Persist.NOT_ASKED);
    }

    public static Plan plan(HostLayout l, TargetSpec t, PathGateSpec pathGate, Persist persist) {
        List<PlanError> errors = TargetValidator.validate(l, t);
        if (!errors.isEmpty()) {
            return Plan.errored(l.hostname(), t, errors);
        }
        List<String> storageAddresses = l.storage().addresses();
        if (TargetCheck.mismatches(l, t, storageAddresses).isEmpty()) {
            return new Plan(null, l.hostname(), Verdict.EMPTY, List.of(), t, List.of(), List.of(),
                    List.of("nothing to do: " + t.internalPort() + " already carries the storage IP on " + t.bridge() + "/"
                            + t.bond().name() + " over " + String.join(", ", t.bond().members())));
        }
        Optional<StorageSource> src = StorageSource.of(l);
        if (src.isEmpty()) {
            return Plan.errored(l.hostname(), t, List.of(new PlanError("storage", l.storage().interfaceName()
                    + " is half-migrated or of an unsupported kind (" + l.storage().kind()
                    + "): run `network-tool rollback` to return to the journaled original, then plan again")));
        }
        if (persist.config() != null && persist.config().backend().isEmpty()) {
            return Plan.errored(l.hostname(), t, List.of(new PlanError("persist", persist.config().problem()
                    + ": after a reboot the host would bring " + src.get().iface() + " back. Give --no-persist to migrate the running host"
                    + " only, and make its configuration match by hand.")));
        }
        Steps builder = new Steps(l, t, src.get(), pathGate, persist);
        List<Step> steps = builder.all();
        List<FileChange> files = builder.files;
        List<String> notes = notes(l, t, persist);
        HostLayout withOvs = withOvsRunning(l);
        HostSimulator sim = new HostSimulator(withOvs);
        for (Step s : steps) {
            for (Command c : s.forward()) {
                try {
                    sim.run(c);
                } catch (SimulationException e) {
                    if (!c.tolerateFailure()) {
                        return Plan.errored(l.hostname(), t, List.of(new PlanError("step " + s.id(),
                                "would fail at `" + c.display() + "`: " + e.getMessage())));
                    }
                }
            }
            // The model host's GID tables follow the kernel: a gate that fails there would fail on the host.
            for (Gate g : s.postGates()) {
                RdmaCheck.Result r = g.kind() == GateKind.RDMA ? RdmaCheck.check(sim.layout(), g) : null;
                if (r != null && !r.ok()) {
                    return Plan.errored(l.hostname(), t, List.of(new PlanError("step " + s.id(), "gate [rdma] would fail on the model host ("
                            + r.message() + "): this is a bug in network-tool, please report it with `inspect -o yaml`")));
                }
            }
        }
        List<String> left = TargetCheck.mismatches(sim.layout(), t, storageAddresses);
        if (!left.isEmpty()) {
            return Plan.errored(l.hostname(), t, List.of(new PlanError("plan", "does not reach the target on the model host ("
                    + String.join("; ", left) + "): this is a bug in network-tool, please report it with `inspect -o yaml`")));
        }
        List<Change> changes = LayoutDiff.between(withOvs, sim.layout());
        List<MemberRdmaPath> rdmaPaths = builder.hardwareRoce ? RdmaAddressing.paths(sim.layout(), t.bond().members()) : List.of();
        if (builder.hardwareRoce) {
            notes.add(0, hardwareRoceNote(l, t, steps));
        }
        return new Plan(null, l.hostname(), Verdict.APPLYABLE, List.of(), t, changes, steps, notes, files, rdmaPaths);
    }

    /** The host as preflight leaves it: Open vSwitch running (a sample without OVS is planned for that). */
    static HostLayout withOvsRunning(HostLayout l) {
        return l.ovs().present() ? l : new HostLayout(l.schema(), l.hostname(), l.source(), l.storage(), l.nics(), l.netdevs(),
                l.bonds(), l.routes(), new Ovs(true, null, List.of()), l.rdma(), l.warnings());
    }

    /** When the storage IP's RoCE GID goes, and what the storage layer must have done by then. */
    private static String hardwareRoceNote(HostLayout l, TargetSpec t, List<Step> steps) {
        String ip = l.storage().addresses().get(0).replaceAll("/.*", "");
        List<String> holders = l.rdma().stream().filter(d -> d.ports().stream().anyMatch(p -> p.gids().stream()
                .anyMatch(g -> g.isRoceV2() && ip.equals(g.ip())))).map(d -> d.name()).toList();
        int cut = 0;
        int proven = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).interruptsStorage() && cut == 0) {
                cut = i + 1;
            }
            if (proven == 0 && steps.get(i).postGates().stream().anyMatch(g -> g.params().containsKey(RdmaCheck.MEMBERS))) {
                proven = i + 1;
            }
        }
        return "Hardware RoCE: the RoCE v2 GID of " + ip + (holders.isEmpty() ? "" : " (on " + String.join(", ", holders) + ")")
                + " disappears in step " + cut + " (" + steps.get(cut - 1).id() + "): an Open vSwitch member's RDMA function keeps only"
                + " the GIDs of its own MAC. Each member's path (table above) is proven from step " + proven + " ("
                + steps.get(proven - 1).id() + ") on; the storage layer must open its queue pairs on those GIDs, one per member,"
                + " before step " + cut + ". Peers reach these link-local GIDs on one untagged L2 segment only.";
    }

    private static List<String> notes(HostLayout l, TargetSpec t, Persist persist) {
        List<String> notes = new ArrayList<>();
        if (t.peers().isEmpty()) {
            notes.add("No storage peers given (--peer, or peers in the target): the gates check this host only, not the storage path.");
        }
        if (!l.ovs().present()) {
            notes.add("Open vSwitch is not running on this host: preflight will stop. Install and start openvswitch-switch first.");
        }
        if (BondSpec.BALANCE_TCP.equals(t.bond().mode())) {
            String partner = l.storage() == null ? null : l.bond(l.storage().interfaceName()).map(LinuxBond::aggregator)
                    .map(a -> a.partnerMac() + " key " + a.partnerKey()).orElse(null);
            notes.add("Switch team: the port-channel" + (partner == null ? "" : " (partner " + partner + ")")
                    + " must contain the switch ports of every member (" + String.join(", ", t.bond().members())
                    + "); MLAG across two switches for dual-switch HA. The LACP gate after the last step stops the plan"
                    + " and rolls back if the partner differs between members; lacp-fallback-ab keeps traffic flowing meanwhile.");
        }
        if (l.storage() != null && l.storage().rdmaDevices().stream().anyMatch(d -> d.contains("_bond_"))) {
            notes.add("RoCE LAG: deleting " + l.storage().interfaceName() + " dissolves " + String.join(", ", l.storage().rdmaDevices())
                    + "; the NIC's ports come back as one RDMA device each, and the storage layer must use the active member's device.");
        }
        if (l.storage() != null && l.storage().addresses().stream().anyMatch(a -> a.contains(":"))) {
            notes.add("IPv6 storage addresses are moved, but no unsolicited neighbour advertisement is sent: peers re-learn the"
                    + " new MAC through neighbour unreachability detection (seconds).");
        }
        if (persist.writes()) {
            notes.add("Survives a reboot: the " + persist.config().backend().get().label() + " configuration ("
                    + String.join(", ", persist.config().defining()) + ") is rewritten in the last step, every file backed up in the"
                    + " journal first; the Open vSwitch database keeps the bridge and bond by itself, and the last gate reads it back from disk.");
        } else if (persist.skipped() != null) {
            notes.add(persist.skipped());
        }
        return notes;
    }

    /** Builds the steps; one instance per plan. */
    private static final class Steps {
        private final HostLayout l;
        private final TargetSpec t;
        private final StorageSource src;
        private final BondSpec b;
        private final PathGateSpec pathGate;
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
        private final java.util.Map<String, Boolean> up = new java.util.HashMap<>();
        private final java.util.Map<String, Integer> mtus = new java.util.HashMap<>();

        /** The configuration files the last step rewrites, so a reboot keeps the migration. */
        private final List<FileChange> files;
        /** Storage RDMA on hardware functions (not Soft-RoCE): per-member paths after the migration. */
        private final boolean hardwareRoce;
        /** Whether the storage IP still has a RoCE v2 GID at the step being built: until the cutover on a hardware host. */
        private boolean ipGidGone;

        Steps(HostLayout l, TargetSpec t, StorageSource src, PathGateSpec pathGate, Persist persist) {
            this.pathGate = pathGate;
            this.l = l;
            this.t = t;
            this.src = src;
            this.b = t.bond();
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
            files = persist.writes() ? Persistence.changes(persist.config(), new PersistSpec(src.iface(), src.ports(), t.bridge(), b,
                    bondSettings(), t.internalPort(), l.storage().addresses(), t.mtu(), t.datapathType())) : List.of();
        }

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
            pre.add(Gate.of(GateKind.PREFLIGHT, "running as root; ip, ovs-vsctl, ovs-appctl" + (t.softRoce().isEmpty() ? "" : ", rdma")
                    + " present; ovs-vswitchd answers", "tools", "ip,ovs-vsctl,ovs-appctl" + (t.softRoce().isEmpty() ? "" : ",rdma")));
            pre.add(storageIpOn(src.iface()));
            pre.addAll(pathGates());
            return new Step("preflight", "Check tools and Open vSwitch; take the baseline (storage IP, peers, RDMA)",
                    List.of(), pre, List.of(), false, "none: reads only");
        }

        private Step createBridge() {
            List<String> add = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-br", t.bridge(), "--", "set", "bridge", t.bridge(),
                    "datapath_type=" + t.datapathType(), "--", "--may-exist", "add-port", t.bridge(), t.internalPort(), "--", "set",
                    "interface", t.internalPort(), "type=internal"));
            if (mtu() != null) {
                add.add("mtu_request=" + mtu());
            }
            if (hardwareRoce) {
                // Without hwaddr the bridge takes the lowest member MAC, which that member's RDMA function sends RoCE with.
                List<String> own = RdmaAddressing.ownMacs(l, l.netdev(src.iface()).map(Netdev::mac).orElseThrow());
                add.add("mac=\"" + own.get(1) + "\"");
                add.add(9, "other_config:hwaddr=\"" + own.get(0) + "\"");
            }
            List<Action> actions = new ArrayList<>();
            // A bridge left by an interrupted run is kept as found: rollback of that run removes it.
            actions.add(l.ovs().bridge(t.bridge()).isPresent() ? Action.of(Command.of(add))
                    : Action.of(Command.of(add), Command.of("ovs-vsctl", "--if-exists", "del-br", t.bridge())));
            up.put(t.internalPort(), false);
            setUp(t.internalPort(), actions);
            return new Step("create-bridge", "Create bridge " + t.bridge() + " and internal port " + t.internalPort()
                    + " (no address yet" + (mtu() == null ? "" : ", MTU " + mtu()) + ")", actions, List.of(),
                    // The path gates too: proof that starting the bridge left storage traffic alone.
                    concat(List.of(Gate.of(GateKind.OVS_BRIDGE, t.bridge() + " with internal port " + t.internalPort() + " exists",
                            "bridge", t.bridge(), "port", t.internalPort()), storageIpOn(src.iface())), pathGates()),
                    false, "storage IP not interrupted: nothing carries traffic here yet");
        }

        private Step buildBond() {
            List<Action> actions = new ArrayList<>();
            release(releaseEarly, src.iface(), actions);
            for (String m : early) {
                prepareMember(m, actions);
            }
            if (!early.isEmpty()) {
                actions.add(Action.of(addToBond(early), existingBond.isPresent() ? delBondIfaces(early)
                        : Command.of("ovs-vsctl", "--if-exists", "del-port", t.bridge(), b.name())));
            }
            List<Gate> post = new ArrayList<>();
            if (!early.isEmpty()) {
                post.add(Gate.of(GateKind.OVS_BOND, b.name() + " members " + String.join(", ", early) + " enabled",
                        "bond", b.name(), "members", String.join(",", early)));
            }
            post.add(storageIpOn(src.iface()));
            // Make-before-break for RDMA: the members' own paths are proven while the storage IP's GID still works.
            post.addAll(pathGates(early));
            String impact = "storage IP not interrupted: " + src.iface() + " keeps carrying traffic on " + src.kept()
                    + (releaseEarly.isEmpty() ? "" : "; " + String.join(", ", releaseEarly) + " leave" + (releaseEarly.size() == 1 ? "s " : " ")
                    + src.iface() + " link-down first, so it fails over at once")
                    + (src.bond().map(LinuxBond::isLacp).orElse(false) ? " (802.3ad: flows on the released ports rehash to "
                    + src.kept() + ")" : "");
            return new Step("build-bond", "Free " + joinOr(releaseEarly, "no port") + " (never the active " + src.kept()
                    + ") and build OVS bond " + b.name() + " (" + b.mode() + ") on " + String.join(", ", early),
                    actions, List.of(storageIpOn(src.iface())), post, false, impact);
        }

        /** The addresses and routes move in one `ip -batch`, then the gratuitous ARP and the Soft-RoCE re-link; returns what moved. */
        private String moveStorageIp(List<Action> actions) {
            String p = t.internalPort();
            List<IpAddress> addrs = l.netdev(src.iface()).map(Netdev::addresses).orElse(List.of()).stream()
                    .filter(IpAddress::isGlobal).toList();
            List<Route> routes = l.routes().stream().filter(r -> src.iface().equals(r.device()) && !"kernel".equals(r.protocol())).toList();
            List<Command> back = new ArrayList<>();
            // -force: after a crash inside this step some lines may not have run; the rest must still be undone.
            back.add(Command.batch(true, move(addrs, routes, p, src.iface())));
            back.addAll(announce(addrs, src.iface()));
            actions.add(new Action(Command.batch(false, move(addrs, routes, src.iface(), p)), back));
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
            List<Gate> pre = new ArrayList<>(List.of(storageIpOn(src.iface())));
            if (!early.isEmpty() || existingBond.isPresent()) {
                pre.add(Gate.of(GateKind.OVS_BOND, b.name() + " has an enabled active member before the IP moves onto it",
                        "bond", b.name(), "members", String.join(",", early)));
            }
            List<Gate> post = new ArrayList<>(List.of(storageIpOn(p)));
            ipGidGone = true;
            post.addAll(pathGates(inOvsBond(early)));
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
            List<Gate> post = new ArrayList<>(List.of(storageIpOn(src.iface())));
            post.addAll(pathGates());
            return new Step("prepare-ports", "Bring " + String.join(", ", fresh) + " up" + (mtu() == null ? "" : " at MTU " + mtu())
                    + " for " + b.name() + " (no LACP on them yet, so the switch keeps them out of its port-channel)",
                    actions, List.of(storageIpOn(src.iface())), post, false,
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
            actions.add(Action.of(addToBond(b.members()), Command.of("ovs-vsctl", "--if-exists", "del-port", t.bridge(), b.name())));
            String moved = moveStorageIp(actions);
            List<Gate> post = new ArrayList<>();
            post.add(Gate.of(GateKind.OVS_BOND, b.name() + " has all members " + String.join(", ", b.members()) + " enabled",
                    "bond", b.name(), "members", String.join(",", b.members())));
            post.add(Gate.of(GateKind.LACP_PARTNER, "every member of " + b.name() + " sees the same LACP partner system and key",
                    "bond", b.name()));
            post.add(storageIpOn(t.internalPort()));
            if (!files.isEmpty()) {
                post.add(Gate.of(GateKind.OVS_PERSISTED, "the Open vSwitch database on disk holds " + t.bridge() + " with " + b.name() + " over "
                        + String.join(", ", b.members()) + " and " + t.internalPort(), "bridge", t.bridge(), "bond", b.name(),
                        "members", String.join(",", b.members()), "port", t.internalPort()));
            }
            ipGidGone = true;
            post.addAll(pathGates(b.members()));
            return new Step("cutover", "Move " + String.join(", ", src.ports()) + " from " + bond.name() + " into " + b.name()
                    + " with " + bond.name() + "'s LACP identity (system " + agg.systemMac() + ", key " + agg.actorKey() + "), add "
                    + String.join(", ", b.members().stream().filter(m -> !src.ports().contains(m)).toList()) + ", then move " + moved
                    + " to " + t.internalPort() + (t.softRoce().isEmpty() ? "" : "; re-link " + String.join(", ", t.softRoce())),
                    actions, List.of(storageIpOn(src.iface())), post, true,
                    "storage IP interrupted: from the moment " + bond.name() + "'s ports leave it until the OVS bond's LACP is in sync"
                    + " (the switch sees the same partner, so about a second at the fast rate) and peers take the gratuitous ARP;"
                    + " RDMA connections over the old path must reconnect");
        }

        /** bond0's LACP identity on the OVS bond's members: its key, its port numbers, and fresh numbers for new ports. */
        private List<String> lacpIdentityOfMembers(List<String> ifaces) {
            LinuxBond bond = src.bond().orElseThrow();
            int next = bond.slaves().stream().map(BondSlave::actorPortNumber).filter(java.util.Objects::nonNull)
                    .max(Integer::compare).orElse(bond.slaves().size()) + 1;
            List<String> a = new ArrayList<>();
            for (String i : ifaces) {
                Integer port = bond.slave(i).map(BondSlave::actorPortNumber).orElse(null);
                if (port == null) {
                    port = bond.slave(i).isPresent() ? bond.slaveNames().indexOf(i) + 1 : next++;
                }
                a.addAll(List.of("--", "set", "interface", i, "other_config:lacp-port-id=" + port,
                        "other_config:lacp-aggregation-key=" + bond.aggregator().actorKey()));
            }
            return a;
        }

        private Step finish() {
            List<Action> actions = new ArrayList<>();
            if (src.isBond()) {
                LinuxBond bond = src.bond().get();
                release(releaseLate, bond.name(), actions);
            }
            for (String m : late) {
                prepareMember(m, actions);
            }
            if (!late.isEmpty()) {
                actions.add(Action.of(addToBond(late), delBondIfaces(late)));
            }
            if (src.isBond()) {
                LinuxBond bond = src.bond().get();
                List<Command> back = new ArrayList<>();
                back.add(recreate(bond));
                back.add(Command.of("ip", "link", "set", "dev", bond.name(), "address", l.netdev(bond.name()).map(Netdev::mac).orElseThrow()));
                l.netdev(bond.name()).map(Netdev::mtu).ifPresent(m -> back.add(Command.of("ip", "link", "set", "dev", bond.name(), "mtu", String.valueOf(m))));
                back.add(Command.of("ip", "link", "set", "dev", bond.name(), "up"));
                actions.add(new Action(Command.of("ip", "link", "del", "dev", bond.name()), back));
            }
            for (FileChange f : files) {
                actions.add(Action.of(f.forward(), f.undo()));
            }
            List<Gate> post = new ArrayList<>();
            post.add(Gate.of(GateKind.OVS_BOND, b.name() + " has all members " + String.join(", ", b.members()) + " enabled",
                    "bond", b.name(), "members", String.join(",", b.members())));
            if (b.lacp() != null && b.lacp().enabled()) {
                post.add(Gate.of(GateKind.LACP_PARTNER, "every member of " + b.name() + " sees the same LACP partner system and key",
                        "bond", b.name()));
            }
            post.add(storageIpOn(t.internalPort()));
            if (!files.isEmpty()) {
                post.add(Gate.of(GateKind.OVS_PERSISTED, "the Open vSwitch database on disk holds " + t.bridge() + " with " + b.name() + " over "
                        + String.join(", ", b.members()) + " and " + t.internalPort(), "bridge", t.bridge(), "bond", b.name(),
                        "members", String.join(",", b.members()), "port", t.internalPort()));
            }
            post.addAll(pathGates(b.members()));
            if (pathGate != null && BondSpec.BALANCE_TCP.equals(b.mode()) && !t.peers().isEmpty()) {
                post.add(Gate.of(GateKind.PATH_SYMMETRY, "from every member of " + b.name() + ", at least " + pathGate.minSymmetric() + " of "
                        + pathGate.tuples() + " UDP 5-tuples to " + String.join(", ", t.peers()) + " (path port " + pathGate.port()
                        + ") come back on the member they left on", "bond", b.name(), "peers", String.join(",", t.peers()),
                        "port", String.valueOf(pathGate.port()), "min", String.valueOf(pathGate.minSymmetric()), "tuples", String.valueOf(pathGate.tuples())));
            }
            String what = handover ? "Delete " + src.iface() + " (its ports are in " + b.name() + " now)"
                    : src.isBond() ? "Release " + joinOr(releaseLate, "the last port") + (late.isEmpty() ? "" : ", add " + String.join(", ", late)
                    + " to " + b.name()) + ", delete " + src.iface()
                    : "Add " + String.join(", ", late) + " to " + b.name();
            return new Step("finish", what, actions, List.of(storageIpOn(t.internalPort())), post, false,
                    "storage IP not interrupted: it already runs over " + b.name());
        }

        /** Down first: the bond fails over at once instead of after a miimon interval. */
        private void release(List<String> slaves, String bond, List<Action> into) {
            for (String s : slaves) {
                setDown(s, into);
                // A port joins a Linux bond only while down; undoing the release runs after the undo of a later "up".
                // The bond's MAC first: a bond emptied by a crash here has a random one and would adopt this port's.
                into.add(Action.of(Command.of("ip", "link", "set", "dev", s, "nomaster"),
                        Command.of("ip", "link", "set", "dev", bond, "address", l.netdev(bond).map(Netdev::mac).orElseThrow()),
                        Command.of("ip", "link", "set", "dev", s, "master", bond)));
            }
        }

        private Command addToBond(List<String> ifaces) {
            List<String> settings = bondSettings();
            if (existingBond.isPresent() || ifaces == late) {
                List<String> a = new ArrayList<>(List.of("ovs-vsctl"));
                for (String i : ifaces) {
                    a.addAll(List.of("--", "--may-exist", "add-bond-iface", b.name(), i));
                }
                a.addAll(List.of("--", "set", "port", b.name()));
                a.addAll(settings);
                return Command.of(a);
            }
            if (ifaces.size() >= 2) {
                List<String> a = new ArrayList<>(List.of("ovs-vsctl", "--may-exist", "add-bond", t.bridge(), b.name()));
                a.addAll(ifaces);
                a.addAll(settings);
                if (handover) {
                    a.addAll(lacpIdentityOfMembers(ifaces));
                }
                return Command.of(a);
            }
            // add-bond needs two interfaces: create the bond port with one; add-bond-iface later makes it a bond.
            List<String> a = new ArrayList<>(List.of("ovs-vsctl", "--", "--id=@m0", "create", "Interface", "name=" + ifaces.get(0),
                    "--", "--id=@p", "create", "Port", "name=" + b.name(), "interfaces=@m0"));
            a.addAll(settings);
            a.addAll(List.of("--", "add", "Bridge", t.bridge(), "ports", "@p"));
            return Command.of(a);
        }

        private Command delBondIfaces(List<String> ifaces) {
            List<String> a = new ArrayList<>(List.of("ovs-vsctl"));
            for (String i : ifaces) {
                a.addAll(List.of("--", "--if-exists", "del-bond-iface", b.name(), i));
            }
            return Command.of(a);
        }

        /** bond_mode always explicit: OVS defaults to balance-slb, which RDMA storage must not get. */
        private List<String> bondSettings() {
            List<String> s = new ArrayList<>();
            s.add("bond_mode=" + b.mode());
            if (b.lacp() != null && b.lacp().enabled()) {
                s.add("lacp=" + b.lacp().mode());
                s.add("other_config:lacp-time=" + (b.lacp().time() == null ? "fast" : b.lacp().time()));
                s.add("other_config:lacp-fallback-ab=" + (b.lacp().fallbackActiveBackup() == null || b.lacp().fallbackActiveBackup()));
                if (handover) {
                    LacpAggregator agg = src.bond().orElseThrow().aggregator();
                    s.add("other_config:lacp-system-id=" + agg.systemMac());
                    s.add("other_config:lacp-system-priority=" + (agg.systemPriority() == null ? 65535 : agg.systemPriority()));
                }
            }
            s.add("other_config:bond-detect-mode=" + b.detectMode());
            if ("miimon".equals(b.detectMode())) {
                s.add("other_config:bond-miimon-interval=" + (b.miimonIntervalMs() == null ? 200 : b.miimonIntervalMs()));
            }
            s.add("bond_updelay=" + (b.updelayMs() == null ? 0 : b.updelayMs()));
            s.add("bond_downdelay=" + (b.downdelayMs() == null ? 0 : b.downdelayMs()));
            return s;
        }

        private void prepareMember(String m, List<Action> into) {
            Integer was = mtus.computeIfAbsent(m, k -> l.netdev(k).map(Netdev::mtu).orElse(null));
            if (mtu() != null && !mtu().equals(was)) {
                into.add(Action.of(Command.of("ip", "link", "set", "dev", m, "mtu", String.valueOf(mtu())),
                        Command.of("ip", "link", "set", "dev", m, "mtu", String.valueOf(was))));
                mtus.put(m, mtu());
            }
            setUp(m, into);
        }

        private void setUp(String dev, List<Action> into) {
            boolean wasUp = up.computeIfAbsent(dev, this::initiallyUp);
            into.add(wasUp ? Action.of(Command.of("ip", "link", "set", "dev", dev, "up"))
                    : Action.of(Command.of("ip", "link", "set", "dev", dev, "up"), Command.of("ip", "link", "set", "dev", dev, "down")));
            up.put(dev, true);
        }

        private void setDown(String dev, List<Action> into) {
            boolean wasUp = up.computeIfAbsent(dev, this::initiallyUp);
            into.add(wasUp ? Action.of(Command.of("ip", "link", "set", "dev", dev, "down"), Command.of("ip", "link", "set", "dev", dev, "up"))
                    : Action.of(Command.of("ip", "link", "set", "dev", dev, "down")));
            up.put(dev, false);
        }

        private boolean initiallyUp(String dev) {
            return l.netdev(dev).map(n -> !"down".equals(n.operstate()) || Boolean.TRUE.equals(n.carrier())).orElse(false);
        }

        private Command recreate(LinuxBond bond) {
            List<String> a = new ArrayList<>(List.of("ip", "link", "add", bond.name(), "type", "bond", "mode", bond.mode()));
            if (bond.miimonMs() != null) {
                a.addAll(List.of("miimon", String.valueOf(bond.miimonMs())));
            }
            if (bond.updelayMs() != null) {
                a.addAll(List.of("updelay", String.valueOf(bond.updelayMs())));
            }
            if (bond.downdelayMs() != null) {
                a.addAll(List.of("downdelay", String.valueOf(bond.downdelayMs())));
            }
            if (bond.isLacp() && bond.lacpRate() != null) {
                a.addAll(List.of("lacp_rate", bond.lacpRate()));
            }
            if (bond.xmitHashPolicy() != null && !"layer2".equals(bond.xmitHashPolicy())) {
                a.addAll(List.of("xmit_hash_policy", bond.xmitHashPolicy()));
            }
            if (bond.primary() != null) {
                a.addAll(List.of("primary", bond.primary()));
            }
            return Command.of(a);
        }

        private static List<String> move(List<IpAddress> addrs, List<Route> routes, String from, String to) {
            List<String> lines = new ArrayList<>();
            for (Route r : routes) {
                lines.add("route del " + r.destination() + via(r) + " dev " + from + table(r));
            }
            for (IpAddress a : addrs) {
                lines.add("addr del " + a.cidr() + " dev " + from);
            }
            for (IpAddress a : addrs) {
                lines.add("addr add " + a.cidr() + " dev " + to);
            }
            for (Route r : routes) {
                lines.add("route add " + r.destination() + via(r) + " dev " + to + table(r)
                        + (r.protocol() == null ? "" : " proto " + r.protocol()) + (r.metric() == null ? "" : " metric " + r.metric())
                        + (r.preferredSource() == null ? "" : " src " + r.preferredSource()));
            }
            return lines;
        }

        private static String via(Route r) {
            return r.gateway() == null ? "" : " via " + r.gateway();
        }

        private static String table(Route r) {
            return r.table() == null || "main".equals(r.table()) ? "" : " table " + r.table();
        }

        private static List<Command> announce(List<IpAddress> addrs, String dev) {
            List<Command> out = new ArrayList<>();
            for (IpAddress a : addrs) {
                if ("inet".equals(a.family())) {
                    out.add(Command.of("arping", "-U", "-c", "2", "-w", "2", "-I", dev, a.address()).tolerant());
                }
            }
            return out;
        }

        private Gate storageIpOn(String iface) {
            return Gate.of(GateKind.STORAGE_IP, "storage IP " + String.join(", ", l.storage().addresses()) + " on " + iface + " only",
                    "interface", iface, "addresses", String.join(",", l.storage().addresses()));
        }

        private static List<Gate> concat(List<Gate> a, List<Gate> b) {
            List<Gate> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private List<Gate> pathGates() {
            return pathGates(List.of());
        }

        /**
         * {@code ownPaths}: on a hardware RoCE host, the members already in the OVS bond. Their RDMA functions have lost the
         * storage IP's GID (an OVS member's upper is ovs-system), so each must stand on its own default GID and MAC.
         */
        private List<Gate> pathGates(List<String> ownPaths) {
            List<Gate> g = new ArrayList<>();
            if (!t.peers().isEmpty()) {
                g.add(Gate.of(GateKind.REACHABILITY, "peers " + String.join(", ", t.peers()) + " answer from the storage IP",
                        "peers", String.join(",", t.peers())));
            }
            boolean ipGid = storageIpGid();
            if (ipGid) {
                g.add(Gate.of(GateKind.RDMA, "storage RDMA devices have an ACTIVE port and a RoCE v2 GID for the storage IP"));
            }
            if (hardwareRoce && !ownPaths.isEmpty()) {
                g.add(Gate.of(GateKind.RDMA, "RDMA ports of " + String.join(", ", ownPaths) + " ACTIVE, each with the RoCE v2 GID of its own"
                        + " MAC, and no other netdev sending with that MAC", RdmaCheck.MEMBERS, String.join(",", ownPaths)));
            }
            // The ping-pong reaches peers through the storage IP's GID; per-member paths to peers' own GIDs are not built yet.
            if (ipGid) {
                if (t.rdmaProbePort() != null && !t.peers().isEmpty()) {
                    g.add(Gate.of(GateKind.RDMA_PINGPONG, "RC ping-pong to " + String.join(", ", t.peers()) + " (probe serve port "
                            + t.rdmaProbePort() + ") works on at least one path per NIC",
                            "peers", String.join(",", t.peers()), "port", String.valueOf(t.rdmaProbePort())));
                }
            }
            return g;
        }

        private Integer mtu() {
            return t.mtu();
        }

        private boolean storageIpGid() {
            return (!l.storage().rdmaDevices().isEmpty() || !t.softRoce().isEmpty()) && !(hardwareRoce && ipGidGone);
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
}
