package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.Ovs;
import org.networktool.layout.OvsBondStatus;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsInterface;
import org.networktool.layout.OvsPort;

/** Open vSwitch from its database ({@code ovs-vsctl --format=json}) and {@code ovs-appctl bond/show}. */
final class OvsReader {
    private final CommandSource commands;
    private final Warnings warnings;

    OvsReader(CommandSource commands, Warnings warnings) {
        this.commands = commands;
        this.warnings = warnings;
    }

    Ovs read() {
        CommandResult system = commands.run(HostQuery.OVS_SYSTEM);
        if (!system.isOk()) {
            warnings.add(HostQuery.OVS_SYSTEM.label(), "Open vSwitch not readable (" + system.failure() + ")");
            return Ovs.ABSENT;
        }
        try {
            List<Map<String, Object>> sys = OvsdbTable.rows(system.output(), HostQuery.OVS_SYSTEM.display());
            String version = sys.isEmpty() ? null : OvsdbTable.string(sys.get(0), "ovs_version");
            Map<String, OvsInterface> interfaces = new HashMap<>();
            for (Map<String, Object> row : table(HostQuery.OVS_INTERFACES)) {
                interfaces.put(OvsdbTable.string(row, "_uuid"), new OvsInterface(OvsdbTable.required(row, "name", HostQuery.OVS_INTERFACES.display()),
                        OvsdbTable.string(row, "type"), OvsdbTable.integer(row, "mtu"),
                        OvsdbTable.integer(row, "mtu_request"), OvsdbTable.integer(row, "ofport"),
                        OvsdbTable.string(row, "link_state"), OvsdbTable.string(row, "admin_state"),
                        OvsdbTable.string(row, "mac_in_use")));
            }
            Map<String, OvsBondStatus> bondStatus = bondStatus();
            Map<String, OvsPort> ports = new HashMap<>();
            for (Map<String, Object> row : table(HostQuery.OVS_PORTS)) {
                String name = OvsdbTable.required(row, "name", HostQuery.OVS_PORTS.display());
                List<OvsInterface> ifaces = new ArrayList<>();
                for (String ref : OvsdbTable.refs(row, "interfaces")) {
                    OvsInterface i = interfaces.get(ref);
                    if (i != null) {
                        ifaces.add(i);
                    }
                }
                ifaces.sort((a, b) -> a.name().compareTo(b.name()));
                ports.put(OvsdbTable.string(row, "_uuid"), new OvsPort(name, ifaces, OvsdbTable.string(row, "bond_mode"),
                        OvsdbTable.string(row, "lacp"), OvsdbTable.integer(row, "bond_updelay"),
                        OvsdbTable.integer(row, "bond_downdelay"), OvsdbTable.integer(row, "tag"),
                        OvsdbTable.map(row, "other_config"), ifaces.size() > 1 ? bondStatus.get(name) : null));
            }
            List<OvsBridge> bridges = new ArrayList<>();
            for (Map<String, Object> row : table(HostQuery.OVS_BRIDGES)) {
                List<OvsPort> bridgePorts = new ArrayList<>();
                for (String ref : OvsdbTable.refs(row, "ports")) {
                    OvsPort p = ports.get(ref);
                    if (p != null) {
                        bridgePorts.add(p);
                    }
                }
                bridgePorts.sort((a, b) -> a.name().compareTo(b.name()));
                bridges.add(new OvsBridge(OvsdbTable.required(row, "name", HostQuery.OVS_BRIDGES.display()), OvsdbTable.string(row, "datapath_type"), bridgePorts,
                        OvsdbTable.map(row, "other_config").get("hwaddr")));
            }
            bridges.sort((a, b) -> a.name().compareTo(b.name()));
            return new Ovs(true, version, bridges);
        } catch (MalformedSourceException e) {
            warnings.add("ovs-vsctl", e.getMessage());
            return new Ovs(true, null, List.of());
        }
    }

    private List<Map<String, Object>> table(HostQuery query) throws MalformedSourceException {
        CommandResult r = commands.run(query);
        if (!r.isOk()) {
            throw new MalformedSourceException(query.display() + ": " + r.failure());
        }
        return OvsdbTable.rows(r.output(), query.display());
    }

    private Map<String, OvsBondStatus> bondStatus() {
        CommandResult r = commands.run(HostQuery.OVS_BOND_SHOW);
        if (!r.isOk()) {
            warnings.add(HostQuery.OVS_BOND_SHOW.label(), "active member unknown (" + r.failure() + ")");
            return Map.of();
        }
        try {
            return BondShowParser.parse(r.output());
        } catch (MalformedSourceException e) {
            warnings.add(HostQuery.OVS_BOND_SHOW.label(), e.getMessage());
            return Map.of();
        }
    }
}
