package org.networktool.planners.persist;

import java.util.List;
import java.util.Map;

/**
 * Who owns the migration's OVSDB rows at boot, written on the rows themselves. NetworkManager's Open vSwitch plugin
 * reuses a Bridge, Port or Interface only when its name and its {@code external_ids:NM.connection-uuid} match a profile
 * (nm-ovsdb.c, _add_interface); rows without the id it inserts again, and Open vSwitch refuses the duplicate name, so the
 * storage network does not come up. With the ids, NetworkManager takes the rows as its own: at start it deletes the
 * interfaces it owns and builds them again from the profiles, which carry everything the migration set.
 * {@code ids}: "table:name" to the profile's UUID; empty for backends that leave the rows to the database.
 */
public record RowOwner(Map<String, String> ids) {
    public static final RowOwner DATABASE = new RowOwner(Map.of());
    static final String NM_KEY = "NM.connection-uuid";

    public RowOwner {
        ids = Map.copyOf(ids);
    }

    /** The ovs-vsctl column setting that marks {@code table} row {@code name} as its owner's (none: the database's own). */
    public List<String> tag(String table, String name) {
        String id = ids.get(table + ":" + name);
        return id == null ? List.of() : List.of("external_ids:" + NM_KEY + "=" + id);
    }
}
