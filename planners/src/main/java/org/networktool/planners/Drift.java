package org.networktool.planners;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsPort;
import org.networktool.planners.sim.HostSimulator;

/**
 * Terraform's check before each change: is the live host where the plan expects it before this step? The expectation
 * is the snapshot with the steps before it run on the model host (the planner's own proof). Compared are the facts a
 * step's commands rely on — where each interface the plan touches belongs (which Linux bond, which OVS port) and which
 * interface holds the storage IP — not what moves by itself (carrier, counters, an MTU OVS adjusts).
 */
public final class Drift {
    private Drift() {
    }

    /** How the live host differs from what step {@code index} expects, one phrase each; empty when it is as planned. */
    public static List<String> before(HostLayout snapshot, Plan plan, int index, HostLayout live) {
        HostSimulator sim = new HostSimulator(Planner.withOvsRunning(snapshot));
        for (Step s : plan.steps().subList(0, index)) {
            s.forward().forEach(sim::tryRun); // a command the model refuses was tolerated on the host too, or the step failed
        }
        HostLayout expected = sim.layout();
        List<String> out = new ArrayList<>();
        for (String name : touched(snapshot, plan)) {
            String want = place(expected, name);
            String got = place(live, name);
            if (!want.equals(got)) {
                out.add(name + " is " + got + ", expected " + want);
            }
        }
        String storage = snapshot.storage() == null || snapshot.storage().addresses().isEmpty() ? null
                : snapshot.storage().addresses().get(0);
        if (storage != null) {
            String want = holder(expected, storage).orElse("no interface");
            String got = holder(live, storage).orElse("no interface");
            if (!want.equals(got)) {
                out.add("the storage IP " + storage + " is on " + got + ", expected on " + want);
            }
        }
        return out;
    }

    private static Set<String> touched(HostLayout snapshot, Plan plan) {
        Set<String> names = new LinkedHashSet<>();
        if (snapshot.storage() != null) {
            String source = snapshot.storage().interfaceName();
            names.add(source);
            snapshot.bond(source).ifPresent(b -> names.addAll(b.slaveNames()));
        }
        TargetSpec t = plan.target();
        if (t != null && t.bond() != null) {
            names.addAll(t.bond().members());
        }
        names.removeIf(Objects::isNull);
        return names;
    }

    /** Where an interface belongs: "in Linux bond bond0", "in OVS bond bond-storage", "free", "absent". */
    static String place(HostLayout l, String name) {
        for (LinuxBond b : l.bonds()) {
            if (b.slaveNames().contains(name)) {
                return "in Linux bond " + b.name();
            }
        }
        for (OvsBridge br : l.ovs().bridges()) {
            for (OvsPort p : br.ports()) {
                if (p.interfaceNames().contains(name)) {
                    return p.isBond() ? "in OVS bond " + p.name() : "an OVS port of " + br.name();
                }
            }
        }
        return l.netdev(name).isPresent() ? "free" : "absent";
    }

    private static Optional<String> holder(HostLayout l, String cidr) {
        for (Netdev n : l.netdevs()) {
            for (IpAddress a : n.addresses()) {
                if (a.cidr().equals(cidr)) {
                    return Optional.of(n.name());
                }
            }
        }
        return Optional.empty();
    }
}
