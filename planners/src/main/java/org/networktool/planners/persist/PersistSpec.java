package org.networktool.planners.persist;

import java.util.List;
import java.util.Map;
import org.networktool.planners.BondSpec;

/**
 * What the configuration writers need to know about the migration: the interface that carried the
 * storage IP and its ports (whose definitions go), and the OVS bridge, bond and internal port that
 * carry it now (whose definitions come), with the addresses and MTU the host runs with.
 * {@code bondOptions} are the planner's own `add-bond` settings, so boot and migration agree; {@code memberSettings}
 * each member's own Interface settings ({@code mtu_request=…}, {@code other_config:lacp-port-id=…}), as OVSDB holds them.
 * {@code bridgeMac}, {@code portMac}: the bridge's and the internal port's MACs when the migration sets them (null: Open vSwitch's choice), for backends
 * that re-create the port at boot. {@code neighbours}: on a hardware RoCE host, the permanent IPv6 neighbour entries the members need
 * for the peers' RoCE ports (the kernel does not keep them across a member going down or a reboot).
 */
public record PersistSpec(
        String sourceIface,
        List<String> sourcePorts,
        String bridge,
        BondSpec bond,
        List<String> bondOptions,
        Map<String, List<String>> memberSettings,
        String internalPort,
        List<String> addresses,
        Integer mtu,
        String datapathType,
        String bridgeMac,
        String portMac,
        List<StaticNeighbour> neighbours) {

    /** A permanent IPv6 neighbour entry on a member: a peer's RoCE GID as an address, and its MAC. */
    public record StaticNeighbour(String member, String address, String mac) {
    }

    public PersistSpec {
        sourcePorts = List.copyOf(sourcePorts);
        neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
        bondOptions = List.copyOf(bondOptions);
        // In the members' order: the boot files list them as the migration adds them.
        memberSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memberSettings));
        addresses = List.copyOf(addresses);
    }

    /** Interfaces whose old definitions must not come back at boot. */
    public List<String> retired() {
        List<String> r = new java.util.ArrayList<>(List.of(sourceIface));
        sourcePorts.stream().filter(p -> !p.equals(sourceIface)).forEach(r::add);
        return r;
    }

    /** A carried-over line with the old interface's name (e.g. {@code dev bond0} in a route) changed to the internal port's. */
    public String renamed(String line) {
        return line.replaceAll("(?<![\\w.-])" + java.util.regex.Pattern.quote(sourceIface) + "(?![\\w.-])",
                java.util.regex.Matcher.quoteReplacement(internalPort));
    }

    public boolean netdev() {
        return "netdev".equals(datapathType);
    }
}
