package org.networktool.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "network-tool",
        header = "Move an RDMA storage network from a one-NIC Linux bond to an Open vSwitch bond across NICs, with a way back.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Moves an RDMA (RoCE v2) storage network from a Linux bond on one NIC to an Open vSwitch bond",
            "across two or more NICs, proving the network before and after every step, with a way back."},
        footerHeading = "%nExit codes:%n",
        footer = ExitCodes.HELP_SECTION)
public final class NetworkToolCommand implements Runnable {
    /** The commands, in the order --help lists them (added by {@link CommandLineFactory}, which may build only one). */
    static final List<Class<?>> SUBCOMMANDS = List.of(InspectCommand.class, PlanCommand.class, UpgradeCommand.class,
            RollbackCommand.class, ConfirmCommand.class, JournalCommand.class, VerbsCheckCommand.class, ProbeCommand.class,
            PathProbeCommand.class, WatchCommand.class, ShellCommand.class, WatchdogCommand.class,
            picocli.AutoComplete.GenerateCompletion.class, picocli.CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "On an error, print the stack trace too.")
    boolean debug;

    @Option(names = "--timings", scope = ScopeType.INHERIT,
            description = "At the end, print on stderr where the time went: JVM start, command line, reading the host and each of its commands, planning, the proof on the model host, each step's commands and gates.")
    boolean timings;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
