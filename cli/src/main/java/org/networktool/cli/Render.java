package org.networktool.cli;

import java.io.PrintWriter;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.planners.Plan;
import org.networktool.planners.PlanError;
import org.networktool.planners.Verdict;

/** Chooses the renderer for a value by output format. */
final class Render {
    private Render() {
    }

    static void layout(HostLayout layout, OutputOption.Format format, PrintWriter out) {
        switch (format) {
            case yaml -> out.print(LayoutCodec.toYaml(layout));
            case json -> out.print(LayoutCodec.toJson(layout));
            default -> out.print(LayoutText.render(layout));
        }
        out.flush();
    }

    /**
     * Prints a plan and returns the exit code: an errored plan is bad input (2), its errors one
     * line each on stderr (and the plan value on stdout for yaml/json).
     */
    static int plan(Plan plan, OutputOption.Format format, PrintWriter out, PrintWriter err, String command) {
        switch (format) {
            case yaml -> out.print(LayoutCodec.toYaml(plan));
            case json -> out.print(LayoutCodec.toJson(plan));
            default -> {
                if (plan.verdict() != Verdict.ERRORED) {
                    out.print(PlanText.render(plan));
                }
            }
        }
        out.flush();
        if (plan.verdict() == Verdict.ERRORED) {
            for (PlanError e : plan.errors()) {
                err.println(command + ": " + e.line());
            }
            err.flush();
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    /** A run that did not end as asked: its one line, what is left on the host, and the exit code that says which. */
    static int failure(String command, org.networktool.executors.Outcome o, PrintWriter err) {
        err.println("network-tool " + command + ": " + o.message());
        o.remaining().forEach(line -> err.println("  left: " + line));
        err.flush();
        return o.kind().exitCode();
    }
}
