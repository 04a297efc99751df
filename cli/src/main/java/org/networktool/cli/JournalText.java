package org.networktool.cli;

import org.networktool.rollback.JournalContents;
import org.networktool.rollback.JournalRecord;
import org.networktool.rollback.RunState;

/** A run's journal for humans: what ran, in order, with results, figures and timings. */
final class JournalText {
    private JournalText() {
    }

    static String render(String id, JournalContents j) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(id).append(": ").append(RunState.of(j).label()).append('\n');
        if (j.problem() != null) {
            b.append("! journal damaged: ").append(j.problem()).append('\n');
        }
        for (JournalRecord r : j.records()) {
            String t = r.time() == null ? "" : r.time().substring(11, Math.min(r.time().length(), 23));
            b.append(String.format("%4d %-12s ", r.seq(), t));
            switch (r.type()) {
                case RUN_START -> b.append("start on ").append(r.snapshot().hostname()).append(": ").append(r.plan().steps().size())
                        .append(" steps toward ").append(r.plan().target().bridge()).append('/').append(r.plan().target().bond().name());
                case STEP_BEGIN, STEP_DONE -> b.append(r.type() == org.networktool.rollback.RecordType.STEP_BEGIN ? "step " : "done ").append(r.step());
                case ACTION_BEGIN, UNDO_BEGIN -> b.append(r.type().name().startsWith("UNDO") ? "  undo " : "  run  ").append(r.command().display().replace("\n", " ⏎ "));
                case ACTION_DONE, ACTION_FAILED, UNDO_DONE, UNDO_FAILED -> b.append("       → exit ").append(r.exitCode()).append(" in ")
                        .append(TextProgress.seconds(r.durationMs() == null ? 0 : r.durationMs()))
                        .append(r.output() == null || r.output().isBlank() ? "" : ": " + r.output().strip().replace("\n", " | "));
                case GATE -> b.append(Boolean.TRUE.equals(r.passed()) ? "  ✓ " : "  ✗ ").append(r.message()).append(' ').append(r.figures())
                        .append(" in ").append(TextProgress.seconds(r.durationMs() == null ? 0 : r.durationMs()));
                default -> b.append(r.type().name().toLowerCase().replace('_', ' ')).append(r.message() == null ? "" : ": " + r.message().replace("\n", "; "))
                        .append(r.meta() == null ? "" : " " + r.meta());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
