package org.networktool.executors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.networktool.planners.Command;

/**
 * Runs commands on this host with commons-exec: argv handed to the OS as is (no shell), a timeout
 * per command, stdout and stderr captured together. A {@link HostAccess} places ovs-vsctl and
 * ovs-appctl on a given Open vSwitch instance and everything in a lab namespace. Configuration
 * file writes are not processes: {@link ConfigFiles} puts them in place.
 */
public final class ExecRunner implements CommandRunner {
    private static final int MAX_OUTPUT = 8192;
    private final HostAccess access;
    private final Duration timeout;

    public ExecRunner(HostAccess access, Duration timeout) {
        this.access = access;
        this.timeout = timeout;
    }

    @Override
    public CommandOutcome run(Command command) {
        if (command.file() != null) {
            return new ConfigFiles(access.configRoot()).apply(command.file());
        }
        List<String> argv = access.argv(command.argv());
        if (command.background()) {
            return background(argv);
        }
        CommandLine cl = new CommandLine(argv.get(0));
        for (String a : argv.subList(1, argv.size())) {
            cl.addArgument(a, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor ex = DefaultExecutor.builder().get();
        ex.setWatchdog(ExecuteWatchdog.builder().setTimeout(timeout).get());
        ex.setExitValues(null);
        ex.setStreamHandler(new PumpStreamHandler(out, out, new ByteArrayInputStream(
                (command.stdin() == null ? "" : command.stdin()).getBytes(StandardCharsets.UTF_8))));
        long t0 = System.nanoTime();
        int exit;
        String note = "";
        try {
            exit = ex.execute(cl);
            if (ex.getWatchdog().killedProcess()) {
                exit = -1;
                note = "\n(killed after " + timeout.toSeconds() + " s)";
            }
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            exit = -1;
            note = argv.get(0) + ": cannot run: " + e.getMessage();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text = out.toString(StandardCharsets.UTF_8) + note;
        return new CommandOutcome(exit, text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "…" : text, ms);
    }

    /** Started with no input and its output discarded, never waited for (the JDK reaps it when it ends). */
    private static CommandOutcome background(List<String> argv) {
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            return new CommandOutcome(0, "started in the background (pid " + p.pid() + ")", (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new CommandOutcome(-1, argv.get(0) + ": cannot run: " + e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
