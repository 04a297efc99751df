package org.networktool.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.StorageSelector;
import org.networktool.layout.discovery.CapturedCommands;
import org.networktool.layout.discovery.HostInspector;
import org.networktool.layout.discovery.HostRoot;
import org.networktool.planners.Gate;
import org.networktool.verbscheck.PathReport;
import org.networktool.verbscheck.TupleResult;
import org.networktool.verbscheck.TupleVerdict;

/** The path gate on the captured migrated host (active-backup, ens1f0 active), the probes' outcomes made up. */
class PathGateTest {
    private static final Path ROOT = Path.of("..", "samples", "migrated-ovs").toAbsolutePath();
    private static final HostLayout HOST = new HostInspector(new HostRoot(ROOT), new CapturedCommands(ROOT), "migrated-ovs").inspect(StorageSelector.AUTO);
    private static final Gate GATE = new Gate.PathSymmetry("paths", "bond-storage", List.of("10.10.1.12"), 4791, 4, 8);
    private final List<String> asked = new ArrayList<>();

    private GateResult check(PathChecker paths) {
        return new HostGates(() -> HOST, GateProbes.live(c -> { throw new AssertionError("no command expected: " + c); }, null, paths), 0).check(GATE);
    }

    private PathReport report(String peer, List<String> members, int symmetricOnActive) {
        List<TupleResult> t = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            t.add(new TupleResult(49152 + i, "ens1f0", i < symmetricOnActive ? "ens1f0" : "ens2f0",
                    i < symmetricOnActive ? TupleVerdict.SYMMETRIC : TupleVerdict.ASYMMETRIC, 100.0));
        }
        return PathReport.of(peer, 4791, "10.10.1.11", members, t, 0, 5);
    }

    @Test
    void onlyMembersCarryingTrafficNeedSymmetricTuples() {
        GateResult r = check((peer, port, members, tuples) -> {
            asked.add(peer + ":" + port + " " + members + " x" + tuples);
            return report(peer, members, 5);
        });
        assertTrue(r.passed(), r.message());
        assertEquals(List.of("10.10.1.12:4791 [ens1f0, ens2f0] x8"), asked, "every member is watched");
        assertEquals("5 symmetric of 8 sent, 3 asymmetric, 0 lost", r.figures().get("10.10.1.12 via ens1f0"));
        assertEquals("0 symmetric of 0 sent, 0 asymmetric, 0 lost", r.figures().get("10.10.1.12 via ens2f0"), "the backup member sends nothing");
    }

    @Test
    void tooFewSymmetricTuplesOnTheActiveMemberFailTheGate() {
        GateResult r = check((peer, port, members, tuples) -> report(peer, members, 2));
        assertFalse(r.passed());
        assertEquals("10.10.1.12 via ens1f0: 2 symmetric of 8 sent (need 4)", r.message());
    }

    @Test
    void aProbeThatCannotRunFailsTheGateWithItsReason() {
        GateResult r = check((peer, port, members, tuples) -> {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot open a packet socket on ens1f0");
        });
        assertFalse(r.passed());
        assertEquals("10.10.1.12: cannot open a packet socket on ens1f0", r.message());
        assertTrue(check(null).message().contains("not checked"), "without the key the gate says so");
    }
}
