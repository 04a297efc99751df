package org.networktool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.Cidr;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetworkToolException;
import java.util.Optional;
import org.networktool.layout.config.ConfigReader;
import org.networktool.planners.Persist;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanRequest;
import org.networktool.planners.Planner;
import org.networktool.planners.TargetSpec;
import picocli.CommandLine.Option;

/** What to plan toward: a target file or the derived one-click target, the storage peers, the datapath. */
public final class PlanOptions {
    @Option(names = "--target", paramLabel = "FILE",
            description = "Target spec (YAML, schema network-tool/target/v1; examples in samples/targets). Default: derived from the host.")
    Path target;

    @Option(names = "--peer", paramLabel = "IP",
            description = "A storage peer the gates probe (repeatable): ping, and with --key-file an RC ping-pong to its probe serve."
                    + " Without --peer (and no peers in the target) the peers are the storage interface's resolved neighbours in the"
                    + " storage subnet (up to 4), listed in the plan's notes; with none there, the gates check this host only.")
    List<String> peers = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ProbeOptions probe = new ProbeOptions();

    @picocli.CommandLine.Mixin
    PathGateOptions pathGate = new PathGateOptions();

    @Option(names = "--datapath", paramLabel = "TYPE", defaultValue = "system",
            description = "OVS datapath for a derived target: system (kernel) or netdev (userspace). Default: ${DEFAULT-VALUE}.")
    String datapath;

    @Option(names = "--no-persist",
            description = "Migrate the running host only: do not rewrite the distribution's network configuration (ifupdown, ifcfg,"
                    + " NetworkManager, netplan). A reboot then brings the old interface back unless you edit the files yourself.")
    boolean noPersist;

    /** These options as given, to hand on to commands typed in the shell. */
    public List<String> argv() {
        List<String> a = new ArrayList<>();
        if (target != null) {
            a.addAll(List.of("--target", target.toAbsolutePath().toString()));
        }
        for (String p : peers) {
            a.addAll(List.of("--peer", p));
        }
        if (!"system".equals(datapath)) {
            a.addAll(List.of("--datapath", datapath));
        }
        a.addAll(probe.argv());
        a.addAll(pathGate.argv());
        if (noPersist) {
            a.add("--no-persist");
        }
        return a;
    }

    public Plan plan(HostLayout layout, HostOptions host) {
        if (!datapath.equals("system") && !datapath.equals("netdev")) {
            throw NetworkToolException.invalidInput("--datapath " + datapath + ": use system or netdev");
        }
        probe.probePort();
        if (probe.hasKey()) {
            probe.key(); // read and checked (mode, owner, length) before anything is planned or run
        }
        // With the cluster key, the gates also prove RC ping-pong to each peer's probe responder.
        TargetSpec given = target == null ? null : readTarget(target);
        peers.forEach(p -> requirePeer(p, "--peer " + p));
        List<String> asked = new ArrayList<>(peers);
        if (given != null) {
            // A target file's peers reach ping and the probes as arguments too: checked the same way as --peer.
            given.peers().forEach(p -> requirePeer(p, "peer '" + p + "' in " + target));
            given.peers().stream().filter(p -> !asked.contains(p)).forEach(asked::add);
        }
        List<String> planPeers = peers;
        String foundIn = null;
        if (asked.isEmpty()) {
            var found = host.storagePeers(layout);
            if (!found.isEmpty()) {
                found.forEach(p -> requirePeer(p.address(), "neighbour " + p.address() + " of " + layout.storage().interfaceName()));
                planPeers = found.stream().map(org.networktool.layout.discovery.NeighbourTable.Peer::address).toList();
                asked.addAll(planPeers);
                foundIn = "the neighbour table of " + layout.storage().interfaceName() + " (" + String.join(", ", found.stream()
                        .map(p -> p.address() + " " + p.state()).toList()) + ")";
            }
        }
        // A hardware RoCE host's members reach peers on link-local GIDs only: the plan needs each peer's ports and MACs.
        // A practice host (a capture, a simulated host) talks to no peer: not asked (null), and the plan says so.
        boolean practice = host.isCapture() || host.simulatedHost().isPresent();
        java.util.Map<String, List<org.networktool.layout.RocePortPath>> peerPaths = practice ? null : probe.hasKey()
                && org.networktool.planners.RdmaAddressing.isHardwareRoce(layout) ? probe.peerPaths(asked) : java.util.Map.of();
        return Planner.plan(PlanRequest.of(layout).target(given).peersFound(planPeers, foundIn).datapath(datapath)
                .rdmaProbePort(probe.hasKey() ? probe.probePort() : null).pathGate(probe.hasKey() ? pathGate.gate() : null)
                .persist(persist(layout, host)).peerPaths(peerPaths));
    }

    /** A peer is a numeric IP address: never a name, never something a program would read as an option. */
    private static void requirePeer(String p, String where) {
        if (p == null || p.isEmpty() || p.startsWith("-") || p.length() > 45) {
            throw NetworkToolException.invalidInput(where + ": not a numeric IP address (peers are given by address, not name)");
        }
        try {
            Cidr.parse(p.contains(":") ? p + "/128" : p + "/32");
        } catch (NetworkToolException e) {
            throw NetworkToolException.invalidInput(where + ": not a numeric IP address (peers are given by address, not name)");
        }
    }

    private Persist persist(HostLayout layout, HostOptions host) {
        if (noPersist) {
            return Persist.skipped("--no-persist: the distribution's network configuration is left as it is, so a reboot brings "
                    + (layout.storage() == null ? "the old interface" : layout.storage().interfaceName()) + " back unless its files are edited by hand.");
        }
        Optional<Path> root = host.configRoot();
        if (root.isEmpty()) {
            return Persist.skipped("Practice host: there are no configuration files to rewrite; on a real host the last step would.");
        }
        if (layout.storage() == null) {
            return Persist.NOT_ASKED;
        }
        return Persist.of(new ConfigReader(root.get()).read(layout.storage().interfaceName()));
    }

    static TargetSpec readTarget(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw NetworkToolException.invalidInput("--target " + file + ": no such file");
        } catch (IOException e) {
            throw NetworkToolException.invalidInput("--target " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        return LayoutCodec.read(text, "--target " + file, TargetSpec.class, TargetSpec.SCHEMA);
    }
}
