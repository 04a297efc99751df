package org.networktool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.layout.discovery.LiveCommands;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which host to read (live, a captured folder, or a shipped sample) and which network is storage. */
public final class HostOptions {

    static final class Source {
        @Option(names = "--root", paramLabel = "DIR",
                description = "Read a captured host from DIR (made by lab/capture-host) instead of this host.")
        Path root;

        @Option(names = "--sample", paramLabel = "NAME", completionCandidates = Samples.Names.class,
                description = "Read a captured host shipped with network-tool: ${COMPLETION-CANDIDATES}.")
        String sample;

        @Option(names = "--simulated-host", paramLabel = "FILE",
                description = "Work on a practice host kept in FILE (a layout written by `inspect -o yaml`): upgrade and rollback"
                        + " change the file, never the network. For training and tests.")
        Path simulated;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--nic-map", paramLabel = "FILE",
            description = "Which NIC each port belongs to, for ports without a PCI device (lab veths): lines 'PORT NIC'.")
    Path nicMap;

    @Option(names = "--storage-if", paramLabel = "IFACE", completionCandidates = Candidates.Interfaces.class,
            description = "The interface that carries the storage IP, when more than one could.")
    String storageIf;

    @Option(names = "--storage-cidr", paramLabel = "CIDR",
            description = "Choose the storage network by its prefix, e.g. 10.10.1.0/24.")
    String storageCidr;

    @Option(names = "--config-root", paramLabel = "DIR",
            description = "Read and write the network configuration files (etc/network, etc/sysconfig/network-scripts,"
                    + " etc/NetworkManager, etc/netplan) under DIR instead of /: for a lab or a chroot. A captured host (--root, --sample)"
                    + " always uses its own etc/.")
    Path configRoot;

    /** A simulated host, if chosen. */
    public java.util.Optional<Path> simulatedHost() {
        return java.util.Optional.ofNullable(source == null ? null : source.simulated);
    }

    /** True when the host is a read-only capture (--root or --sample): nothing can be applied to it. */
    public boolean isCapture() {
        return source != null && (source.root != null || source.sample != null);
    }

    /** The options that name this host, to hand on: to the confirm watchdog, to commands typed in the shell. */
    public java.util.List<String> argv() {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (source != null && source.simulated != null) {
            a.addAll(java.util.List.of("--simulated-host", source.simulated.toAbsolutePath().toString()));
        }
        if (source != null && source.root != null) {
            a.addAll(java.util.List.of("--root", source.root.toAbsolutePath().toString()));
        }
        if (source != null && source.sample != null) {
            a.addAll(java.util.List.of("--sample", source.sample));
        }
        if (nicMap != null) {
            a.addAll(java.util.List.of("--nic-map", nicMap.toAbsolutePath().toString()));
        }
        if (storageIf != null) {
            a.addAll(java.util.List.of("--storage-if", storageIf));
        }
        if (storageCidr != null) {
            a.addAll(java.util.List.of("--storage-cidr", storageCidr));
        }
        if (configRoot != null) {
            a.addAll(java.util.List.of("--config-root", configRoot.toAbsolutePath().toString()));
        }
        return a;
    }

    /**
     * Where this host's network configuration files live: the capture's folder, --config-root, or /.
     * Empty for a practice host, which has none.
     */
    public java.util.Optional<Path> configRoot() {
        if (source != null && source.simulated != null) {
            return java.util.Optional.empty();
        }
        if (source != null && source.sample != null) {
            return java.util.Optional.of(Samples.path(source.sample));
        }
        if (source != null && source.root != null) {
            return java.util.Optional.of(source.root.toAbsolutePath().normalize());
        }
        requireConfigRoot();
        return java.util.Optional.of(configRoot == null ? Path.of("/") : configRoot.toAbsolutePath().normalize());
    }

    public HostLayout inspect() {
        return inspect(null);
    }

    private void requireConfigRoot() {
        if (configRoot != null && !Files.isDirectory(configRoot)) {
            throw NetworkToolException.invalidInput("--config-root " + configRoot + ": not a directory; give the folder that holds etc/");
        }
    }

    /**
     * The host, with its storage network found by {@code pinned} instead of the user's --storage-if/--storage-cidr (null:
     * the user's). A run pins it to the storage IP once read: the steps move the address from interface to interface,
     * and the interface the user named is where it was, not where it is.
     */
    HostLayout inspect(StorageSelector pinned) {
        // Options that point nowhere are said, not ignored, whatever host they would have applied to.
        if (nicMap != null && !Files.isRegularFile(nicMap)) {
            throw NetworkToolException.invalidInput("--nic-map " + nicMap + ": no such file; give the file lab/tier1 wrote (NAME NIC lines)");
        }
        requireConfigRoot();
        if (source != null && source.simulated != null) {
            return new org.networktool.executors.SimulatedHost(source.simulated).read();
        }
        StorageSelector selector = pinned != null ? pinned : new StorageSelector(
                storageIf == null ? null : InterfaceNames.requireValid(storageIf, "--storage-if"), storageCidr);
        if (pinned == null && storageIf != null && storageCidr != null) {
            throw NetworkToolException.invalidInput("--storage-if and --storage-cidr both given: choose the storage network one way");
        }
        if (source != null && source.sample != null) {
            Path root = Samples.path(source.sample);
            return new HostInspector(new HostRoot(root), new CapturedCommands(root), "sample " + source.sample).inspect(selector);
        }
        if (source != null && source.root != null) {
            Path root = source.root.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw NetworkToolException.invalidInput("--root " + source.root + ": not a directory; give a folder made by lab/capture-host");
            }
            if (!Files.isDirectory(root.resolve("sys/class/net")) && !Files.isDirectory(root.resolve("commands"))) {
                throw NetworkToolException.invalidInput("--root " + source.root
                        + ": no sys/class/net or commands/ inside; give a folder made by lab/capture-host");
            }
            return new HostInspector(new HostRoot(root), new CapturedCommands(root), "root " + root).inspect(selector);
        }
        return new HostInspector(new HostRoot(Path.of("/")), new LiveCommands(), "live",
                nicMap == null ? java.util.Map.of() : org.networktool.layout.discovery.NicMap.read(nicMap)).inspect(selector);
    }

    /**
     * The storage peers in the host's neighbour table (a capture's, when it holds one); none on a simulated host, which
     * has no table.
     */
    List<org.networktool.layout.discovery.NeighbourTable.Peer> storagePeers(HostLayout layout) {
        if (source != null && source.simulated != null) {
            return List.of();
        }
        org.networktool.layout.discovery.CommandSource commands;
        if (source != null && (source.sample != null || source.root != null)) {
            Path root = source.sample != null ? Samples.path(source.sample) : source.root.toAbsolutePath().normalize();
            commands = new CapturedCommands(root);
        } else {
            commands = new LiveCommands();
        }
        return org.networktool.layout.discovery.NeighbourTable.storagePeers(commands, layout);
    }
}
