package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvsHandlerThreadsTest {
    @TempDir
    Path tmp;

    private Path task(String pid, String tid, String comm) throws Exception {
        Path t = Files.createDirectories(tmp.resolve("proc").resolve(pid).resolve("task").resolve(tid));
        return Files.writeString(t.resolve("comm"), comm + "\n");
    }

    @Test
    void countsTheHandlerThreadsOfTheDaemonInItsPidFile() throws Exception {
        Path pid = Files.writeString(tmp.resolve("ovs-vswitchd.pid"), "4242\n");
        task("4242", "4242", "ovs-vswitchd");
        task("4242", "4250", "urcu3");
        task("4242", "4251", "revalidator2");
        assertEquals(OptionalInt.of(0), OvsHandlerThreads.count(tmp.resolve("proc"), pid), "none: the daemon forwards nothing new");
        task("4242", "4252", "handler1");
        task("4242", "4253", "handler3");
        assertEquals(OptionalInt.of(2), OvsHandlerThreads.count(tmp.resolve("proc"), pid));
        assertEquals(OptionalInt.empty(), OvsHandlerThreads.count(tmp.resolve("proc"), tmp.resolve("missing.pid")));
        Files.writeString(pid, "../../etc\n");
        assertEquals(OptionalInt.empty(), OvsHandlerThreads.count(tmp.resolve("proc"), pid), "a pid file that is not a pid");
    }

    /** This machine's own processes: a thread list is read the same way (the count of a process without handlers is 0). */
    @Test
    void readsALiveProcessTaskList() throws Exception {
        Path pid = Files.writeString(tmp.resolve("self.pid"), ProcessHandle.current().pid() + "\n");
        assertEquals(OptionalInt.of(0), OvsHandlerThreads.count(Path.of("/proc"), pid));
    }
}
