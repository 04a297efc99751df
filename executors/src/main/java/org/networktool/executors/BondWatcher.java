package org.networktool.executors;

import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.OvsBondStatus;
import org.networktool.layout.OvsPort;
import org.networktool.layout.discovery.BondShowParser;
import org.networktool.layout.discovery.MalformedSourceException;
import org.networktool.planners.Command;

/**
 * Follows the storage bond: each interval one {@code ovs-appctl bond/show BOND} (OVS has no bond
 * event to wait on), the map recomputed against the layout read at the start (read again only
 * when the bond's members change), and every change handed to the sink with its time.
 */
public final class BondWatcher {
    /** Receives the first map and every change; {@code previous} is null the first time. */
    @FunctionalInterface
    public interface Sink {
        void changed(Instant at, RdmaPathMap map, RdmaPathMap previous);
    }

    private final HostReader reader;
    private final CommandRunner runner;
    private HostLayout layout;
    private OvsPort bond;

    public BondWatcher(HostReader reader, CommandRunner runner) {
        this.reader = reader;
        this.runner = runner;
    }

    /** A fresh layout and the bond state it carries (what a capture or a simulated host offers). */
    public RdmaPathMap readFull() {
        layout = reader.read();
        bond = RdmaPathMap.storageBond(layout).orElseThrow(() -> new NetworkToolException(ErrorKind.OPERATION_FAILED,
                "no OVS bond carries the storage network on " + layout.hostname()
                        + (layout.storage() == null ? "" : " (it is on " + layout.storage().interfaceName() + ", " + layout.storage().kind() + ")")
                        + ": watch follows the bond that upgrade builds"));
        return RdmaPathMap.of(layout, bond, bond.bondStatus());
    }

    /** The bond's live state now; the layout is read again if its members changed. */
    public RdmaPathMap poll() {
        if (bond == null) {
            return readFull();
        }
        CommandOutcome o = runner.run(Command.of("ovs-appctl", "bond/show", bond.name()));
        OvsBondStatus live = null;
        if (o.ok()) {
            try {
                Map<String, OvsBondStatus> parsed = BondShowParser.parse(o.output());
                live = parsed.get(bond.name());
            } catch (MalformedSourceException e) {
                live = null;
            }
        }
        if (live == null) {
            // The bond is gone or unreadable (rollback, OVS restart): read everything again.
            return readFull();
        }
        if (!live.members().stream().map(m -> m.name()).sorted().toList().equals(bond.interfaceNames().stream().sorted().toList())) {
            readFull();
        }
        return RdmaPathMap.of(layout, bond, live);
    }

    /** Polls every {@code intervalMs} until {@code stop}; the sink gets the first map and each change. */
    public void run(long intervalMs, BooleanSupplier stop, Sink sink) throws InterruptedException {
        RdmaPathMap previous = null;
        while (!stop.getAsBoolean()) {
            long t0 = System.nanoTime();
            RdmaPathMap now = previous == null ? readFull() : poll();
            if (!now.equals(previous)) {
                sink.changed(Instant.now(), now, previous);
                previous = now;
            }
            long sleep = intervalMs - (System.nanoTime() - t0) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
    }
}
