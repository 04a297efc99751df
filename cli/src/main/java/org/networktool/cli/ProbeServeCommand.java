package org.networktool.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.networktool.layout.RocePortPath;
import org.networktool.verbscheck.PortPaths;
import org.networktool.verbscheck.Verbs;
import org.networktool.verbscheck.VerbsException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.networktool.layout.NetworkToolException;
import org.networktool.verbscheck.ClusterKey;
import org.networktool.verbscheck.PathProber;
import org.networktool.verbscheck.PathResponder;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.ProbeServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", header = "Answer peers' RC ping-pongs and path probes on one address, for checkers holding the cluster key.",
        mixinStandardHelpOptions = true,
        description = {
            "Listens on the address given only (the storage IP, normally) and answers `verbs-check --peer` and upgrade's",
            "RDMA gates: an RC queue pair on the RDMA device whose RoCE v2 GID carries that address, echoing each",
            "message; and path-probe's UDP requests on --path-port with a reply of the same size. Both ends prove they hold the cluster key (HMAC-SHA256 over the exchange); a checker without it",
            "is refused. Bounded: --max-connections at once, 100000 round trips of 64 KiB at most, timeouts on every",
            "wait. Runs until stopped (Ctrl-C, SIGTERM); one line per session on stderr.",
            "",
            "Tells a checker its RoCE ports (device, port, GID, MAC) and answers on a named one, including path-probe",
            "--verbs's flow-label queue pairs. A checker on a hardware RoCE host's OVS member cannot answer neighbour",
            "solicitations, so for a link-local checker it adds a permanent IPv6 neighbour entry on the answering port's",
            "netdev: the checker's default GID and the MAC it was made from (so this host's own queue pairs reach that",
            "member too). That is the one change it makes to this host; `ip -6 neigh del` removes an entry.",
            "",
            "Holds the streams of `verbs-check --soak` and `upgrade --rdma-stream`: a queue pair per lane the checker asks",
            "for (at most 8), every message echoed on its lane and delivered in order, lanes rebuilt on the checker's",
            "signed request; a stream keeps its session until the checker is done, or silent for 30 s."},
        footer = {"%nExamples:",
            "  network-tool probe serve --listen 192.0.2.2 --key-file /etc/network-tool/cluster.key",
            "  network-tool probe serve --listen 192.0.2.2:18600 --key-file KEY --max-connections 4"})
final class ProbeServeCommand extends BaseCommand {
    @Option(names = "--listen", paramLabel = "ADDR[:PORT]", required = true,
            description = "The local address to answer on (port 18516 unless given); it picks the RDMA device too.")
    String listen;

    @Mixin
    ProbeOptions probe;

    @Option(names = "--path-port", paramLabel = "PORT",
            description = "The UDP port to answer path-probe on (default: 4791, RoCE v2's, when free; 0: none).")
    Integer pathPort;

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
        PathResponder paths = pathResponder(key, addr);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                if (paths != null) {
                    paths.close();
                }
            } catch (IOException ignored) {
                // exiting anyway
            }
        }));
        // Loading libibverbs (jnr-ffi binds it at first use) takes seconds on a slow machine: done now, not while a checker waits.
        try {
            List<RocePortPath> mine = PortPaths.local(Verbs.load(), Path.of("/"));
            log("RoCE paths here: " + (mine.isEmpty() ? "none" : String.join(", ", mine.stream().map(p -> p.device() + "/" + p.port() + " ["
                    + p.gidIndex() + "] " + org.networktool.layout.RoceGids.ipOf(p.gid()) + " on " + p.netdev()).toList())));
        } catch (VerbsException e) {
            log("RC ping-pongs will fail: " + e.getMessage());
        }
        log("listening on " + new ProbePeer(server.address().getAddress().getHostAddress(), server.address().getPort())
                + " (RC ping-pong" + (paths == null ? "" : "; path probes on UDP " + paths.address().getPort())
                + "; cluster key from " + probe.keyFile + ")");
        server.serve();
        return ExitCodes.OK;
    }

    /** The UDP responder; the default port taken (the kernel's Soft-RoCE holds 4791 where it runs) is said, not fatal. */
    private PathResponder pathResponder(ClusterKey key, InetAddress addr) {
        int port = pathPort == null ? PathProber.ROCE_V2_PORT : pathPort;
        if (port == 0) {
            return null;
        }
        probe.requireRange(port, 1, 65_535, "--path-port");
        PathResponder r;
        try {
            r = new PathResponder(key, new InetSocketAddress(addr, port), this::log);
        } catch (IOException e) {
            if (pathPort != null) {
                throw NetworkToolException.invalidInput("--path-port " + port + ": cannot listen on UDP " + port + " (" + e.getMessage()
                        + "): give a free port");
            }
            log("path probes not answered: UDP " + port + " is taken on " + addr.getHostAddress() + " (" + e.getMessage()
                    + "; Soft-RoCE holds it where it runs): give --path-port PORT, and the same to path-probe");
            return null;
        }
        Thread t = new Thread(r::serve, "path-responder");
        t.setDaemon(true);
        t.start();
        return r;
    }

    private synchronized void log(String line) {
        err().println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " probe serve: " + line);
        err().flush();
    }
}
