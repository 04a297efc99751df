package org.networktool.rollback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.networktool.planners.Action;
import org.networktool.planners.Command;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;

/**
 * What must be undone to return the host to the journaled snapshot, computed from the journal
 * alone: for every step that began, the undo of each action that began, newest first. An action
 * that began without a recorded result may or may not have run: its undo is tolerant. Undo
 * entries a previous rollback finished are skipped, so a second rollback is a no-op.
 */
public final class Recovery {
    private Recovery() {
    }

    /** One undo command with its place (step, action, index within the action's undo). */
    public record Undo(String key, String step, Command command, boolean tolerant) {
    }

    public static List<Undo> undos(JournalContents j) {
        Plan plan = j.first(RecordType.RUN_START).map(JournalRecord::plan)
                .orElseThrow(() -> new IllegalStateException("journal without a RUN_START record"));
        Set<String> begun = new HashSet<>();
        Set<String> finished = new HashSet<>();
        Set<String> undone = new HashSet<>();
        for (JournalRecord r : j.records()) {
            switch (r.type()) {
                case ACTION_BEGIN -> {
                    // Run again after the shell's `back` undid it: its earlier undo no longer counts.
                    String key = r.step() + "/" + r.action();
                    begun.add(key);
                    finished.remove(key);
                    undone.removeIf(u -> u.startsWith(key + "/"));
                }
                case ACTION_DONE, ACTION_FAILED -> finished.add(r.step() + "/" + r.action());
                case UNDO_DONE -> undone.add(r.message());
                default -> { }
            }
        }
        List<Undo> undos = new ArrayList<>();
        List<Step> steps = plan.steps();
        for (int s = steps.size() - 1; s >= 0; s--) {
            Step step = steps.get(s);
            for (int a = step.actions().size() - 1; a >= 0; a--) {
                String key = step.id() + "/" + a;
                if (!begun.contains(key)) {
                    continue;
                }
                boolean uncertain = !finished.contains(key);
                Action action = step.actions().get(a);
                for (int u = 0; u < action.undo().size(); u++) {
                    Command c = action.undo().get(u);
                    String undoKey = key + "/" + u;
                    if (!undone.contains(undoKey)) {
                        undos.add(new Undo(undoKey, step.id(), c, uncertain || c.tolerateFailure()));
                    }
                }
            }
        }
        return undos;
    }
}
