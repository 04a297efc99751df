package org.networktool.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.ClusterKey;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.ProbeServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", header = "Answer peers' RC ping-pongs on one address, for checkers holding the cluster key.",
        mixinStandardHelpOptions = true,
        description = {
            "Listens on the address given only (the storage IP, normally) and answers `verbs-check --peer` and upgrade's",
            "RDMA gates: an RC queue pair on the RDMA device whose RoCE v2 GID carries that address, echoing each",
            "message. Both ends prove they hold the cluster key (HMAC-SHA256 over the exchange); a checker without it",
            "is refused. Bounded: --max-connections at once, 100000 round trips of 64 KiB at most, timeouts on every",
            "wait. Runs until stopped (Ctrl-C, SIGTERM); one line per session on stderr."},
        footer = {"%nExamples:",
            "  network-tool probe serve --listen 192.0.2.2 --key-file /etc/network-tool/cluster.key",
            "  network-tool probe serve --listen 192.0.2.2:18600 --key-file KEY --max-connections 4"})
final class ProbeServeCommand extends BaseCommand {
    @Option(names = "--listen", paramLabel = "ADDR[:PORT]", required = true,
            description = "The local address to answer on (port 18516 unless given); it picks the RDMA device too.")
    String listen;

    @Mixin
    ProbeOptions probe;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "8", description = "Sessions at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Override
    protected int doCall() throws IOException {
        ProbePeer at = ProbePeer.parse(listen);
        probe.requireRange(maxConnections, 1, 256, "--max-connections");
        InetAddress addr;
        try {
            addr = InetAddress.getByName(at.host());
        } catch (UnknownHostException e) {
            throw NetworkToolException.invalidInput("--listen " + listen + ": not an address of this host");
        }
        if (!probe.hasKey()) {
            throw NetworkToolException.invalidInput("--key-file is required: the cluster key every checker must hold");
        }
        ClusterKey key = probe.key();
        ProbeServer server;
        try {
            server = new ProbeServer(key, new InetSocketAddress(addr, at.port()), Path.of("/"), maxConnections, this::log);
        } catch (IOException e) {
            throw NetworkToolException.invalidInput("--listen " + listen + ": cannot listen there (" + e.getMessage()
                    + "): give an address of this host and a free port");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }));
        log("listening on " + new ProbePeer(server.address().getAddress().getHostAddress(), server.address().getPort())
                + " (RC ping-pong; cluster key from " + probe.keyFile + ")");
        server.serve();
        return ExitCodes.OK;
    }

    private synchronized void log(String line) {
        err().println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " probe serve: " + line);
        err().flush();
    }
}
