package org.networktool.layout;

/** One port of a Linux bond, with the health figures {@code /proc/net/bonding} gives. */
public record BondSlave(
        String name,
        String miiStatus,
        Integer speedMbps,
        String duplex,
        Integer linkFailureCount,
        String permanentMac,
        Integer aggregatorId,
        String partnerSystemMac,
        Integer partnerKey,
        /** 802.3ad: the port number this bond announces for the port (a successor keeps it for LACP continuity). */
        Integer actorPortNumber) {
    public BondSlave {
        Lists.required(name, "name");
    }

    public boolean isUp() {
        return "up".equals(miiStatus);
    }
}
