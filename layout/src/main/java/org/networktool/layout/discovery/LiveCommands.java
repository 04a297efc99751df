package org.networktool.layout.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.networktool.layout.Background;

/**
 * Runs the read-only discovery queries on this host, argv only. An optional prefix (for example
 * {@code ip netns exec NS}) places them in a lab namespace. A missing tool or a non-zero exit is a
 * result, not an exception: discovery turns it into a warning.
 */
public final class LiveCommands implements CommandSource {
    private static final long TIMEOUT_SECONDS = 15;
    private final List<String> prefix;

    public LiveCommands(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public LiveCommands() {
        this(List.of());
    }

    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public CommandResult run(HostQuery query) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(query.argv());
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
        } catch (IOException e) {
            return CommandResult.failed(query.argv().get(0) + " not available");
        }
        try {
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return CommandResult.failed("timed out after " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String reason = err.join().strip();
                return CommandResult.failed("exit " + process.exitValue() + (reason.isEmpty() ? "" : ": " + firstLine(reason)));
            }
            return CommandResult.ok(out.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return CommandResult.failed("interrupted");
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /**
     * A thread per stream ({@link Background}): a process filling its stderr pipe while its stdout is drained first, or
     * queries run side by side, would otherwise wait on each other until the timeout.
     */
    private static CompletableFuture<String> drain(InputStream in) {
        return Background.start("drain", () -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
