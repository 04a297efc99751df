package org.networktool.executors;

import java.util.LinkedHashMap;
import java.util.Map;

/** The partner each member sees, from {@code ovs-appctl lacp/show BOND}: "system-id key N". */
final class LacpShow {
    private LacpShow() {
    }

    static Map<String, String> partners(String text) {
        Map<String, String> partners = new LinkedHashMap<>();
        String member = null;
        String sysId = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("member:") || line.startsWith("slave:")) {
                String rest = line.substring(line.indexOf(':') + 1).strip();
                member = rest.contains(":") ? rest.substring(0, rest.indexOf(':')).strip() : rest;
                sysId = null;
            } else if (member != null && line.startsWith("partner sys_id:")) {
                sysId = line.substring(line.indexOf(':') + 1).strip();
            } else if (member != null && line.startsWith("partner key:") && sysId != null) {
                partners.put(member, sysId + " key " + line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return partners;
    }
}
