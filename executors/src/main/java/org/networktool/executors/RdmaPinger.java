package org.networktool.executors;

import java.util.List;
import org.networktool.layout.RocePortPath;
import org.networktool.verbscheck.FlowPathResult;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.ProbePeer;
import org.networktool.verbscheck.RocePath;
import org.networktool.verbscheck.VerbsException;

/** RC ping-pongs to peers' probe responders (the real ones are verbs-check's ProbeClient). */
public interface RdmaPinger {
    /** One RC ping-pong from a local path, answered on the peer's GID {@code at} (null: the GID of the peer's probe address). */
    PeerResult ping(RocePath from, ProbePeer peer, String at);

    /** The RoCE ports the peer's responder advertises. */
    List<RocePortPath> paths(ProbePeer peer) throws VerbsException;

    /**
     * A flow-label probe, labels 1..{@code labels}, from a local path to one advertised port of the peer (never throws: a
     * failure comes back named).
     */
    FlowPathResult flows(RocePath from, ProbePeer peer, RocePortPath at, int labels);
}
