package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.BondSlave;
import org.networktool.layout.LacpAggregator;

/**
 * Parses the kernel's {@code /proc/net/bonding/<bond>} text. The file is "Key: value" lines in
 * sections: the bond, then "802.3ad info" (LACP modes), then one "Slave Interface:" block per port,
 * each possibly followed by "details actor/partner lacp pdu:" blocks.
 */
final class ProcBondingParser {
    private static final Map<String, String> MODES = Map.of(
            "load balancing (round-robin)", "balance-rr",
            "fault-tolerance (active-backup)", "active-backup",
            "load balancing (xor)", "balance-xor",
            "fault-tolerance (broadcast)", "broadcast",
            "IEEE 802.3ad Dynamic link aggregation", "802.3ad",
            "transmit load balancing", "balance-tlb",
            "adaptive load balancing", "balance-alb");

    private ProcBondingParser() {
    }

    static ProcBonding parse(String text, String where) throws MalformedSourceException {
        if (text == null || !text.contains("Bonding Mode:")) {
            throw new MalformedSourceException(where + ": no 'Bonding Mode:' line (truncated or not a bonding file)");
        }
        Map<String, String> bond = new LinkedHashMap<>();
        Map<String, String> aggregator = new LinkedHashMap<>();
        List<Map<String, String>> slaves = new ArrayList<>();
        Map<String, String> current = bond;
        String detail = "";
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Active Aggregator Info")) {
                current = aggregator;
                continue;
            }
            if (line.startsWith("details actor lacp pdu")) {
                detail = "actor ";
                continue;
            }
            if (line.startsWith("details partner lacp pdu")) {
                detail = "partner ";
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // section titles such as "802.3ad info"
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("Slave Interface")) {
                if (value.isEmpty()) {
                    throw new MalformedSourceException(where + " line " + lineNo + ": 'Slave Interface:' without a name");
                }
                current = new LinkedHashMap<>();
                current.put("name", value);
                slaves.add(current);
                detail = "";
                continue;
            }
            if (current == aggregator && !raw.startsWith("\t") && !raw.startsWith(" ")) {
                current = bond; // the indented aggregator block has ended
            }
            current.putIfAbsent(detail + key, value);
        }
        String modeText = bond.get("Bonding Mode");
        if (modeText == null) {
            throw new MalformedSourceException(where + ": no 'Bonding Mode' line");
        }
        String mode = MODES.get(modeText);
        if (mode == null) {
            throw new MalformedSourceException(where + ": unknown bonding mode '" + modeText + "'");
        }
        List<BondSlave> slaveList = new ArrayList<>();
        for (Map<String, String> s : slaves) {
            slaveList.add(new BondSlave(s.get("name"), s.get("MII Status"), speed(s.get("Speed")), s.get("Duplex"),
                    integer(s.get("Link Failure Count"), where), s.get("Permanent HW addr"),
                    integer(s.get("Aggregator ID"), where), s.get("partner system mac address"),
                    integer(s.get("partner oper key"), where), integer(s.get("actor port number"), where)));
        }
        LacpAggregator agg = aggregator.isEmpty() ? null : new LacpAggregator(
                integer(aggregator.get("Aggregator ID"), where), integer(aggregator.get("Number of ports"), where),
                integer(aggregator.get("Actor Key"), where), integer(aggregator.get("Partner Key"), where),
                aggregator.get("Partner Mac Address"), bond.get("System MAC address"), integer(bond.get("System priority"), where));
        String active = bond.get("Currently Active Slave");
        String primary = bond.get("Primary Slave");
        return new ProcBonding(mode, policy(bond.get("Transmit Hash Policy")), bond.get("MII Status"),
                integer(bond.get("MII Polling Interval (ms)"), where), integer(bond.get("Up Delay (ms)"), where),
                integer(bond.get("Down Delay (ms)"), where), none(primary), none(active),
                bond.get("LACP rate"), agg, slaveList);
    }

    /** "layer3+4 (1)" → "layer3+4". */
    private static String policy(String v) {
        return v == null ? null : v.replaceAll("\\s*\\(\\d+\\)$", "");
    }

    private static String none(String v) {
        return v == null || v.equals("None") ? null : v;
    }

    /** "25000 Mbps" → 25000; "Unknown" → null. */
    private static Integer speed(String v) {
        if (v == null || !v.matches("\\d+ Mbps")) {
            return null;
        }
        return Integer.parseInt(v.substring(0, v.indexOf(' ')));
    }

    private static Integer integer(String v, String where) throws MalformedSourceException {
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new MalformedSourceException(where + ": '" + v + "' is not a number");
        }
    }
}
