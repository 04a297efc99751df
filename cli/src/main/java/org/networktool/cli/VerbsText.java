package org.networktool.cli;

import java.util.stream.Collectors;
import org.networktool.verbscheck.MemberPeerResult;
import org.networktool.verbscheck.PeerResult;
import org.networktool.verbscheck.PortReport;
import org.networktool.verbscheck.VerbsReport;

/** verbs-check's report for a terminal. */
final class VerbsText {
    private VerbsText() {
    }

    static String render(VerbsReport r) {
        StringBuilder b = new StringBuilder("RDMA ports\n");
        Table ports = new Table("DEVICE", "PORT", "STATE", "PHYS STATE", "MTU", "LINK", "ROCE V2 GIDS", "PROBLEMS");
        for (PortReport p : r.ports()) {
            ports.row(p.device(), String.valueOf(p.port()), p.attributes().state(), p.attributes().physicalState(),
                    String.valueOf(p.attributes().activeMtu()), p.attributes().linkLayer(),
                    p.roceV2Gids().isEmpty() ? "-" : p.roceV2Gids().stream().map(g -> "[" + g.index() + "] " + g.ip()
                            + (g.netdev() == null ? "" : " on " + g.netdev())).collect(Collectors.joining(", ")),
                    p.problems().isEmpty() ? "-" : String.join("; ", p.problems()));
        }
        ports.appendTo(b, "  ");
        if (!r.peers().isEmpty()) {
            b.append("\nRC ping-pong\n");
            Table peers = new Table("PEER", "FROM", "RESULT");
            for (PeerResult p : r.peers()) {
                peers.row(p.peer(), p.path().device() + "/" + p.path().port() + " " + p.path().ip(),
                        p.ok() ? "ok: " + p.message() : p.failure().label() + ": " + p.message());
            }
            peers.appendTo(b, "  ");
        }
        if (!r.members().isEmpty()) {
            b.append("\nRC ping-pong from each member's own path\n");
            Table members = new Table("MEMBER", "MAC", "FROM", "TO", "RESULT");
            for (MemberPeerResult m : r.members()) {
                PeerResult p = m.result();
                members.row(m.member(), m.mac() == null ? "-" : m.mac(), p.path().device() + "/" + p.path().port() + " [" + p.path().gidIndex() + "] "
                        + p.path().ip(), m.peerPort(), p.ok() ? "ok: " + p.message() : p.failure().label() + ": " + p.message());
            }
            members.appendTo(b, "  ");
        }
        long checks = r.peers().size() + r.members().size();
        long failed = r.peers().stream().filter(p -> !p.ok()).count() + r.members().stream().filter(m -> !m.result().ok()).count();
        b.append('\n').append(r.ok() ? "verbs-check passed" : "verbs-check FAILED")
                .append(checks == 0 ? "" : ": " + (checks - failed) + " of " + checks + " peer checks answered")
                .append('\n');
        return b.toString();
    }
}
