package org.networktool.executors;

import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;

/** One RC ping-pong from a local path to a peer's probe responder (the real one is verbs-check's ProbeClient). */
@FunctionalInterface
public interface RdmaPinger {
    PeerResult ping(RocePath from, ProbePeer peer);
}
