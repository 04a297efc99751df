package org.networktool.cli;

import picocli.CommandLine.Command;

@Command(name = "probe", header = "The probe responder that peers' verbs checks and gates talk to.", mixinStandardHelpOptions = true,
        description = "Run `network-tool probe serve` on every storage host so the others can prove RDMA paths to it.",
        subcommands = {ProbeServeCommand.class})
final class ProbeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
