package org.networktool.layout;

/** The active 802.3ad aggregator of a Linux bond: what the switch agreed to. */
public record LacpAggregator(
        Integer aggregatorId,
        Integer numberOfPorts,
        Integer actorKey,
        Integer partnerKey,
        String partnerMac,
        String systemMac,
        /** The actor system priority (Linux: ad_actor_sys_prio, 65535 by default). */
        Integer systemPriority) {
}
