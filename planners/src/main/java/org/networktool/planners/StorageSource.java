package org.networktool.planners;

import java.util.List;
import java.util.Optional;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LinuxBond;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;

/**
 * Where the storage IP sits before the migration: a Linux bond (its slaves are the source ports)
 * or a single physical port. {@code kept} is the port that keeps carrying traffic until the
 * cutover: the active slave, never released early.
 */
record StorageSource(String iface, Optional<LinuxBond> bond, List<String> ports, String kept) {

    static Optional<StorageSource> of(HostLayout l) {
        if (l.storage() == null) {
            return Optional.empty();
        }
        String name = l.storage().interfaceName();
        Optional<LinuxBond> bond = l.bond(name);
        if (bond.isPresent()) {
            LinuxBond b = bond.get();
            String kept = b.activeSlave();
            if (kept == null || !b.slaveNames().contains(kept)) {
                // 802.3ad has no active slave: keep the first slave that is up.
                kept = b.slaves().stream().filter(s -> s.isUp()).map(s -> s.name()).findFirst()
                        .orElse(b.slaveNames().isEmpty() ? null : b.slaveNames().get(0));
            }
            return Optional.of(new StorageSource(name, bond, b.slaveNames(), kept));
        }
        Optional<Netdev> n = l.netdev(name);
        if (n.isPresent() && n.get().kind() == NetdevKind.PHYSICAL) {
            return Optional.of(new StorageSource(name, Optional.empty(), List.of(name), name));
        }
        return Optional.empty();
    }

    boolean isBond() {
        return bond.isPresent();
    }
}
