package org.networktool.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.networktool.executors.RdmaPathMap;
import org.networktool.verbscheck.MemberPeerResult;
import org.networktool.layout.Background;
import org.networktool.layout.LayoutCodec;
import org.networktool.verbscheck.ClusterKey;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.PortReport;
import org.networktool.verbscheck.ProbeClient;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.Verbs;
import org.networktool.verbscheck.VerbsCheck;
import org.networktool.verbscheck.VerbsException;
import org.networktool.verbscheck.VerbsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verbs-check",
        header = "Check RDMA with real verbs: ports, RoCE v2 GIDs, and RC ping-pong round trips to peers.", mixinStandardHelpOptions = true,
        description = {
            "Opens every RDMA device (or the one named) through libibverbs and reports each port: state, physical",
            "state, MTU, link layer and its RoCE v2 GIDs with the netdev and IP each belongs to. For each --peer,",
            "connects an RC queue pair from every usable port (out-of-band exchange over TCP, signed with the",
            "cluster key) to `network-tool probe serve` there and times send/receive round trips. On a hardware RoCE",
            "host migrated to an Open vSwitch bond, each member's own path (its RDMA port, the RoCE v2 default GID of",
            "its MAC) is checked too, to every link-local RoCE port the peer advertises. Changes nothing."},
        footer = {"%nExamples:",
            "  network-tool verbs-check                                   ports and GIDs of every RDMA device",
            "  network-tool verbs-check --peer 192.0.2.2 --key-file /etc/network-tool/cluster.key",
            "  network-tool verbs-check --device rxe0 --peer 192.0.2.2:18516 --iterations 1000 --key-file KEY -o json",
            "  network-tool verbs-check --peer 192.0.2.2 --key-file KEY --soak 10m      an RDMA stream through a NIC failure",
            "%nFailures are named: no RDMA devices, no such RDMA device, port not ACTIVE, no RoCE v2 GID, peer unreachable,",
            "authentication failed, RTR failed, RTS failed, timeout, retry exceeded. Exit 0 when every check passed, 1 otherwise.",
            "%nWith --soak: one RC queue pair per member path to each peer (the storage IP's on a Soft-RoCE host), a sequenced",
            "stream on the carrying member's (spread over all under balance-tcp), the others kept proven by keepalives. A path",
            "that stalls past --stall-ms is left for a standby and what it had not acknowledged is sent again; a queue pair",
            "that errors is rebuilt in the background. Exit 0 only when every message was acknowledged once and delivered in",
            "order; 1 when any was lost or every path stayed down for 30 s."})
final class VerbsCheckCommand extends BaseCommand {
    @Option(names = "--device", paramLabel = "DEV", description = "Only this RDMA device (rxe0, mlx5_0).")
    String device;

    @Option(names = "--peer", paramLabel = "HOST[:PORT]",
            description = "A host running `network-tool probe serve` (port 18516 unless given). Repeatable.")
    List<String> peers = new ArrayList<>();

    @Mixin
    ProbeOptions probe;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100", description = "Round trips per peer and path (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", description = "Message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--flow-label", paramLabel = "L",
            description = "Members' own paths: both queue pairs with this GRH flow label (hence UDP source port), one"
                    + " `path-probe --verbs` found stable; behind a port-channel the switch picks the port by it (default: none).")
    Integer flowLabel;

    @Mixin
    SoakOptions soak;

    @Mixin
    OutputOption output;

    @Override
    protected int doCall() {
        if (device != null) {
            InterfaceNames.requireValid(device, "--device");
        }
        List<ProbePeer> targets = peers.stream().map(ProbePeer::parse).toList();
        probe.requireRange(iterations, 1, 100_000, "--iterations");
        probe.requireRange(size, 8, 65_536, "--size");
        if (flowLabel != null) {
            probe.requireRange(flowLabel, 1, org.networktool.verbscheck.FlowLabels.MAX, "--flow-label");
        }
        soak.check(!targets.isEmpty());
        ClusterKey key = targets.isEmpty() ? null : probe.key();
        VerbsReport report;
        // The host is read while libibverbs is bound (jnr-ffi generates its bindings at load, a quarter of a second cold);
        // a host without RDMA devices is told so without waiting for the read.
        java.util.concurrent.CompletableFuture<org.networktool.layout.HostLayout> reading = Background.start("read the host", this::layout);
        try {
            VerbsCheck check = new VerbsCheck(Verbs.load(), Path.of("/"));
            check.verbs().requireDevices();
            org.networktool.layout.HostLayout layout = Background.join(reading);
            Map<String, RocePath> members = memberPaths(layout);
            Set<String> memberDevices = new java.util.HashSet<>();
            members.values().forEach(p -> memberDevices.add(p.device()));
            List<PortReport> ports = check.ports(device, memberDevices);
            if (soak.on()) {
                return new VerbsSoak(this).run(targets, key, layout == null ? members : VerbsSoak.ordered(layout, members), check.paths(ports),
                        layout != null && VerbsSoak.spread(layout));
            }
            List<PeerResult> results = new ArrayList<>();
            List<RocePath> paths = check.paths(ports);
            for (ProbePeer peer : targets) {
                if (paths.isEmpty() && members.isEmpty()) {
                    err().println("verbs-check: no usable RDMA port to reach " + peer + " from (see the ports above)");
                }
                for (RocePath path : paths) {
                    results.add(new ProbeClient(check.verbs(), key, probe.connectTimeoutMs()).ping(path, peer, iterations, size));
                }
            }
            List<MemberPeerResult> fromMembers = new ArrayList<>();
            for (ProbePeer peer : targets) {
                fromMembers.addAll(check.fromMembers(new ProbeClient(check.verbs(), key, probe.connectTimeoutMs()), members, ports, peer,
                        flowLabel == null ? 0 : flowLabel, iterations, size));
            }
            report = new VerbsReport(device, ports, results, fromMembers);
        } catch (VerbsException e) {
            err().println("verbs-check: " + e.getMessage());
            return ExitCodes.FAILED_RESTORED;
        }
        switch (output.format()) {
            case json -> out().print(LayoutCodec.toJson(report));
            case yaml -> out().print(LayoutCodec.toYaml(report));
            default -> out().print(VerbsText.render(report));
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED_RESTORED;
    }

    /**
     * A hardware RoCE host migrated to an OVS bond: each member's own path, from the live layout. Reading the layout is
     * best effort here: without it verbs-check still checks the storage IP's GIDs.
     */
    private Map<String, RocePath> memberPaths(org.networktool.layout.HostLayout l) {
        if (l == null) {
            return Map.of();
        }
        try {
            Map<String, RocePath> all = RdmaPathMap.memberPaths(l);
            if (!all.isEmpty() && !peers.isEmpty() && flowLabel == null
                    && RdmaPathMap.storageBond(l).map(org.networktool.layout.OvsPort::behindPortChannel).orElse(false)) {
                err().println("verbs-check: the members sit behind a port-channel, which picks the port toward a member by the UDP source"
                        + " port: without --flow-label a member's result depends on its queue pair numbers (path-probe --verbs finds stable labels)");
            }
            return device == null ? all : all.entrySet().stream().filter(e -> e.getValue().device().equals(device))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        } catch (RuntimeException e) {
            err().println("verbs-check: the members' own paths could not be found, so they are not checked: " + e.getMessage());
            return Map.of();
        }
    }

    private org.networktool.layout.HostLayout layout() {
        try {
            return new HostOptions().inspect();
        } catch (RuntimeException e) {
            err().println("verbs-check: the host's layout could not be read, so members' own paths are not checked: " + e.getMessage());
            return null;
        }
    }
}
