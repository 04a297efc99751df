package org.networktool.executors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.networktool.planners.Command;

/**
 * Crash testing: with {@code NETWORK_TOOL_PAUSE=before:N} (or {@code after:N}) and
 * {@code NETWORK_TOOL_PAUSE_FILE=PATH}, the N-th command of this process stops there and writes
 * its PID to PATH, so a test can kill the process with SIGKILL at that exact point. With
 * {@code NETWORK_TOOL_PAUSE_RESUME=PATH2} too, it goes on once PATH2 exists: a test changes the host there, as someone
 * else would between two steps. {@code NETWORK_TOOL_PAUSE=throw:before:N} (or {@code throw:after:N}) throws instead, as a
 * runner that fails in an unforeseen way would, so a test sees the run end restored. Without those variables the runner
 * is used as is.
 */
public final class PausePoints implements CommandRunner {
    private final CommandRunner inner;
    private final String point;
    private final Path marker;
    private final Path resume;
    private int count;

    private PausePoints(CommandRunner inner, String point, Path marker, Path resume) {
        this.inner = inner;
        this.point = point;
        this.marker = marker;
        this.resume = resume;
    }

    public static CommandRunner around(CommandRunner runner) {
        String point = System.getenv("NETWORK_TOOL_PAUSE");
        String file = System.getenv("NETWORK_TOOL_PAUSE_FILE");
        String resume = System.getenv("NETWORK_TOOL_PAUSE_RESUME");
        if (point != null && point.startsWith("throw:")) {
            return new PausePoints(runner, point, null, null);
        }
        return point == null || file == null ? runner : new PausePoints(runner, point, Path.of(file), resume == null ? null : Path.of(resume));
    }

    @Override
    public CommandOutcome run(Command command) {
        count++;
        pauseIf("before:" + count);
        CommandOutcome o = inner.run(command);
        pauseIf("after:" + count);
        return o;
    }

    private void pauseIf(String here) {
        if (point.equals("throw:" + here)) {
            throw new IllegalStateException("injected fault at " + here);
        }
        if (!here.equals(point)) {
            return;
        }
        try {
            Files.writeString(marker, ProcessHandle.current().pid() + " " + here + "\n");
            if (resume == null) {
                Thread.sleep(Long.MAX_VALUE);
            }
            while (!Files.exists(resume)) {
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
