package org.networktool.layout.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.networktool.layout.BondSlave;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;

/**
 * Linux bonds: options from {@code /sys/class/net/<bond>/bonding/*}, slave health and the 802.3ad
 * aggregator from {@code /proc/net/bonding/<bond>}. Either source alone gives a usable bond; a
 * missing or malformed one is a warning.
 */
final class BondReader {
    private final HostRoot root;
    private final Warnings warnings;

    BondReader(HostRoot root, Warnings warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    List<LinuxBond> read(List<Netdev> netdevs) {
        List<LinuxBond> bonds = new ArrayList<>();
        for (Netdev n : netdevs) {
            if (n.kind() == NetdevKind.BOND) {
                bonds.add(bond(n.name()));
            }
        }
        return bonds;
    }

    private LinuxBond bond(String name) {
        String sys = "sys/class/net/" + name + "/bonding/";
        String procPath = "proc/net/bonding/" + name;
        ProcBonding proc = null;
        try {
            HostRoot.HostFile f = root.file(procPath);
            if (f instanceof HostRoot.HostFile.Content c) {
                proc = ProcBondingParser.parse(c.text().orElseThrow(() -> new MalformedSourceException("not UTF-8 text")), "/" + procPath);
            } else if (f instanceof HostRoot.HostFile.Refused r) {
                warnings.add("/" + procPath, r.reason() + ": slave health and LACP partner unknown");
            } else {
                warnings.add("/" + procPath, "missing: slave health and LACP partner unknown");
            }
        } catch (IOException e) {
            warnings.add("/" + procPath, "cannot read: " + e.getMessage());
        } catch (MalformedSourceException e) {
            warnings.add("/" + procPath, e.getMessage());
        }
        String mode = first(root.readQuietly(sys + "mode")).orElse(proc == null ? null : proc.mode());
        List<String> slaveNames = root.readQuietly(sys + "slaves").filter(s -> !s.isBlank())
                .map(s -> Arrays.asList(s.split("\\s+"))).orElse(List.of());
        List<BondSlave> slaves = new ArrayList<>();
        if (proc != null) {
            slaves.addAll(proc.slaves());
        }
        for (String s : slaveNames) {
            if (slaves.stream().noneMatch(b -> b.name().equals(s))) {
                slaves.add(slaveFromSysfs(s));
            }
        }
        if (proc == null && slaveNames.isEmpty() && !root.isDirectory(sys)) {
            warnings.add("/" + sys, "bond " + name + ": neither sysfs bonding nor /proc/net/bonding readable");
        }
        return new LinuxBond(name, mode,
                proc != null ? proc.miiStatus() : root.readQuietly(sys + "mii_status").orElse(null),
                number(sys + "miimon").orElse(proc == null ? null : proc.miimonMs()),
                number(sys + "updelay").orElse(proc == null ? null : proc.updelayMs()),
                number(sys + "downdelay").orElse(proc == null ? null : proc.downdelayMs()),
                first(root.readQuietly(sys + "lacp_rate")).filter(r -> "802.3ad".equals(mode))
                        .orElse(proc == null ? null : proc.lacpRate()),
                first(root.readQuietly(sys + "xmit_hash_policy")).orElse(proc == null ? null : proc.xmitHashPolicy()),
                root.readQuietly(sys + "primary").filter(s -> !s.isBlank()).orElse(proc == null ? null : proc.primary()),
                root.readQuietly(sys + "active_slave").filter(s -> !s.isBlank()).orElse(proc == null ? null : proc.activeSlave()),
                slaves, proc == null ? null : proc.aggregator());
    }

    private BondSlave slaveFromSysfs(String slave) {
        String dir = "sys/class/net/" + slave + "/bonding_slave/";
        return new BondSlave(slave, root.readQuietly(dir + "mii_status").orElse(null), null, null,
                number(dir + "link_failure_count").orElse(null), root.readQuietly(dir + "perm_hwaddr").orElse(null),
                number(dir + "ad_aggregator_id").orElse(null), null, null, null);
    }

    /** sysfs bonding values read "active-backup 1": the name before the number. */
    private static Optional<String> first(Optional<String> v) {
        return v.filter(s -> !s.isBlank()).map(s -> s.split("\\s+")[0]);
    }

    private Optional<Integer> number(String path) {
        try {
            return root.readQuietly(path).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
