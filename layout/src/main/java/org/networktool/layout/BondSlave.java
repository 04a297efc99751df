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
        Integer partnerKey) {

    public boolean isUp() {
        return "up".equals(miiStatus);
    }
}
