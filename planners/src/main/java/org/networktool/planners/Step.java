package org.networktool.planners;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a plan: actions (a command and its undo each, computed by the planner from the
 * layout, never discovered by running things), gates before and after, and its impact.
 */
public record Step(
        String id,
        String title,
        List<Action> actions,
        List<Gate> preGates,
        List<Gate> postGates,
        boolean interruptsStorage,
        String impact) {

    public Step {
        actions = List.copyOf(actions);
        preGates = List.copyOf(preGates);
        postGates = List.copyOf(postGates);
    }

    @JsonIgnore
    public List<Command> forward() {
        return actions.stream().map(Action::run).toList();
    }

    /** The whole step undone: the first {@code n} actions' undos, newest first. */
    public List<Command> inverseOfFirst(int n) {
        List<Command> inv = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            inv.addAll(actions.get(i).undo());
        }
        return inv;
    }

    @JsonIgnore
    public List<Command> inverse() {
        return inverseOfFirst(actions.size());
    }
}
