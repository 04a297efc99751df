package org.networktool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RecordType;
import org.networktool.verbscheck.ProbeClient;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.StreamGroup;
import org.networktool.verbscheck.StreamLanes;
import org.networktool.verbscheck.StreamResult;
import org.networktool.verbscheck.StreamSettings;
import org.networktool.verbscheck.Verbs;
import org.networktool.verbscheck.VerbsCheck;
import org.networktool.verbscheck.VerbsException;
import picocli.CommandLine.Option;

/** upgrade --rdma-stream: an RDMA stream to every peer held across the run; what it saw is journaled as a gate. */
public final class RdmaStreamOption {
    /** Longer than any run: the stream ends when the run does. */
    private static final long HELD_MS = 7 * 86_400_000L;

    @Option(names = "--rdma-stream",
            description = "Hold an RDMA stream to every --peer from before the first step to after the last (as verbs-check --soak"
                    + " --every-port: a queue pair per RDMA port, each carrying once it answers) and journal what it saw: messages"
                    + " lost, the largest gap, each failover: the RDMA interruption the migration caused (200 messages/s). Needs"
                    + " --key-file and `probe serve` on the peers.")
    boolean on;

    /** Refused before anything changes: no peers, no key, a practice host. */
    void check(HostOptions host, PlanOptions plan) {
        if (!on) {
            return;
        }
        if (host.isCapture() || host.simulatedHost().isPresent()) {
            throw NetworkToolException.invalidInput("--rdma-stream streams over this host's real RDMA devices: not on a capture or a simulated host");
        }
        if (plan.peers.isEmpty()) {
            throw NetworkToolException.invalidInput("--rdma-stream needs --peer: the hosts running network-tool probe serve to stream to");
        }
        plan.probe.key();
    }

    /** The streams, started now from the host as it is ({@code layout}); null without --rdma-stream. */
    StreamGroup start(PlanOptions plan, HostLayout layout, PrintWriter err) {
        if (!on) {
            return null;
        }
        try {
            Verbs verbs = Verbs.load();
            Map<String, RocePath> members = VerbsSoak.ordered(layout, RdmaPathMap.memberPaths(layout));
            VerbsCheck check = new VerbsCheck(verbs, Path.of("/"));
            java.util.Set<String> memberDevices = new java.util.HashSet<>();
            members.values().forEach(p -> memberDevices.add(p.device()));
            List<RocePath> storage = check.paths(check.ports(null, memberDevices));
            ProbeClient client = new ProbeClient(verbs, plan.probe.key(), plan.probe.connectTimeoutMs());
            List<ProbePeer> peers = plan.peers.stream().map(p -> new ProbePeer(p, plan.probe.probePort())).toList();
            // Light beside a migration (it doubled the steps' time on a one-CPU TCG guest at first): 200 messages a second,
            // still a 5 ms resolution for the gaps it measures; standbys proven every 0.5 s.
            StreamSettings settings = new StreamSettings(8, 200, 50, 500, 30_000, true, VerbsSoak.spread(layout));
            return StreamGroup.start(client, peers, peer -> StreamLanes.of(client, members, storage, peer, 0, true), settings, HELD_MS,
                    line -> {
                        synchronized (err) {
                            err.println("      rdma-stream: " + line);
                            err.flush();
                        }
                    });
        } catch (VerbsException e) {
            throw NetworkToolException.invalidInput("--rdma-stream: " + e.getMessage());
        }
    }

    /** Ends the streams, journals each as a gate of its own and says what it saw. */
    static void finish(StreamGroup group, java.util.function.Consumer<JournalRecord> journal, PrintWriter err) {
        if (group == null) {
            return;
        }
        group.stop();
        for (StreamResult r : group.await()) {
            Map<String, String> fig = new LinkedHashMap<>();
            fig.put("sent", String.valueOf(r.sent()));
            fig.put("lost", String.valueOf(r.lost()));
            fig.put("largestGapMs", String.format(Locale.ROOT, "%.1f", r.largestGapMs()));
            fig.put("failovers", String.valueOf(r.failoverCount()));
            fig.put("medianUs", String.format(Locale.ROOT, "%.0f", r.medianUs()));
            if (r.peerDelivered() != null) {
                fig.put("delivered", String.valueOf(r.peerDelivered()));
            }
            String msg = "[rdma-stream] to " + r.peer() + (r.ok() ? " held through the run: " : " did not hold: ") + r.sent() + " sent, "
                    + r.lost() + " lost, largest gap " + fig.get("largestGapMs") + " ms, " + r.failoverCount() + " failover"
                    + (r.failoverCount() == 1 ? "" : "s") + (r.failed() == null ? "" : " (" + r.failed() + ")");
            journal.accept(JournalRecord.of(RecordType.GATE).step("rdma-stream").gate(r.ok(), fig, msg, r.durationMs()));
            err.println((r.ok() ? "      ✓ " : "      ✗ ") + msg);
        }
        err.flush();
    }
}
