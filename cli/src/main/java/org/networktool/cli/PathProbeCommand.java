package org.networktool.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.OvsPort;
import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.PathProber;
import org.networktool.verbscheck.PathReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "path-probe", header = "Find the UDP source ports whose replies come back on the member they left on (L4 path detection).",
        mixinStandardHelpOptions = true,
        description = {
            "Sends one signed UDP request per source port (49152 up, as RoCE v2 NICs choose theirs) to each --peer's",
            "`network-tool probe serve`, to RoCE v2's port 4791 unless --path-port says otherwise, while a packet tap on",
            "every bond member records where each request left and each reply arrived. The bond and the switch pick",
            "members by hashing the 5-tuple: a tuple is symmetric (same member both ways: safe for a queue pair),",
            "asymmetric (the reply comes back on another member: RDMA on it is lost in a port-channel), or lost.",
            "Reports per peer and member the counts, the symmetric source ports and their round trips. The members are",
            "the storage OVS bond's unless --member names them. Sends only the requests, at --rate at most; changes",
            "nothing on the host.",
            "",
            "With --verbs (hardware RoCE hosts, whose RDMA traffic no packet tap sees): from each member's own RDMA",
            "function, one RC queue pair per GRH flow label (the label sets the RoCE v2 UDP source port) to every",
            "link-local RoCE port each peer's probe serve advertises (TCP --probe-port), --rounds ping-pongs each, at its",
            "own pace, within --rounds x --path-timeout. A label is stable when every round is answered; a queue pair whose replies land",
            "on another NIC stalls. The peer counts what it received, so lost replies are told from lost requests."},
        footer = {"%nExamples:",
            "  network-tool path-probe --peer 192.0.2.2 --key-file /etc/network-tool/cluster.key",
            "  network-tool path-probe --peer 192.0.2.2 --peer 192.0.2.3 --tuples 512 --key-file KEY -o json",
            "  network-tool path-probe --peer 192.0.2.2 --member ens1f0 --member ens2f0 --path-port 4792 --key-file KEY",
            "  network-tool path-probe --verbs --peer 192.0.2.2 --flow-labels 64 --key-file KEY",
            "%nExit 0 when every member that carries storage traffic has at least --min-symmetric symmetric tuples (with",
            "--verbs: stable flow labels) to every peer (port), 1 otherwise, 2 for bad input."})
final class PathProbeCommand extends BaseCommand {
    @Option(names = "--peer", paramLabel = "HOST", required = true,
            description = "A storage peer running `network-tool probe serve` (IPv4). Repeatable.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--member", paramLabel = "NETDEV", completionCandidates = Candidates.Interfaces.class,
            description = "A bond member to watch (default: every member of the OVS bond carrying the storage network). Repeatable.")
    List<String> members = new ArrayList<>();

    @Mixin
    PathGateOptions gate;

    @Mixin
    PathOptions path;

    @Mixin
    ProbeOptions probe;

    @Option(names = "--source", paramLabel = "ADDR", description = "This host's address to send from (default: the route's to each peer).")
    String source;

    @Mixin
    FlowOptions flows;

    @Mixin
    OutputOption output;

    @Override
    protected int doCall() {
        if (flows.verbs) {
            return new VerbsPathProbe(this).run();
        }
        peers.forEach(p -> PathOptions.requireIpv4(p, "--peer"));
        if (source != null) {
            PathOptions.requireIpv4(source, "--source");
        }
        members.forEach(m -> InterfaceNames.requireValid(m, "--member"));
        PathProber.Settings settings = path.settings();
        int port = gate.pathPort();
        int min = gate.minSymmetric();
        var key = probe.key();
        List<String> watched = members;
        List<String> carrying = members;
        if (watched.isEmpty()) {
            HostLayout l = new HostOptions().inspect();
            OvsPort bond = RdmaPathMap.storageBond(l).orElseThrow(() -> new NetworkToolException(ErrorKind.OPERATION_FAILED,
                    "no OVS bond carries the storage network on " + l.hostname() + ": name the bond's members with --member"));
            RdmaPathMap map = RdmaPathMap.of(l, bond, bond.bondStatus());
            watched = map.members().stream().map(RdmaPathMap.Member::name).toList();
            carrying = map.carrying();
        }
        List<PathReport> reports = new ArrayList<>();
        for (String peer : peers) {
            reports.add(new PathProber(key, watched, settings).probe(peer, port, source));
        }
        Map<String, Map<String, Integer>> weak = new LinkedHashMap<>();
        for (PathReport r : reports) {
            Map<String, Integer> w = new LinkedHashMap<>(r.weakMembers(min));
            w.keySet().retainAll(carrying);
            if (!w.isEmpty()) {
                weak.put(r.peer(), w);
            }
        }
        switch (output.format()) {
            case json, yaml -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("schema", "network-tool/path-probe/v1");
                doc.put("minSymmetric", min);
                doc.put("ok", weak.isEmpty());
                doc.put("weakMembers", weak);
                doc.put("peers", reports);
                out().print(output.document(doc));
            }
            default -> out().print(PathText.render(reports, weak, min));
        }
        return weak.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED_RESTORED;
    }
}
