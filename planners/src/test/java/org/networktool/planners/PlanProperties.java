package org.networktool.planners;

import java.util.ArrayList;
import java.util.List;
import org.networktool.layout.Change;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.layout.Netdev;
import org.networktool.planners.sim.HostSimulator;

/** The properties every applyable plan must have, checked by running it on the model host. */
final class PlanProperties {
    private PlanProperties() {
    }

    /** Returns the violations (empty when the plan is sound). */
    static List<String> check(HostLayout original, Plan plan) {
        List<String> v = new ArrayList<>();
        HostSimulator sim = new HostSimulator(Planner.withOvsRunning(original));
        List<String> storage = original.storage().addresses();
        StorageSource src = StorageSource.of(original).orElseThrow();
        boolean cutoverDone = false;
        for (Step s : plan.steps()) {
            for (Command c : s.forward()) {
                if (!cutoverDone && !s.id().equals("cutover") && releases(c, src.kept())) {
                    v.add("step " + s.id() + " releases the active port " + src.kept() + " before the cutover: " + c.display());
                }
                if (!sim.tryRun(c) && !c.tolerateFailure()) {
                    v.add("step " + s.id() + " fails on the model host: " + c.display());
                    return v;
                }
                if (!s.interruptsStorage()) {
                    int holders = holders(sim.layout(), storage);
                    if (holders != 1) {
                        v.add("after `" + c.display() + "` in step " + s.id() + " the storage IP is on " + holders + " interfaces");
                    }
                }
            }
            if (s.interruptsStorage()) {
                cutoverDone = true;
                int holders = holders(sim.layout(), storage);
                if (holders != 1) {
                    v.add("after the cutover the storage IP is on " + holders + " interfaces");
                }
            }
        }
        List<String> left = TargetCheck.mismatches(sim.layout(), plan.target(), storage);
        if (!left.isEmpty()) {
            v.add("the target is not reached: " + left);
        }
        List<Step> reversed = new ArrayList<>(plan.steps());
        java.util.Collections.reverse(reversed);
        for (Step s : reversed) {
            for (Command c : s.inverse()) {
                if (!sim.tryRun(c) && !c.tolerateFailure()) {
                    v.add("inverse of step " + s.id() + " fails on the model host: " + c.display());
                    return v;
                }
            }
        }
        List<Change> diff = LayoutDiff.between(original, sim.layout());
        if (!diff.isEmpty()) {
            v.add("the inverses do not restore the host: " + diff.stream().map(Change::line).toList());
        }
        return v;
    }

    /**
     * Crash recovery on the model host: stop after any number of actions of any step, with the next
     * action either not run or run without its result recorded, then undo what the journal would
     * show (the uncertain action's undo tolerant, like recovery does) and compare with the original.
     */
    static List<String> checkCrashRecovery(HostLayout original, Plan plan) {
        List<String> v = new ArrayList<>();
        List<Step> steps = plan.steps();
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            for (int j = 0; j <= step.actions().size(); j++) {
                for (boolean uncertainRan : j < step.actions().size() ? new boolean[] {false, true} : new boolean[] {false}) {
                    HostSimulator sim = new HostSimulator(Planner.withOvsRunning(original));
                    for (int i = 0; i < k; i++) {
                        steps.get(i).forward().forEach(sim::tryRun);
                    }
                    step.forward().subList(0, j).forEach(sim::tryRun);
                    if (j < step.actions().size()) {
                        if (uncertainRan) {
                            sim.tryRun(step.actions().get(j).run());
                        }
                        step.actions().get(j).undo().forEach(sim::tryRun);
                    }
                    List<Command> recovery = new ArrayList<>(step.inverseOfFirst(j));
                    for (int i = k - 1; i >= 0; i--) {
                        recovery.addAll(steps.get(i).inverse());
                    }
                    for (Command c : recovery) {
                        if (!sim.tryRun(c) && !c.tolerateFailure()) {
                            v.add("crash in " + step.id() + " after " + j + " actions" + (uncertainRan ? " (+1 unrecorded)" : "")
                                    + ": recovery command fails: " + c.display());
                            break;
                        }
                    }
                    List<Change> diff = LayoutDiff.between(original, sim.layout());
                    if (!diff.isEmpty()) {
                        v.add("crash in " + step.id() + " after " + j + " actions" + (uncertainRan ? " (+1 unrecorded)" : "")
                                + ": host not restored: " + diff.stream().map(Change::line).toList());
                    }
                }
            }
        }
        return v;
    }

    private static boolean releases(Command c, String port) {
        List<String> a = c.argv();
        return a.size() >= 6 && a.get(0).equals("ip") && a.get(1).equals("link") && a.get(4).equals(port)
                && (a.contains("nomaster") || a.get(a.size() - 1).equals("down"));
    }

    private static int holders(HostLayout l, List<String> cidrs) {
        int n = 0;
        for (Netdev d : l.netdevs()) {
            if (d.addresses().stream().anyMatch(a -> cidrs.contains(a.cidr()))) {
                n++;
            }
        }
        return n;
    }
}
