package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command output captured by {@code lab/capture-host}: {@code <root>/commands/<query file>}, or
 * {@code <query file>.err} holding why the command gave nothing on that host.
 */
public final class CapturedCommands implements CommandSource {
    private final Path dir;

    public CapturedCommands(Path root) {
        this.dir = root.resolve("commands");
    }

    @Override
    public CommandResult run(HostQuery query) {
        Path file = dir.resolve(query.file());
        Path failure = dir.resolve(query.file() + ".err");
        if (Files.isRegularFile(failure)) {
            // The capture recorded why the command gave nothing (e.g. "ovs-vsctl not available").
            try {
                return CommandResult.failed(Files.readString(failure, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                return CommandResult.failed("cannot read " + failure.getFileName() + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(file)) {
            return CommandResult.failed("not captured (" + query.file() + ")");
        }
        try {
            return CommandResult.ok(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return CommandResult.failed("cannot read " + query.file() + ": " + e.getMessage());
        }
    }
}
