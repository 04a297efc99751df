package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Command output captured by {@code lab/capture-host}: {@code <root>/commands/<query file>}, or
 * {@code <query file>.err} holding why the command gave nothing on that host. Read through a {@link HostRoot}, so a
 * capture's command files stay inside it like its sysfs.
 */
public final class CapturedCommands implements CommandSource {
    private final HostRoot root;

    public CapturedCommands(Path root) {
        this.root = new HostRoot(root);
    }

    @Override
    public CommandResult run(HostQuery query) {
        String file = "commands/" + query.file();
        HostRoot.HostFile failure = fetch(file + ".err");
        if (failure instanceof HostRoot.HostFile.Content c) {
            // The capture recorded why the command gave nothing (e.g. "ovs-vsctl not available").
            return CommandResult.failed(c.text().map(String::strip).orElse("(not UTF-8 text)"));
        }
        HostRoot.HostFile output = fetch(file);
        if (output instanceof HostRoot.HostFile.Content c) {
            return c.text().map(CommandResult::ok).orElseGet(() -> CommandResult.failed(query.file() + ": not UTF-8 text, not read"));
        }
        if (output instanceof HostRoot.HostFile.Refused r) {
            return CommandResult.failed(query.file() + ": " + r.reason());
        }
        if (failure instanceof HostRoot.HostFile.Refused r) {
            return CommandResult.failed(query.file() + ".err: " + r.reason());
        }
        return CommandResult.failed("not captured (" + query.file() + ")");
    }

    private HostRoot.HostFile fetch(String file) {
        try {
            return root.file(file);
        } catch (IOException e) {
            return new HostRoot.HostFile.Refused("cannot read: " + e.getMessage());
        }
    }
}
