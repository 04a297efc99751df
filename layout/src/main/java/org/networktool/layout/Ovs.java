package org.networktool.layout;

import java.util.List;
import java.util.Optional;

/** Open vSwitch as configured in its database, plus the live bond state from {@code ovs-appctl}. */
public record Ovs(boolean present, String version, List<OvsBridge> bridges) {

    public static final Ovs ABSENT = new Ovs(false, null, List.of());

    public Ovs {
        bridges = Lists.copy(bridges);
    }

    /** The bridge and port an interface belongs to, if any. */
    public Optional<OvsBridge> bridgeOfInterface(String iface) {
        return bridges.stream().filter(b -> b.port(iface).isPresent()
                || b.ports().stream().anyMatch(p -> p.interfaceNames().contains(iface))).findFirst();
    }

    public Optional<OvsBridge> bridge(String name) {
        return bridges.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
