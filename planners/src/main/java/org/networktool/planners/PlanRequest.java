package org.networktool.planners;

import java.util.List;
import java.util.Map;
import org.networktool.layout.HostLayout;
import org.networktool.layout.RocePortPath;

/**
 * Everything a plan is computed from. {@code target} null: the one-click target derived from the
 * host. {@code peers} are added to the target's. {@code rdmaProbePort} (when set) adds RC ping-pong
 * gates toward the peers' probe responders; {@code pathGate} the L4 path gate of a balance-tcp bond;
 * {@code persist} whether the configuration files are rewritten; {@code peerPaths} what each peer's
 * probe responder advertised of its RoCE ports (peer address → paths), for the neighbour entries a
 * hardware RoCE host's members need; null when they were not asked (a practice host talks to no peer).
 * {@code peersFoundIn}: where {@code peers} were found when the operator gave none (the neighbour table of the storage
 * interface), said in the plan's notes; null when they were given.
 */
public record PlanRequest(HostLayout host, TargetSpec target, List<String> peers, String datapathType, Integer rdmaProbePort,
        PathGateSpec pathGate, Persist persist, Map<String, List<RocePortPath>> peerPaths, String peersFoundIn) {

    public PlanRequest {
        peers = peers == null ? List.of() : List.copyOf(peers);
        datapathType = datapathType == null ? "system" : datapathType;
        persist = persist == null ? Persist.NOT_ASKED : persist;
        peerPaths = peerPaths == null ? null : Map.copyOf(peerPaths);
    }

    public static PlanRequest of(HostLayout host) {
        return new PlanRequest(host, null, List.of(), "system", null, null, Persist.NOT_ASKED, Map.of(), null);
    }

    public PlanRequest target(TargetSpec t) {
        return new PlanRequest(host, t, peers, datapathType, rdmaProbePort, pathGate, persist, peerPaths, peersFoundIn);
    }

    public PlanRequest peers(List<String> p) {
        return new PlanRequest(host, target, p, datapathType, rdmaProbePort, pathGate, persist, peerPaths, null);
    }

    /** Peers the operator did not give, found in {@code where}. */
    public PlanRequest peersFound(List<String> p, String where) {
        return new PlanRequest(host, target, p, datapathType, rdmaProbePort, pathGate, persist, peerPaths, where);
    }

    public PlanRequest datapath(String d) {
        return new PlanRequest(host, target, peers, d, rdmaProbePort, pathGate, persist, peerPaths, peersFoundIn);
    }

    public PlanRequest rdmaProbePort(Integer port) {
        return new PlanRequest(host, target, peers, datapathType, port, pathGate, persist, peerPaths, peersFoundIn);
    }

    public PlanRequest pathGate(PathGateSpec g) {
        return new PlanRequest(host, target, peers, datapathType, rdmaProbePort, g, persist, peerPaths, peersFoundIn);
    }

    public PlanRequest persist(Persist p) {
        return new PlanRequest(host, target, peers, datapathType, rdmaProbePort, pathGate, p, peerPaths, peersFoundIn);
    }

    public PlanRequest peerPaths(Map<String, List<RocePortPath>> p) {
        return new PlanRequest(host, target, peers, datapathType, rdmaProbePort, pathGate, persist, p, peersFoundIn);
    }
}
