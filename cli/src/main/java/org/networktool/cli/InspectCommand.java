package org.networktool.cli;

import org.networktool.layout.HostLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "inspect",
        header = "Read a host's network layout and the single-NIC risk of its storage network.", mixinStandardHelpOptions = true,
        description = {
            "Read a host's network layout: NICs and their ports, Linux bonds, addresses and routes, Open vSwitch,",
            "RDMA devices and GIDs; name the storage network and its single-NIC risk. Changes nothing."},
        footer = {"%nExamples:",
            "  network-tool inspect                      this host",
            "  network-tool inspect --sample ab-hwroce   a captured host shipped with the tool",
            "  network-tool inspect --root DIR -o yaml   a host captured by lab/capture-host, as YAML"})
final class InspectCommand extends BaseCommand {
    @Mixin
    HostOptions host;

    @Mixin
    OutputOption output;

    @Override
    protected int doCall() {
        HostLayout layout = host.inspect();
        Render.layout(layout, output.format(), out());
        return ExitCodes.OK;
    }
}
