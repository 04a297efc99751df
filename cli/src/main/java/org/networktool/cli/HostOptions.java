package org.networktool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--storage-if", paramLabel = "IFACE",
            description = "The interface that carries the storage IP, when more than one could.")
    String storageIf;

    @Option(names = "--storage-cidr", paramLabel = "CIDR",
            description = "Choose the storage network by its prefix, e.g. 10.10.1.0/24.")
    String storageCidr;

    public HostLayout inspect() {
        StorageSelector selector = new StorageSelector(
                storageIf == null ? null : InterfaceNames.requireValid(storageIf, "--storage-if"), storageCidr);
        if (storageIf != null && storageCidr != null) {
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
        return new HostInspector(new HostRoot(Path.of("/")), new LiveCommands(), "live").inspect(selector);
    }
}
