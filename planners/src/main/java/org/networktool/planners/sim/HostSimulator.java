package org.networktool.planners.sim;

import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.HostLayout;
import org.networktool.planners.Command;

/**
 * A model host that runs the commands plans are made of ({@code ip}, {@code ovs-vsctl},
 * {@code rdma}, plus the harmless {@code arping}/{@code sysctl}) against a layout, refusing what the
 * real host would refuse. Plans are proven by running them here; the executor's tests use it as
 * the host stub. A refused command leaves the state as the real command would: batch lines before
 * the failing one have taken effect.
 */
public final class HostSimulator {
    private final SimHost host;
    private final List<Command> log = new ArrayList<>();

    public HostSimulator(HostLayout layout) {
        this.host = new SimHost(layout);
    }

    /** Runs a command; throws {@link SimulationException} when the host refuses it. */
    public void run(Command command) {
        log.add(command);
        if (command.file() != null) {
            // Configuration files shape the next boot, not the running layout the model holds.
            return;
        }
        List<String> a = command.argv();
        if (a.isEmpty()) {
            throw new SimulationException("empty command");
        }
        switch (a.get(0)) {
            case "ip" -> new IpCommand(host).run(a.subList(1, a.size()), command.stdin());
            case "ovs-vsctl" -> new OvsVsctlCommand(host).run(a.subList(1, a.size()));
            case "rdma" -> rdma(a);
            case "arping", "sysctl", "ovs-appctl" -> {
                // Announcements and settings with no effect on the layout; arping needs its device.
                int dash = a.indexOf("-I");
                if (dash >= 0) {
                    host.dev(a.get(dash + 1));
                }
            }
            default -> throw new SimulationException(a.get(0) + ": command not known to the simulator");
        }
    }

    /** Runs a command and reports whether the host accepted it, for tolerant commands. */
    public boolean tryRun(Command command) {
        try {
            run(command);
            return true;
        } catch (SimulationException e) {
            return false;
        }
    }

    public HostLayout layout() {
        return host.toLayout();
    }

    /** The IPv6 neighbour entries made so far, "DEV ADDRESS MAC". */
    public java.util.Set<String> neighbours() {
        return java.util.Set.copyOf(host.neighbours);
    }

    public List<Command> log() {
        return List.copyOf(log);
    }

    private void rdma(List<String> a) {
        // rdma link add NAME type rxe netdev DEV | rdma link delete NAME
        if (a.size() >= 4 && a.get(1).equals("link") && a.get(2).equals("delete")) {
            String name = a.get(3).replaceAll("/\\d+$", "");
            if (!host.rdma.removeIf(d -> d.name().equals(name))) {
                throw new SimulationException("rdma: link " + name + " not found");
            }
            return;
        }
        if (a.size() == 8 && a.get(1).equals("link") && a.get(2).equals("add") && a.get(4).equals("type")
                && a.get(5).equals("rxe") && a.get(6).equals("netdev")) {
            String name = a.get(3);
            host.dev(a.get(7));
            if (host.rdma.stream().anyMatch(d -> d.name().equals(name))) {
                throw new SimulationException("rdma: " + name + " already exists");
            }
            host.rdma.add(new org.networktool.layout.RdmaDevice(name, "rxe", null, null, host.rdmaPorts(a.get(7))));
            host.rdma.sort((x, y) -> x.name().compareTo(y.name()));
            return;
        }
        throw new SimulationException("rdma: unsupported " + String.join(" ", a));
    }
}
