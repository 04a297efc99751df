package org.networktool.executors;

import java.util.List;
import org.networktool.verbscheck.PathReport;

/** One path probe to a peer's responder, watching the given members (the real one is verbs-check's PathProber). */
@FunctionalInterface
public interface PathChecker {
    PathReport probe(String peer, int port, List<String> members, int tuples);
}
