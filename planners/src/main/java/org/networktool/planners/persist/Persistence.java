package org.networktool.planners.persist;

import java.util.List;
import org.networktool.layout.config.ConfigBackend;
import org.networktool.layout.config.NetworkConfig;

/** The file changes that make a migration survive a reboot, written for the backend the host uses. */
public final class Persistence {
    private Persistence() {
    }

    /** The changes, in the order they are written; empty when the backend is unknown (the planner refuses that first). */
    public static List<FileChange> changes(NetworkConfig config, PersistSpec spec) {
        if (config.backend().isEmpty()) {
            return List.of();
        }
        List<FileChange> all = new java.util.ArrayList<>(writer(config.backend().get()).changes(config, spec));
        all.addAll(NeighbourHook.changes(config, spec));
        return all.stream().filter(c -> !c.changesNothing()).toList();
    }

    /** Whether this backend keeps the members' neighbour entries across a reboot (it runs a hook the tool writes). */
    public static boolean keepsNeighbours(ConfigBackend b) {
        return NeighbourHook.path(b).isPresent();
    }

    /**
     * Who owns the OVSDB rows at boot: NetworkManager's profiles (the rows carry their UUIDs), or, on the other backends,
     * the database itself. Unknown config (nothing written): the database.
     */
    public static RowOwner rowOwner(NetworkConfig config, String bridge, String bond, List<String> members, String internalPort) {
        return config != null && config.backend().equals(java.util.Optional.of(ConfigBackend.NETWORKMANAGER))
                ? NetworkManagerWriter.rows(bridge, bond, members, internalPort) : RowOwner.DATABASE;
    }

    static ConfigWriter writer(ConfigBackend b) {
        return switch (b) {
            case IFUPDOWN -> new IfupdownWriter();
            case IFCFG -> new IfcfgWriter();
            case NETWORKMANAGER -> new NetworkManagerWriter();
            case NETPLAN -> new NetplanWriter();
        };
    }
}
