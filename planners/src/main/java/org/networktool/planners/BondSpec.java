package org.networktool.planners;

import java.util.List;

/** The OVS bond of a target: members, mode, LACP and link detection, as OVS names them. */
public record BondSpec(
        String name,
        String mode,
        List<String> members,
        LacpSpec lacp,
        String detectMode,
        Integer miimonIntervalMs,
        Integer updelayMs,
        Integer downdelayMs) {

    public static final String ACTIVE_BACKUP = "active-backup";
    public static final String BALANCE_TCP = "balance-tcp";

    /** The switch sees the members as one port-channel (LACP, or balance-tcp's static one) and picks the port by the 5-tuple. */
    public boolean behindPortChannel() {
        return BALANCE_TCP.equals(mode) || (lacp != null && lacp.enabled());
    }

    public BondSpec {
        name = name == null ? TargetSpec.DEFAULT_BOND : name;
        members = members == null ? List.of() : List.copyOf(members);
        detectMode = detectMode == null ? "carrier" : detectMode;
    }
}
