package org.networktool.cli;

import org.networktool.planners.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan",
        header = "Show the migration plan without touching the host.", mixinStandardHelpOptions = true,
        description = {
            "Show the migration plan without touching the host: the target and why, the layout changes (+ - ~),",
            "then every step with its exact commands, their inverses, the gates before and after, and whether",
            "the storage IP is interrupted. Same output as `upgrade --dry-run`."},
        footer = {"%nExamples:",
            "  network-tool plan --sample ab-hwroce                 the one-click plan for a captured host",
            "  network-tool plan --target my-target.yaml --peer 10.10.1.12",
            "  network-tool plan -o json                            for machines"})
final class PlanCommand extends BaseCommand {
    @Mixin
    HostOptions host;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    OutputOption output;

    @Override
    protected int doCall() {
        Plan plan = planOptions.plan(host.inspect(), host);
        return Render.plan(plan, output.format(), out(), err(), spec.qualifiedName());
    }
}
