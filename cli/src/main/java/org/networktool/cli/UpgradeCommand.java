package org.networktool.cli;

import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {
            "The one-click migration: inspect, derive the target, plan, confirm, execute with gates.",
            "With --dry-run, print the plan exactly as `plan` does and change nothing."})
final class UpgradeCommand extends BaseCommand {
    @Mixin
    HostOptions host;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    OutputOption output;

    @Option(names = "--dry-run", description = "Print the plan; touch nothing.")
    boolean dryRun;

    @Override
    protected int doCall() {
        if (!dryRun) {
            // Execution (journal, gates, confirm window) is not in this build; refusing is safer than half of it.
            throw NetworkToolException.invalidInput("executing the migration is not available in this build: "
                    + "use `upgrade --dry-run` (or `plan`) to review the plan");
        }
        Plan plan = planOptions.plan(host.inspect());
        return Render.plan(plan, output.format(), out(), err(), spec.qualifiedName());
    }
}
