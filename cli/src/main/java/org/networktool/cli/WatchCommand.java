package org.networktool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.networktool.executors.BondWatcher;
import org.networktool.executors.ExecRunner;
import org.networktool.executors.HostAccess;
import org.networktool.executors.RdmaPathMap;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetworkToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "watch", header = "Follow the storage bond's active member and publish the member → NIC → RDMA device map.",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the OVS bond that carries the storage network every --interval and publishes which members carry",
            "storage traffic (active-backup: the active member only; balance-tcp: every enabled member) with each",
            "member's NIC and RDMA device, port and RoCE v2 GIDs, so the storage layer opens RDMA connections only",
            "where the traffic flows. The map file is replaced atomically on every change; each change is one line",
            "on stdout with its time. A member that is not enabled never carries. Runs until stopped (Ctrl-C, SIGTERM)."},
        footer = {"%nExamples:",
            "  network-tool watch                                   every second, map in /run/network-tool/rdma-paths.json",
            "  network-tool watch --interval 200 -o json            a JSON line per change",
            "  network-tool watch --sample migrated-ovs --once      the map of a captured host, once"})
final class WatchCommand extends BaseCommand {
    static final Path DEFAULT_MAP = Path.of("/run/network-tool/rdma-paths.json");

    @Mixin
    HostOptions host;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "How often the bond is read (default: ${DEFAULT-VALUE} ms).")
    int intervalMs;

    @Option(names = "--map-file", paramLabel = "FILE",
            description = "Where the map is published (default: /run/network-tool/rdma-paths.json on this host; none for --sample/--root).")
    Path mapFile;

    @Option(names = "--once", description = "Print the map once and exit.")
    boolean once;

    @Mixin
    OutputOption output;

    @Override
    protected int doCall() throws Exception {
        if (intervalMs < 100 || intervalMs > 60_000) {
            throw NetworkToolException.invalidInput("--interval " + intervalMs + ": give a number from 100 to 60000 (ms)");
        }
        boolean live = !host.isCapture() && host.simulatedHost().isEmpty();
        if (!live && !once) {
            throw NetworkToolException.invalidInput("watch: a captured or simulated host has no live bond to follow; add --once");
        }
        Path file = mapFile != null ? mapFile : live ? DEFAULT_MAP : null;
        BondWatcher watcher = new BondWatcher(host::inspect, new ExecRunner(HostAccess.LOCAL, java.time.Duration.ofSeconds(10)));
        if (once) {
            publish(file, Instant.now(), watcher.readFull(), null);
            return ExitCodes.OK;
        }
        AtomicBoolean stop = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
        watcher.run(intervalMs, stop::get, (at, map, previous) -> publish(file, at, map, previous));
        return ExitCodes.OK;
    }

    private void publish(Path file, Instant at, RdmaPathMap map, RdmaPathMap previous) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "network-tool/rdma-paths/v1");
        doc.put("time", at.toString());
        doc.put("paths", map);
        if (file != null) {
            write(file, LayoutCodec.toJson(doc));
        }
        if (output.format() == OutputOption.Format.json) {
            out().println(LayoutCodec.toJsonLine(doc));
        } else {
            out().println(at + " " + line(map, previous));
        }
        out().flush();
    }

    static String line(RdmaPathMap map, RdmaPathMap previous) {
        String was = previous == null || java.util.Objects.equals(previous.activeMember(), map.activeMember()) ? ""
                : " (was " + (previous.activeMember() == null ? "none" : previous.activeMember()) + ")";
        String rdma = map.members().stream().filter(RdmaPathMap.Member::carrying).flatMap(m -> m.rdma().stream())
                .map(e -> e.device() + "/" + e.port()).collect(Collectors.joining(", "));
        if (rdma.isEmpty()) {
            rdma = map.storageRdma().stream().map(e -> e.device() + "/" + e.port()).collect(Collectors.joining(", "));
        }
        return map.bond() + " (" + map.mode() + "): active " + (map.activeMember() == null ? "none" : map.activeMember()) + was
                + "; carrying " + (map.carrying().isEmpty() ? "nothing" : String.join(", ", map.carrying()))
                + "; members " + map.members().stream().map(m -> m.name() + (m.enabled() ? " enabled" : " disabled")).collect(Collectors.joining(", "))
                + "; RDMA " + (rdma.isEmpty() ? "none" : rdma);
    }

    private static void write(Path file, String json) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".rdma-paths", ".tmp");
            Files.writeString(tmp, json);
            // Readers see the old map or the new one, never half of one.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot write the map to " + file + ": " + e.getMessage());
        }
    }
}
