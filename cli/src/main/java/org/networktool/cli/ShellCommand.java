package org.networktool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "shell",
        header = "Interactive shell: every command, tab completion, and a migration step by step.", mixinStandardHelpOptions = true,
        description = {
            "An interactive shell for an engineer at the console: every command with the same options, tab completion",
            "of commands, options, interfaces, samples and run ids, and a persistent history. The host options given",
            "here apply to every command typed (unless the command gives its own). Step through a migration:",
            "`plan`, then `next` (one step with its gates), `back` (undo the last step), `status`, `abort` (roll back",
            "all) — journaled exactly like `upgrade`; a run left mid-plan is picked up by `rollback` or the next shell.",
            "Ctrl-C stops the running command (a step stops after its current command and is rolled back), Ctrl-D or",
            "`exit` leaves (asking first if a run is half-applied)."},
        footer = {"%nExamples:",
            "  network-tool shell --simulated-host practice.yaml --state-dir /tmp/nt   practise on a model host",
            "  network-tool shell --peer 10.10.1.12                                    this host, gates probing a peer"})
final class ShellCommand extends BaseCommand {
    @Mixin
    HostOptions host;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    StateOption stateOption;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Where the command history is kept (default: ~/.network-tool_history).")
    Path history;

    @Override
    protected int doCall() throws Exception {
        Path h = history != null ? history : Path.of(System.getProperty("user.home"), ".network-tool_history");
        try (Shell shell = Shell.onSystemTerminal(host, planOptions, stateOption, h)) {
            return shell.run();
        }
    }
}
