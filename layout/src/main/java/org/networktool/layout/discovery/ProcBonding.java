package org.networktool.layout.discovery;

import java.util.List;
import org.networktool.layout.BondSlave;
import org.networktool.layout.LacpAggregator;

/** What {@code /proc/net/bonding/<bond>} says about a bond. */
record ProcBonding(String mode, String xmitHashPolicy, String miiStatus, Integer miimonMs, Integer updelayMs,
                   Integer downdelayMs, String primary, String activeSlave, String lacpRate,
                   LacpAggregator aggregator, List<BondSlave> slaves) {
}
