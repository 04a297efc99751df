package org.networktool.planners.persist;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.networktool.layout.config.ConfigBackend;
import org.networktool.layout.config.NetworkConfig;

/**
 * The members' permanent neighbour entries at boot and whenever a member comes up again: the kernel
 * flushes a device's entries, permanent ones too, when it goes down, and keeps none across a reboot.
 * A hook the backend runs for each interface it brings up (ifupdown's if-up.d, NetworkManager's
 * dispatcher) makes them all again, idempotently. Backends without such a hook get none: the plan
 * says so.
 */
final class NeighbourHook {
    static final String IFUPDOWN = "/etc/network/if-up.d/network-tool-neighbours";
    static final String NETWORKMANAGER = "/etc/NetworkManager/dispatcher.d/90-network-tool-neighbours";

    private NeighbourHook() {
    }

    /** Where the hook lives for this backend; empty where the backend has none the tool writes. */
    static Optional<String> path(ConfigBackend b) {
        return switch (b) {
            case IFUPDOWN -> Optional.of(IFUPDOWN);
            case NETWORKMANAGER -> Optional.of(NETWORKMANAGER);
            case IFCFG, NETPLAN -> Optional.empty();
        };
    }

    static List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        if (spec.neighbours().isEmpty() || config.backend().isEmpty()) {
            return List.of();
        }
        return path(config.backend().get()).map(p -> List.of(FileChange.written(config, p, script(spec), "0755"))).orElse(List.of());
    }

    static String script(PersistSpec spec) {
        Set<String> triggers = new LinkedHashSet<>();
        spec.neighbours().forEach(n -> triggers.add(n.member()));
        triggers.add(spec.bond().name());
        triggers.add(spec.bridge());
        triggers.add(spec.internalPort());
        StringBuilder b = new StringBuilder("#!/bin/sh\n")
                .append("# Written by network-tool: permanent IPv6 neighbour entries for the storage peers' RoCE ports on every member\n")
                .append("# of ").append(spec.bond().name()).append(". Open vSwitch keeps neighbour advertisements from its members, and the kernel\n")
                .append("# resolves a RoCE v2 destination through the member's own neighbour table; a member that goes down loses its\n")
                .append("# entries, so all are made again whenever one of these interfaces comes up.\n")
                .append("# ifupdown sets IFACE; NetworkManager's dispatcher passes the interface and the action.\n")
                .append("iface=${IFACE:-$1}\n")
                .append("case \"${2:-up}\" in up) ;; *) exit 0 ;; esac\n")
                .append("case \"$iface\" in\n  ").append(String.join("|", triggers)).append(") ;;\n  *) exit 0 ;;\nesac\n");
        for (PersistSpec.StaticNeighbour n : spec.neighbours()) {
            b.append("/sbin/ip -6 neigh replace ").append(n.address()).append(" lladdr ").append(n.mac()).append(" dev ").append(n.member())
                    .append(" nud permanent 2>/dev/null || true\n");
        }
        return b.append("exit 0\n").toString();
    }
}
