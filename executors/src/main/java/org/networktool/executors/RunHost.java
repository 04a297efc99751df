package org.networktool.executors;

/** The parts that act on one host, live or simulated: read it, run commands on it, check gates on it. */
public record RunHost(HostReader reader, CommandRunner runner, GateChecker gates) {

    public Restorer restorer(ProgressListener progress) {
        return new Restorer(runner, reader, gates, progress);
    }

    public Executor executor(ProgressListener progress) {
        return new Executor(runner, gates, restorer(progress), progress);
    }
}
