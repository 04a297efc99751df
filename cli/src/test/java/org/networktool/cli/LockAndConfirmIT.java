package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutDiff;
import org.networktool.rollback.JournalReader;
import org.networktool.rollback.RunState;
import org.networktool.rollback.StateDir;

class LockAndConfirmIT {
    @TempDir
    Path tmp;

    @Test
    void aLiveRunHoldsTheLockAndADeadOneIsTakenOver() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        String state = tmp.resolve("state").toString();
        Process p = Child.start(tmp, Map.of("NETWORK_TOOL_PAUSE", "before:4", "NETWORK_TOOL_PAUSE_FILE", tmp.resolve("host.yaml.paused").toString()), "upgrade", "--simulated-host", host.toString(),
                "--state-dir", state, "--yes", "--confirm-timeout", "0");
        long pid = Long.parseLong(Child.await(tmp.resolve("host.yaml.paused"), 60).split(" ")[0]);

        Run blocked = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", state);
        assertEquals(5, blocked.exitCode(), blocked.err());
        assertTrue(blocked.err().contains("pid " + pid) && blocked.err().contains("network-tool upgrade"), blocked.err());
        Run second = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", state, "--yes");
        assertEquals(5, second.exitCode(), second.err());

        Child.kill9(pid);
        p.waitFor(30, TimeUnit.SECONDS);
        Run refused = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", state, "--yes");
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("took over the lock of a run that died (pid " + pid), refused.err());
        assertTrue(refused.err().contains("network-tool rollback"), "crash residue blocks a new upgrade: " + refused.err());

        Run rollback = Run.of("rollback", "--simulated-host", host.toString(), "--state-dir", state);
        assertEquals(0, rollback.exitCode(), rollback.err());
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)));
    }

    /** The upgrade process is killed during the window: the detached watchdog still reverts. */
    @Test
    void unconfirmedRunIsRevertedEvenIfUpgradeIsKilled() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        StateDir state = new StateDir(tmp.resolve("state"));
        Process p = Child.start(tmp, Map.of(), "upgrade", "--simulated-host", host.toString(), "--state-dir", state.dir().toString(),
                "--yes", "--confirm-timeout", "3");
        String run = Child.awaitState(state, RunState.AWAITING_CONFIRM, 60);
        assertEquals("storage", Child.readHost(host).storage().interfaceName(), "migrated while the window is open");
        Child.kill9(p.pid());
        p.waitFor(30, TimeUnit.SECONDS);
        Child.awaitState(state, RunState.ROLLED_BACK, 30);
        assertEquals(List.of(), LayoutDiff.between(original, Child.readHost(host)));
        Child.awaitFileContains(state.runs().resolve(run + ".watchdog.log"), "host restored", 10);
    }

    @Test
    void confirmedRunStays() throws Exception {
        HostLayout original = Child.practiceHost("ab-hwroce");
        Path host = Child.writeHost(tmp, "host.yaml", original);
        StateDir state = new StateDir(tmp.resolve("state"));
        Process p = Child.start(tmp, Map.of(), "upgrade", "--simulated-host", host.toString(), "--state-dir", state.dir().toString(),
                "--yes", "--confirm-timeout", "4");
        String run = Child.awaitState(state, RunState.AWAITING_CONFIRM, 60);
        Run confirm = Run.of("confirm", "--state-dir", state.dir().toString());
        assertEquals(0, confirm.exitCode(), confirm.err());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Thread.sleep(5000); // past the deadline: the watchdog must find the run confirmed
        assertEquals(RunState.CONFIRMED, RunState.of(JournalReader.read(state.journal(run))));
        assertEquals("storage", Child.readHost(host).storage().interfaceName());
        Child.awaitFileContains(state.runs().resolve(run + ".watchdog.log"), "nothing to revert", 10);
        Run late = Run.of("confirm", run, "--state-dir", state.dir().toString());
        assertEquals(2, late.exitCode(), late.err());
    }

}
