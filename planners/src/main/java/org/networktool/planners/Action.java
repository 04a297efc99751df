package org.networktool.planners;

import java.util.List;

/**
 * One forward command and the commands that undo it, computed from the host's state just before
 * it runs. After a crash inside a step, recovery undoes exactly the actions the journal says began.
 */
public record Action(Command run, List<Command> undo) {

    public Action {
        undo = List.copyOf(undo);
    }

    public static Action of(Command run, Command... undo) {
        return new Action(run, List.of(undo));
    }
}
