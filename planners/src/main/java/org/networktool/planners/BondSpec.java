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
        return org.networktool.layout.OvsPort.portChannel(mode, lacp == null ? null : lacp.mode());
    }

    public BondSpec {
        name = name == null ? TargetSpec.DEFAULT_BOND : name;
        members = members == null ? List.of() : List.copyOf(members);
        detectMode = detectMode == null ? "carrier" : detectMode;
    }
}
