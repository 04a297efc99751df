package org.networktool.layout;

/** The active 802.3ad aggregator of a Linux bond: what the switch agreed to. */
public record LacpAggregator(
        Integer aggregatorId,
        Integer numberOfPorts,
        Integer actorKey,
        Integer partnerKey,
        String partnerMac,
        String systemMac) {
}
