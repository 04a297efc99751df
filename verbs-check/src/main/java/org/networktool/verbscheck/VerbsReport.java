package org.networktool.verbscheck;

import java.util.List;

/**
 * What verbs-check found: the ports and the peer round trips. It passes when at least one port is
 * usable (ACTIVE with a RoCE v2 IPv4 GID), the device asked for (if any) has no problem, and every
 * peer answered.
 */
public record VerbsReport(String device, List<PortReport> ports, List<PeerResult> peers) {

    public VerbsReport {
        ports = List.copyOf(ports);
        peers = List.copyOf(peers);
    }

    public boolean ok() {
        boolean usable = ports.stream().anyMatch(p -> p.problems().isEmpty());
        boolean askedOk = device == null || ports.stream().filter(p -> p.device().equals(device)).allMatch(p -> p.problems().isEmpty());
        return usable && askedOk && peers.stream().allMatch(PeerResult::ok);
    }
}
