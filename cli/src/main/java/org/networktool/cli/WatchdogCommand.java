package org.networktool.cli;

import java.time.Instant;
import org.networktool.executors.Outcome;
import org.networktool.executors.RunEnds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Started by `upgrade` in its own session; reverts the run at the deadline unless it was confirmed. */
@Command(name = "watchdog", hidden = true, description = "Internal: the confirm window's revert timer.")
final class WatchdogCommand extends BaseCommand {
    @Option(names = "--run", required = true)
    String run;

    @Mixin
    HostOptions host;

    @Mixin
    StateOption stateOption;

    @Override
    protected int doCall() throws InterruptedException {
        Outcome o = RunEnds.revertAtDeadline(stateOption.state(), run, () -> HostSession.of(host, "watchdog"));
        out().println(Instant.now() + " " + o.message() + (o.remaining().isEmpty() ? "" : " " + o.remaining()));
        return o.kind().exitCode();
    }
}
