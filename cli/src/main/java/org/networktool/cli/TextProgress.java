package org.networktool.cli;

import java.io.PrintWriter;
import org.networktool.executors.CommandOutcome;
import org.networktool.executors.GateResult;
import org.networktool.executors.ProgressListener;
import org.networktool.planners.Command;
import org.networktool.planners.Step;

/** Progress on a terminal: step i/N, its title, commands and gates as they come, with timings. */
final class TextProgress implements ProgressListener {
    private final PrintWriter out;

    TextProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepStarted(int index, int total, Step step) {
        out.printf("[%d/%d] %s — %s%n", index, total, step.id(), step.title());
        out.flush();
    }

    @Override
    public void commandRan(Command command, CommandOutcome o) {
        out.printf("      %s %s  (%s)%n", o.ok() ? "$" : "✗", command.display().replace("\n", "\n        "), seconds(o.durationMs()));
        if (!o.ok() && !o.output().isBlank()) {
            out.println("        " + o.output().strip().replace("\n", "\n        "));
        }
        out.flush();
    }

    @Override
    public void gateChecked(String when, GateResult r) {
        out.printf("      %s %s %s %s  (%s)%n", r.passed() ? "✓" : "✗", when, r.gate().label(),
                r.message(), seconds(r.durationMs()));
        out.flush();
    }

    @Override
    public void stepDone(int index, int total, Step step, long ms) {
        out.printf("      done in %s%n", seconds(ms));
        out.flush();
    }

    @Override
    public void note(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void rollbackStarted(String why) {
        out.println("ROLLING BACK: " + why);
        out.flush();
    }

    @Override
    public void undoRan(Command command, CommandOutcome o) {
        out.printf("      %s undo %s  (%s)%n", o.ok() ? "$" : "~", command.display().replace("\n", "\n        "), seconds(o.durationMs()));
        out.flush();
    }

    static String seconds(long ms) {
        return String.format("%.2f s", ms / 1000.0);
    }
}
