package org.networktool.executors;

import org.networktool.planners.Command;

/** Runs a plan's command on the host: argv only, never through a shell. */
public interface CommandRunner {
    CommandOutcome run(Command command);
}
