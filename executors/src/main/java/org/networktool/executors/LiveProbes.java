package org.networktool.executors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.networktool.planners.Command;

/** The live host's answers to the gates' questions: ping, ovs-appctl, /proc, the OVSDB file, the peers' probe responders. */
final class LiveProbes implements GateProbes {
    private final CommandRunner runner;
    private final RdmaPinger pinger;
    private final PathChecker paths;

    LiveProbes(CommandRunner runner, RdmaPinger pinger, PathChecker paths) {
        this.runner = runner;
        this.pinger = pinger;
        this.paths = paths;
    }

    @Override
    public List<String> missingTools(List<String> tools) {
        return tools.stream().filter(t -> !t.isBlank() && !onPath(t)).toList();
    }

    @Override
    public Optional<String> ping(String peer, String source) {
        // Ends on the first answer (-c 1 with a deadline: echo requests every 0.2 s until one is answered or 2 s have
        // passed), instead of always sending three: a step's gates wait for the network, not for a count of pings.
        List<String> argv = new ArrayList<>(List.of("ping", "-n", "-q", "-c", "1", "-i", "0.2", "-w", "2"));
        if (source != null) {
            argv.addAll(List.of("-I", source));
        }
        argv.addAll(List.of("--", peer)); // a peer is checked where it is given; "--" keeps it an operand regardless
        CommandOutcome o = runner.run(Command.of(argv));
        return o.ok() ? Optional.of(rtt(o.output())) : Optional.empty();
    }

    @Override
    public Optional<CommandOutcome> lacpShow(String bond) {
        return Optional.of(runner.run(Command.of("ovs-appctl", "lacp/show", bond)));
    }

    @Override
    public OptionalInt handlerThreads() {
        return OvsHandlerThreads.count(Path.of("/proc"), OvsHandlerThreads.pidFile());
    }

    @Override
    public Optional<OvsDbOnDisk.Names> databaseOnDisk() {
        return Optional.of(new OvsDbOnDisk(runner).read());
    }

    @Override
    public Optional<RdmaPinger> pinger() {
        return Optional.ofNullable(pinger);
    }

    @Override
    public Optional<PathChecker> paths() {
        return Optional.ofNullable(paths);
    }

    @Override
    public String notProbed() {
        // A rollback or watchdog run without --key-file: the snapshot comparison proves the way back; this proof is extra.
        return "not checked: this command was not given --key-file";
    }

    private static String rtt(String pingOutput) {
        for (String line : pingOutput.split("\n")) {
            if (line.contains("min/avg/max")) {
                return "rtt " + line.substring(line.indexOf('=') + 1).strip();
            }
        }
        return "answered";
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
