package org.networktool.planners;

import java.util.List;

/**
 * One step of a plan: commands that make it, commands that undo it (computed by the planner from
 * the layout, never discovered by running things), gates before and after, and its impact.
 */
public record Step(
        String id,
        String title,
        List<Command> forward,
        List<Command> inverse,
        List<Gate> preGates,
        List<Gate> postGates,
        boolean interruptsStorage,
        String impact) {

    public Step {
        forward = List.copyOf(forward);
        inverse = List.copyOf(inverse);
        preGates = List.copyOf(preGates);
        postGates = List.copyOf(postGates);
    }
}
