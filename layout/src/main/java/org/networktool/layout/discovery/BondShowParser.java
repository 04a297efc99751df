package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.OvsBondMember;
import org.networktool.layout.OvsBondStatus;

/**
 * Parses {@code ovs-appctl bond/show}: one "---- NAME ----" block per bond, "member X: enabled"
 * lines (older releases say "slave"), "active member" marking the one carrying traffic.
 */
public final class BondShowParser {
    private BondShowParser() {
    }

    public static Map<String, OvsBondStatus> parse(String text) throws MalformedSourceException {
        Map<String, OvsBondStatus> bonds = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return bonds;
        }
        String bond = null;
        String mode = null;
        String lacp = null;
        String activeMac = null;
        List<String[]> members = new ArrayList<>(); // name, enabled, mayEnable, active
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("---- ") && line.endsWith(" ----")) {
                if (bond != null) {
                    bonds.put(bond, status(mode, lacp, activeMac, members));
                }
                bond = line.substring(5, line.length() - 5).strip();
                mode = null;
                lacp = null;
                activeMac = null;
                members = new ArrayList<>();
            } else if (bond == null) {
                if (!line.isEmpty()) {
                    throw new MalformedSourceException("ovs-appctl bond/show: text before the first '---- bond ----' header");
                }
            } else if (line.startsWith("bond_mode:")) {
                mode = line.substring("bond_mode:".length()).strip();
            } else if (line.startsWith("lacp_status:")) {
                lacp = line.substring("lacp_status:".length()).strip();
            } else if (line.startsWith("active member mac:") || line.startsWith("active slave mac:")) {
                String v = line.substring(line.indexOf(':') + 1).strip();
                int open = v.indexOf('(');
                activeMac = open >= 0 && v.endsWith(")") ? v.substring(open + 1, v.length() - 1) : null;
            } else if ((line.startsWith("member ") || line.startsWith("slave ")) && line.contains(":")) {
                String name = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(':')).strip();
                String state = line.substring(line.lastIndexOf(':') + 1).strip();
                members.add(new String[] {name, String.valueOf(state.equals("enabled")), "false", "false"});
            } else if (!members.isEmpty() && (line.equals("active member") || line.equals("active slave"))) {
                members.get(members.size() - 1)[3] = "true";
            } else if (!members.isEmpty() && line.startsWith("may_enable:")) {
                members.get(members.size() - 1)[2] = String.valueOf(line.endsWith("true"));
            }
        }
        if (bond != null) {
            bonds.put(bond, status(mode, lacp, activeMac, members));
        }
        return bonds;
    }

    private static OvsBondStatus status(String mode, String lacp, String activeFromMac, List<String[]> raw) {
        List<OvsBondMember> members = raw.stream().map(m -> new OvsBondMember(m[0], Boolean.parseBoolean(m[1]),
                Boolean.parseBoolean(m[2]), Boolean.parseBoolean(m[3]))).toList();
        String active = members.stream().filter(OvsBondMember::active).map(OvsBondMember::name).findFirst()
                .orElse(activeFromMac);
        return new OvsBondStatus(mode, lacp, active, members);
    }
}
