package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.networktool.layout.Change;
import org.networktool.layout.HostLayout;
import org.networktool.layout.config.ConfigBackend;
import org.networktool.layout.LayoutDiff;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.Ovs;
import org.networktool.planners.persist.FileChange;
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
     * The plan for a request: for the given target (its missing storage interface taken from the host), or for the one-click
     * target derived from the host; the request's peers are added to the target's.
     */
    public static Plan plan(PlanRequest r) {
        try (var t = org.networktool.layout.Timings.start("plan")) {
            return planTimed(r);
        }
    }

    private static Plan planTimed(PlanRequest r) {
        HostLayout l = r.host();
        TargetSpec given = r.target();
        TargetSpec t;
        if (given == null) {
            TargetDeriver.Derivation d = TargetDeriver.derive(l, r.datapathType());
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
        r.peers().stream().filter(p -> !allPeers.contains(p)).forEach(allPeers::add);
        t = t.withPeers(allPeers);
        return plan(l, r.rdmaProbePort() == null ? t : t.withRdmaProbePort(r.rdmaProbePort()), r);
    }

    private static Plan plan(HostLayout l, TargetSpec t, PlanRequest r) {
        Persist persist = r.persist();
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
        if (l.netdev(src.get().iface()).map(org.networktool.layout.Netdev::mac).isEmpty()) {
            // Only a layout document can lack it (a practice host): every netdev of a live host has one.
            return Plan.errored(l.hostname(), t, List.of(new PlanError("storage", src.get().iface()
                    + " has no MAC address in the layout: the migration gives it to the OVS side; give the host's real layout")));
        }
        if (persist.config() != null && persist.config().backend().isEmpty()) {
            return Plan.errored(l.hostname(), t, List.of(new PlanError("persist", persist.config().problem()
                    + ": after a reboot the host would bring " + src.get().iface() + " back. Give --no-persist to migrate the running host"
                    + " only, and make its configuration match by hand.")));
        }
        Optional<String> dhcp = persist.config() == null ? Optional.empty()
                : org.networktool.layout.config.BootAddressing.dhcpFile(persist.config(), src.get().iface());
        if (dhcp.isPresent() && RdmaAddressing.isHardwareRoce(l) && t.softRoce().isEmpty()) {
            return Plan.errored(l.hostname(), t, List.of(new PlanError("persist", "the storage address of " + src.get().iface()
                    + " comes from DHCP (" + dhcp.get() + "): on a hardware RoCE host " + t.internalPort() + " needs a MAC of its own (a member's"
                    + " RDMA function sends RoCE with the member's), so the DHCP client's identity and the address could change at the next"
                    + " boot. Give the storage network a static address (or a DHCP reservation for the new MAC), then plan again")));
        }
        if (RdmaAddressing.isHardwareRoce(l) && t.softRoce().isEmpty() && t.rdmaProbePort() != null && r.peerPaths() != null) {
            List<String> unknown = t.peers().stream().filter(p -> r.peerPaths().getOrDefault(p, List.of()).stream()
                    .noneMatch(org.networktool.layout.RocePortPath::isLinkLocal)).toList();
            if (!unknown.isEmpty()) {
                return Plan.errored(l.hostname(), t, List.of(new PlanError("peers", "no link-local RoCE port known for "
                        + String.join(", ", unknown) + ": after the migration this host's members reach peers only on their"
                        + " link-local GIDs. Start `network-tool probe serve` with the cluster key on every peer (it tells its ports),"
                        + " or leave the peer out")));
            }
        }
        StepBuilder builder = new StepBuilder(l, t, src.get(), r.pathGate(), persist, r.peerPaths() == null ? java.util.Map.of() : r.peerPaths());
        List<Step> steps = builder.all();
        List<FileChange> files = builder.files;
        List<String> notes = notes(l, t, persist, r.peersFoundIn());
        HostLayout withOvs = withOvsRunning(l);
        HostLayout proven;
        List<Change> changes;
        try (var proof = org.networktool.layout.Timings.start("prove on the model host")) {
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
                    RdmaCheck.Result rc = g instanceof Gate.Rdma rdma ? RdmaCheck.check(sim.layout(), rdma) : null;
                    if (rc != null && !rc.ok()) {
                        return Plan.errored(l.hostname(), t, List.of(new PlanError("step " + s.id(), "gate [rdma] would fail on the model host ("
                                + rc.message() + "): this is a bug in network-tool, please report it with `inspect -o yaml`")));
                    }
                }
            }
            List<String> left = TargetCheck.mismatches(sim.layout(), t, storageAddresses);
            if (!left.isEmpty()) {
                return Plan.errored(l.hostname(), t, List.of(new PlanError("plan", "does not reach the target on the model host ("
                        + String.join("; ", left) + "): this is a bug in network-tool, please report it with `inspect -o yaml`")));
            }
            changes = LayoutDiff.between(withOvs, sim.layout());
            proven = sim.layout();
        }
        List<MemberRdmaPath> rdmaPaths = builder.hardwareRoce ? RdmaAddressing.paths(proven, t.bond().members()) : List.of();
        if (builder.hardwareRoce) {
            notes.add(0, hardwareRoceNote(l, t, steps, r));
        }
        return new Plan(null, l.hostname(), Verdict.APPLYABLE, List.of(), t, changes, steps, notes, files, rdmaPaths);
    }

    /** The host as preflight leaves it: Open vSwitch running (a sample without OVS is planned for that). */
    static HostLayout withOvsRunning(HostLayout l) {
        return l.ovs().present() ? l : new HostLayout(l.schema(), l.hostname(), l.source(), l.storage(), l.nics(), l.netdevs(),
                l.bonds(), l.routes(), new Ovs(true, null, List.of()), l.rdma(), l.warnings());
    }

    /** When the storage IP's RoCE GID goes, and what the storage layer must have done by then. */
    private static String hardwareRoceNote(HostLayout l, TargetSpec t, List<Step> steps, PlanRequest r) {
        String ip = l.storage().addresses().get(0).replaceAll("/.*", "");
        List<String> holders = l.rdma().stream().filter(d -> d.ports().stream().anyMatch(p -> p.gids().stream()
                .anyMatch(g -> g.isRoceV2() && ip.equals(g.ip())))).map(d -> d.name()).toList();
        int cut = 0;
        int proven = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).interruptsStorage() && cut == 0) {
                cut = i + 1;
            }
            if (proven == 0 && steps.get(i).postGates().stream().anyMatch(g -> g instanceof Gate.Rdma rdma && !rdma.members().isEmpty())) {
                proven = i + 1;
            }
        }
        return "Hardware RoCE: the RoCE v2 GID of " + ip + (holders.isEmpty() ? "" : " (on " + String.join(", ", holders) + ")")
                + " disappears in step " + cut + " (" + steps.get(cut - 1).id() + "): an Open vSwitch member's RDMA function keeps only"
                + " the GIDs of its own MAC. Each member's path (table above) is proven from step " + proven + " ("
                + steps.get(proven - 1).id() + ") on; the storage layer must open its queue pairs on those GIDs, one per member,"
                + " before step " + cut + ". Peers reach these link-local GIDs on one untagged L2 segment only."
                + (r.peerPaths() == null ? " Practice host: the peers' RoCE ports are not asked; on the host itself the plan asks each"
                + " peer's probe serve (--key-file) and gives every member a permanent neighbour entry per peer port."
                : r.peerPaths().isEmpty() ? " No peer's RoCE ports are known (they are asked with --key-file): no neighbour entries are"
                + " planned, and a queue pair from a member to a peer's link-local GID cannot reach RTR until the peer's MAC is in that"
                + " member's neighbour table (OVS keeps neighbour advertisements from members)." : "")
                + (r.persist().writes() && r.peerPaths() != null && !r.peerPaths().isEmpty() && !org.networktool.planners.persist.Persistence.keepsNeighbours(
                        r.persist().config().backend().get()) ? " The " + r.persist().config().backend().get().label() + " configuration runs"
                        + " no hook the tool writes: after a reboot the members have no neighbour entries for the peers' ports; make them"
                        + " at boot by other means (the `ip -6 neigh replace` lines of the steps above)." : "");
    }

    private static List<String> notes(HostLayout l, TargetSpec t, Persist persist, String peersFoundIn) {
        List<String> notes = new ArrayList<>();
        if (t.peers().isEmpty()) {
            notes.add("No storage peers given (--peer, or peers in the target): the gates check this host only, not the storage path.");
        } else if (peersFoundIn != null) {
            notes.add("Storage peers " + String.join(", ", t.peers()) + " found in " + peersFoundIn + " (no --peer given): the gates"
                    + " test the storage path to them. Give --peer to choose others.");
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
            ConfigBackend backend = persist.config().backend().get();
            notes.add("Survives a reboot: the " + backend.label() + " configuration ("
                    + String.join(", ", persist.config().defining()) + ") is rewritten in the last step, every file backed up in the"
                    + " journal first; " + switch (backend) {
                        case NETWORKMANAGER -> "NetworkManager's Open vSwitch plugin owns the bridge, bond and ports at boot (the rows carry its"
                                + " profiles' UUIDs) and builds them again from the profiles";
                        case IFCFG -> "ifup-ovs brings the bridge, bond and internal port up at boot with the migration's settings";
                        case IFUPDOWN, NETPLAN -> "the Open vSwitch database keeps the bridge and bond by itself";
                    } + ", and the last gate reads the database back from disk.");
            org.networktool.layout.config.BootAddressing.dhcpFile(persist.config(), l.storage().interfaceName()).ifPresent(f -> notes.add(
                    "The storage address comes from DHCP (" + f + "): " + t.internalPort() + " takes " + l.storage().interfaceName() + "'s MAC, the"
                    + " identity dhclient and NetworkManager give the server" + (backend == ConfigBackend.NETPLAN ? "; systemd-networkd"
                    + " identifies by DUID and an IAID made from the interface's name unless dhcp-identifier: mac is set, so a server"
                    + " that leases by client id may give " + t.internalPort() + " another address" : "") + "."));
        } else if (persist.skipped() != null) {
            notes.add(persist.skipped());
        }
        return notes;
    }
}
