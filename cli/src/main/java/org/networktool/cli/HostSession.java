package org.networktool.cli;

import java.time.Duration;
import org.networktool.executors.CommandRunner;
import org.networktool.executors.ExecRunner;
import org.networktool.executors.HostAccess;
import org.networktool.executors.GateProbes;
import org.networktool.executors.HostGates;
import org.networktool.executors.HostReader;
import org.networktool.executors.PausePoints;
import org.networktool.executors.RunHost;
import org.networktool.executors.SimulatedHost;
import org.networktool.layout.NetworkToolException;

/** The parts that act on one host, wired from the command's options: live or simulated. */
final class HostSession {
    private HostSession() {
    }

    static RunHost of(HostOptions host, String command) {
        return of(host, command, null);
    }

    /** {@code probe}: the cluster key the RC ping-pong and path gates reach the peers with (null: those gates say they were not checked). */
    static RunHost of(HostOptions host, String command, ProbeOptions probe) {
        if (host.isCapture()) {
            throw NetworkToolException.invalidInput(command + " changes a host: --root and --sample are read-only captures;"
                    + " use --dry-run to review the plan, or --simulated-host FILE to practise");
        }
        if (host.simulatedHost().isPresent()) {
            SimulatedHost sim = new SimulatedHost(host.simulatedHost().get());
            return new RunHost(sim, PausePoints.around(sim), new HostGates(sim, GateProbes.practice(), 0));
        }
        HostReader reader = new RunReader(host);
        CommandRunner runner = PausePoints.around(new ExecRunner(HostAccess.LOCAL.withConfigRoot(host.configRoot().orElseThrow()), Duration.ofSeconds(60)));
        return new RunHost(reader, runner, new HostGates(reader, GateProbes.live(runner, probe == null ? null : probe.pinger(),
                probe == null ? null : probe.pathChecker()), 15_000));
    }
}
