package org.networktool.layout;

import java.util.List;
import java.util.Optional;

/** A kernel bonding-driver bond with all the options a migration has to respect or reproduce. */
public record LinuxBond(
        String name,
        String mode,
        String miiStatus,
        Integer miimonMs,
        Integer updelayMs,
        Integer downdelayMs,
        String lacpRate,
        String xmitHashPolicy,
        String primary,
        String activeSlave,
        List<BondSlave> slaves,
        LacpAggregator aggregator) {

    public LinuxBond {
        Lists.required(name, "name");
        slaves = Lists.copy(slaves);
    }

    public List<String> slaveNames() {
        return slaves.stream().map(BondSlave::name).toList();
    }

    public Optional<BondSlave> slave(String name) {
        return slaves.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean isLacp() {
        return "802.3ad".equals(mode);
    }
}
