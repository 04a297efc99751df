package org.networktool.cli;

import java.util.List;
import org.networktool.layout.Change;
import org.networktool.planners.Command;
import org.networktool.planners.Gate;
import org.networktool.planners.MemberRdmaPath;
import org.networktool.planners.Plan;
import org.networktool.planners.Step;
import org.networktool.planners.TargetSpec;
import org.networktool.planners.Verdict;
import org.networktool.planners.persist.FileChange;

/** A plan for humans: the target and why, the layout changes (+ - ~), then the numbered steps. */
final class PlanText {
    private PlanText() {
    }

    static String render(Plan p) {
        StringBuilder b = new StringBuilder();
        TargetSpec t = p.target();
        b.append("Plan for ").append(p.hostname()).append(": ").append(t.storageInterface()).append(" → ")
                .append(t.bridge()).append('/').append(t.internalPort()).append(" on bond ").append(t.bond().name())
                .append(" (").append(t.bond().mode()).append(" over ").append(String.join(", ", t.bond().members())).append(")\n");
        if (p.verdict() == Verdict.EMPTY) {
            p.notes().forEach(n -> b.append('\n').append(n).append('\n'));
            return b.toString();
        }
        if (!t.reasons().isEmpty()) {
            b.append("\nTarget (derived from the host)\n");
            t.reasons().forEach(r -> b.append("  · ").append(r).append('\n'));
        }
        b.append("\nChanges\n");
        for (Change c : p.changes()) {
            if (shown(c)) {
                b.append("  ").append(c.line()).append('\n');
            }
        }
        if (!p.rdmaPaths().isEmpty()) {
            b.append("\nRDMA after the migration (one queue pair per member: the storage layer prefers the active member's)\n");
            Table table = new Table("member", "NIC", "RDMA device", "GID index", "RoCE v2 GID", "MAC");
            for (MemberRdmaPath r : p.rdmaPaths()) {
                table.row(r.member(), String.valueOf(r.nic()), r.device() + "/" + r.port(), String.valueOf(r.gidIndex()), r.gid(), r.mac());
            }
            table.appendTo(b, "  ");
        }
        if (!p.files().isEmpty()) {
            b.append("\nConfiguration files (written in the last step, so a reboot keeps the migration; rollback restores them)\n");
            for (FileChange f : p.files()) {
                b.append("  ").append(f.before() == null ? "+" : f.after() == null ? "-" : "~").append(' ').append(f.path())
                        .append(" (").append(f.change()).append(")\n");
                f.diff().lines().forEach(line -> b.append("      ").append(line).append('\n'));
            }
        }
        long interrupting = p.steps().stream().filter(Step::interruptsStorage).count();
        b.append("\nSteps: ").append(p.steps().size()).append(interrupting == 0 ? " — the storage IP is never interrupted"
                : " — the storage IP is interrupted only in " + interruptingSteps(p)).append('\n');
        int i = 1;
        for (Step s : p.steps()) {
            b.append('\n').append(String.format("%2d. %s — %s%n", i++, s.id(), s.title()));
            gates(b, "before", s.preGates());
            commands(b, "run", s.forward());
            commands(b, "undo", s.inverse());
            gates(b, "after", s.postGates());
            b.append("    ").append(label("impact")).append(s.impact()).append('\n');
        }
        if (!p.notes().isEmpty()) {
            b.append("\nNotes\n");
            p.notes().forEach(n -> b.append("  ! ").append(n).append('\n'));
        }
        return b.toString();
    }

    /** Masters and MACs of member ports follow from the bond changes above them; they would only repeat them. */
    private static boolean shown(Change c) {
        return !(c.subject().startsWith("netdev ") && (c.subject().endsWith(" master") || c.subject().endsWith(" mac")))
                && !(c.action() == Change.Action.ADD && c.subject().startsWith("netdev "));
    }

    private static final int LABEL = 6;

    private static String label(String text) {
        return String.format("%-" + (LABEL + 1) + "s", text);
    }

    private static String interruptingSteps(Plan p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.steps().size(); i++) {
            if (p.steps().get(i).interruptsStorage()) {
                b.append(b.length() == 0 ? "" : ", ").append("step ").append(i + 1).append(" (").append(p.steps().get(i).id()).append(')');
            }
        }
        return b.toString();
    }

    private static void commands(StringBuilder b, String label, List<Command> commands) {
        if (commands.isEmpty()) {
            return;
        }
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            String text = c.display().replace("\n", "\n" + " ".repeat(4 + LABEL + 1));
            b.append("    ").append(label(i == 0 ? label : "")).append(text).append(c.background() ? "   (in the background)" : c.tolerateFailure() ? "   (may fail)" : "").append('\n');
        }
    }

    private static void gates(StringBuilder b, String label, List<Gate> gates) {
        for (int i = 0; i < gates.size(); i++) {
            Gate g = gates.get(i);
            b.append("    ").append(label(i == 0 ? label : "")).append(g.label()).append(' ').append(g.description()).append('\n');
        }
    }
}
