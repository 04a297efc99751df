package org.networktool.executors;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a gate asks of the world beyond the host's layout. The live host answers with real programs ({@link #live}); a
 * practice host answers from its model ({@link #practice}), and says so where it has nothing to answer with. The gates'
 * checks on the layout are the same for both.
 */
public interface GateProbes {
    /** The tools not on the PATH. */
    List<String> missingTools(List<String> tools);

    /** How {@code peer} answers from {@code source} (null: no storage IP): a figure ("rtt ...") or empty when it does not answer. */
    Optional<String> ping(String peer, String source);

    /** {@code ovs-appctl lacp/show BOND}'s run, or empty where there is no LACP to ask (a practice host). */
    Optional<CommandOutcome> lacpShow(String bond);

    /** ovs-vswitchd's upcall handler threads, or empty when they cannot be counted (no pid file, a practice host). */
    OptionalInt handlerThreads();

    /** The OVSDB file ovsdb-server loads at boot, or empty where there is none (a practice host). */
    Optional<OvsDbOnDisk.Names> databaseOnDisk();

    /** The RC ping-pong prober, or empty with {@link #notProbed()} saying why. */
    Optional<RdmaPinger> pinger();

    /** The L4 path prober, or empty with {@link #notProbed()} saying why. */
    Optional<PathChecker> paths();

    /** Why the peers' probe responders are not asked: "this command was not given --key-file", "a practice host has no peers". */
    String notProbed();

    /** The live host: real programs through {@code runner}; {@code pinger} and {@code paths} null without the cluster key. */
    static GateProbes live(CommandRunner runner, RdmaPinger pinger, PathChecker paths) {
        return new LiveProbes(runner, pinger, paths);
    }

    /** A practice host: every tool present, a peer answers while the host has its storage IP, nothing else is asked. */
    static GateProbes practice() {
        return new PracticeProbes();
    }
}
