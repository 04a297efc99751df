package org.networktool.verbscheck;

import java.util.List;

/**
 * What verbs-check found: the ports, the peer round trips from the storage IP's GIDs, and on a
 * hardware RoCE host migrated to Open vSwitch the round trips from each member's own path to each
 * peer port. It passes when at least one port is usable, the device asked for (if any) has no
 * problem, and every peer answered every path.
 */
public record VerbsReport(String device, List<PortReport> ports, List<PeerResult> peers, List<MemberPeerResult> members) {

    public VerbsReport {
        ports = List.copyOf(ports);
        peers = List.copyOf(peers);
        members = List.copyOf(members);
    }

    public VerbsReport(String device, List<PortReport> ports, List<PeerResult> peers) {
        this(device, ports, peers, List.of());
    }

    public boolean ok() {
        boolean usable = ports.stream().anyMatch(p -> p.problems().isEmpty());
        boolean askedOk = device == null || ports.stream().filter(p -> p.device().equals(device)).allMatch(p -> p.problems().isEmpty());
        return usable && askedOk && peers.stream().allMatch(PeerResult::ok) && members.stream().allMatch(m -> m.result().ok());
    }
}
