package org.networktool.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.OvsPort;
import org.networktool.verbscheck.FlowProber;
import org.networktool.verbscheck.FlowVerdict;
import org.networktool.verbscheck.MemberFlowResult;
import org.networktool.verbscheck.ProbeClient;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.Verbs;
import org.networktool.verbscheck.VerbsException;

/** {@code path-probe --verbs}: the storage bond's members with RDMA functions of their own, each probed to every peer port. */
final class VerbsPathProbe {
    private final PathProbeCommand c;

    VerbsPathProbe(PathProbeCommand c) {
        this.c = c;
    }

    int run() {
        c.peers.forEach(p -> PathOptions.requireIpv4(p, "--peer"));
        c.members.forEach(m -> InterfaceNames.requireValid(m, "--member"));
        FlowProber.Settings settings = c.flows.settings(c.path.timeoutMs);
        int min = c.gate.minSymmetric();
        var key = c.probe.key();
        HostLayout l = new HostOptions().inspect();
        OvsPort bond = RdmaPathMap.storageBond(l).orElseThrow(() -> NetworkToolException.invalidInput("no OVS bond carries the storage network on "
                + l.hostname() + ": path-probe --verbs probes the members of a migrated hardware RoCE host"));
        Map<String, RocePath> own = new LinkedHashMap<>(RdmaPathMap.memberPaths(l));
        if (own.isEmpty()) {
            throw NetworkToolException.invalidInput("no member of " + bond.name() + " on " + l.hostname() + " has an RDMA function of its own"
                    + " (a Soft-RoCE host?): use path-probe without --verbs");
        }
        for (String m : c.members) {
            if (!own.containsKey(m)) {
                throw NetworkToolException.invalidInput("--member " + m + ": not a member of " + bond.name() + " with an RDMA function of its own"
                        + " (members: " + String.join(", ", own.keySet()) + ")");
            }
        }
        if (!c.members.isEmpty()) {
            own.keySet().retainAll(c.members);
        }
        List<String> carrying = RdmaPathMap.of(l, bond, bond.bondStatus()).carrying();
        List<MemberFlowResult> results = new ArrayList<>();
        try {
            ProbeClient client = new ProbeClient(Verbs.load(), key, c.probe.connectTimeoutMs());
            for (String peer : c.peers) {
                results.addAll(new FlowProber(client, settings).fromMembers(own, new ProbePeer(peer, c.probe.probePort())));
            }
        } catch (VerbsException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "path-probe --verbs: " + e.getMessage());
        }
        // The weakest peer port decides: a member needs enough stable labels toward each.
        Map<String, Integer> weak = new LinkedHashMap<>();
        for (MemberFlowResult r : results) {
            int stable = (int) r.result().count(FlowVerdict.STABLE);
            if (carrying.contains(r.member()) && stable < min) {
                weak.merge(r.member(), stable, Math::min);
            }
        }
        switch (c.output.format()) {
            case json, yaml -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("schema", "network-tool/path-probe-verbs/v1");
                doc.put("settings", settings);
                doc.put("minStable", min);
                doc.put("ok", weak.isEmpty());
                doc.put("weakMembers", weak);
                doc.put("results", results);
                c.out().print(c.output.document(doc));
            }
            default -> c.out().print(FlowText.render(settings, results, weak, min));
        }
        return weak.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED_RESTORED;
    }
}
