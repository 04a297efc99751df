package org.networktool.cli;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.networktool.layout.HostLayout;
import org.networktool.layout.Netdev;
import org.networktool.rollback.StateDir;

/**
 * Tab-completion candidates that depend on the host the shell works on: its interfaces (ports,
 * bonds, bridges) and its run ids. Set by the shell when it starts; empty elsewhere, so that a
 * generated bash completion script never bakes in the interfaces of the machine that made it.
 */
final class Candidates {
    private static volatile HostLayout layout;
    private static volatile StateDir state;

    private Candidates() {
    }

    static void forShell(HostLayout hostLayout, StateDir stateDir) {
        layout = hostLayout;
        state = stateDir;
    }

    static final class Interfaces implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            HostLayout l = layout;
            List<String> names = l == null ? List.of() : l.netdevs().stream().map(Netdev::name).sorted().toList();
            return names.iterator();
        }
    }

    static final class RunIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            StateDir s = state;
            return s == null ? Collections.emptyIterator() : s.runIds().iterator();
        }
    }
}
