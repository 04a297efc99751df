package org.networktool.executors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.networktool.layout.HostLayout;
import org.networktool.layout.OvsBridge;
import org.networktool.planners.Gate;

/** Gates on Open vSwitch itself: the bridge exists and the daemon can forward through it; the database file holds the migration. */
final class OvsDaemonGates {
    private OvsDaemonGates() {
    }

    /**
     * The bridge and its internal port exist and, on the live host's kernel datapath, ovs-vswitchd has upcall handler
     * threads: with none (Open vSwitch 3.1 started early in boot was seen so) the kernel datapath forwards nothing new.
     * The daemon starts them with its first kernel-datapath bridge, so this is checked after the bridge is created and
     * not in the preflight, where a host without a bridge has none yet.
     */
    static GateVerdict bridge(HostLayout l, Gate.OvsBridge g, GateProbes probes, Map<String, String> fig) {
        Optional<OvsBridge> br = l.ovs().bridge(g.bridge());
        if (br.isEmpty() || br.get().port(g.port()).isEmpty()) {
            return GateVerdict.fail("bridge " + g.bridge() + " or port " + g.port() + " missing", fig);
        }
        String datapath = br.get().datapathType() == null || br.get().datapathType().isEmpty() ? "system" : br.get().datapathType();
        OptionalInt handlers = datapath.equals("system") ? probes.handlerThreads() : OptionalInt.empty();
        if (handlers.isPresent()) {
            fig.put("handlers", String.valueOf(handlers.getAsInt()));
            if (handlers.getAsInt() == 0) {
                return GateVerdict.fail("ovs-vswitchd has no upcall handler threads, so the kernel datapath forwards nothing new: restart"
                        + " openvswitch-switch, then run again", fig);
            }
            return GateVerdict.pass("bridge and internal port present; ovs-vswitchd has " + handlers.getAsInt() + " upcall handler threads", fig);
        }
        return GateVerdict.pass("bridge and internal port present", fig);
    }

    /** What ovsdb-server loads at boot must hold what the migration built. */
    static GateVerdict persisted(Gate.OvsPersisted g, GateProbes probes, Map<String, String> fig) {
        Optional<OvsDbOnDisk.Names> read = probes.databaseOnDisk();
        if (read.isEmpty()) {
            return GateVerdict.pass("a practice host has no database file", fig);
        }
        OvsDbOnDisk.Names on = read.get();
        fig.put("db", on.db());
        if (on.problem() != null) {
            return GateVerdict.fail(on.problem(), fig);
        }
        List<String> missing = new ArrayList<>();
        if (!on.bridges().contains(g.bridge())) {
            missing.add("bridge " + g.bridge());
        }
        for (String p : List.of(g.bond(), g.port())) {
            if (!on.ports().contains(p)) {
                missing.add("port " + p);
            }
        }
        for (String m : g.members()) {
            if (!on.interfaces().contains(m)) {
                missing.add("interface " + m);
            }
        }
        return missing.isEmpty() ? GateVerdict.pass(on.db() + " holds " + g.bridge() + ", " + g.bond() + " ("
                + String.join(",", g.members()) + ") and " + g.port(), fig)
                : GateVerdict.fail(on.db() + " lacks " + String.join(", ", missing) + ": a restart of Open vSwitch would lose the migration", fig);
    }

}
