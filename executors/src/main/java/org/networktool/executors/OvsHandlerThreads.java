package org.networktool.executors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * ovs-vswitchd's upcall handler threads, named "handlerN" under /proc/PID/task. The kernel datapath hands every packet
 * without a flow to them; with none (Open vSwitch 3.1 started early in boot was seen so), nothing new is forwarded.
 * {@code ovs-appctl upcall/show} lists revalidators, not handlers, so the threads are counted where the kernel keeps them.
 */
final class OvsHandlerThreads {
    private OvsHandlerThreads() {
    }

    /** The pid file ovs-vswitchd writes with --pidfile: under OVS_RUNDIR, as ovs-appctl looks for it. */
    static Path pidFile() {
        String run = System.getenv("OVS_RUNDIR");
        return Path.of(run == null || run.isBlank() ? "/var/run/openvswitch" : run, "ovs-vswitchd.pid");
    }

    /** How many handler threads the daemon has; empty when its pid or tasks cannot be read. */
    static OptionalInt count(Path proc, Path pidFile) {
        String pid;
        try {
            pid = Files.readString(pidFile).strip();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        if (!pid.matches("\\d{1,9}")) {
            return OptionalInt.empty();
        }
        int handlers = 0;
        try (Stream<Path> tasks = Files.list(proc.resolve(pid).resolve("task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith("handler")) {
                        handlers++;
                    }
                } catch (IOException e) {
                    // a thread that ended while we looked
                }
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(handlers);
    }
}
