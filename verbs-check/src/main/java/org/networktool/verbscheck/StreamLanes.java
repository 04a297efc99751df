package org.networktool.verbscheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.networktool.layout.RoceGids;
import org.networktool.layout.RocePortPath;

/** Which lanes a stream runs over, and where a lane's end is when it is rebuilt. */
public final class StreamLanes {
    private StreamLanes() {
    }

    /**
     * The lanes to {@code peer}: from each member's own path ({@code members}, in preference order) to one of the
     * link-local RoCE ports the peer advertises (spread over them), or, on a host without members' own paths (Soft-RoCE),
     * from each of {@code storage} to the peer's storage address.
     */
    public static List<StreamClient.LanePath> of(ProbeClient client, Map<String, RocePath> members, List<RocePath> storage, ProbePeer peer, int flowLabel,
            boolean everyPort) throws VerbsException {
        List<StreamClient.LanePath> out = new ArrayList<>();
        if (members.isEmpty()) {
            storage.forEach(p -> out.add(new StreamClient.LanePath(p.device() + "/" + p.port() + " " + p.ip() + " > " + peer.host(), p, null, 0)));
        }
        if (!members.isEmpty() || everyPort) {
            List<RocePortPath> theirs = VerbsCheck.linkLocalPorts(client, peer);
            Map<String, RocePath> own = new LinkedHashMap<>(members);
            if (everyPort) {
                // Every port's link-local path, not only the members': through a migration they become usable one by one.
                Set<String> ports = new HashSet<>();
                own.values().forEach(p -> ports.add(p.device() + "/" + p.port()));
                for (RocePortPath p : PortPaths.local(client.verbs(), Path.of("/"))) {
                    if (p.isLinkLocal() && ports.add(p.device() + "/" + p.port())) {
                        own.put(p.netdev() == null ? p.device() + "/" + p.port() : p.netdev(), usable(client.verbs(), p));
                    }
                }
            }
            int k = 0;
            for (Map.Entry<String, RocePath> m : own.entrySet()) {
                RocePortPath at = theirs.get(k++ % theirs.size());
                out.add(new StreamClient.LanePath(m.getKey() + " > " + peer.host() + " " + at.device() + "/" + at.port(), m.getValue(), at.gid(), flowLabel));
            }
        }
        if (out.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_GID, "no usable RDMA path to " + peer + " on this host (see verbs-check without --soak)");
        }
        return out.subList(0, Math.min(out.size(), StreamSettings.MAX_LANES));
    }

    /** A port's path; one whose port is down now is a lane all the same (1024-byte MTU until its rebuild finds the port's). */
    private static RocePath usable(Verbs verbs, RocePortPath p) {
        try {
            return RocePath.of(verbs, p);
        } catch (VerbsException e) {
            return new RocePath(p.device(), p.port(), p.gidIndex(), RoceGids.ipOf(p.gid()), 3);
        }
    }

    /**
     * Where a lane's end is now: a GID index can hold another GID after a migration step (a member's MAC changed, the storage
     * IP moved away), so a rebuild looks again: the storage IP's GID on the device, or the port's link-local default GID.
     */
    static RocePath current(Verbs verbs, RocePath was) throws VerbsException {
        if (was.ip() != null && was.ip().contains(".")) {
            return RocePath.find(verbs, was.device(), was.ip(), Path.of("/"));
        }
        for (RocePortPath p : PortPaths.local(verbs, Path.of("/"))) {
            if (p.device().equals(was.device()) && p.port() == was.port() && p.isLinkLocal()) {
                return RocePath.of(verbs, p);
            }
        }
        throw new VerbsException(VerbsFailure.NO_GID, was.device() + " port " + was.port() + " has no link-local RoCE v2 GID now");
    }
}
