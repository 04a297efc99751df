package org.networktool.executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.networktool.planners.Command;

/**
 * What the Open vSwitch database holds on disk, read from its file with {@code ovsdb-tool query}
 * rather than asked of the running server: that file is what ovsdb-server loads at boot. The file is
 * the one the running ovsdb-server was started with (its pid file, then its command line).
 */
final class OvsDbOnDisk {
    static final String DEFAULT_DB = "/etc/openvswitch/conf.db";
    private final CommandRunner runner;

    OvsDbOnDisk(CommandRunner runner) {
        this.runner = runner;
    }

    /** The names the file holds per table (Bridge, Port, Interface); a message when it cannot be read. */
    record Names(Set<String> bridges, Set<String> ports, Set<String> interfaces, String db, String problem) {
    }

    Names read() {
        String db = dbFile().orElse(DEFAULT_DB);
        if (!Files.isRegularFile(Path.of(db))) {
            return new Names(Set.of(), Set.of(), Set.of(), db, "no database file " + db + " (is ovsdb-server running without one?)");
        }
        String query = "[\"Open_vSwitch\","
                + "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],\"columns\":[\"name\"]},"
                + "{\"op\":\"select\",\"table\":\"Port\",\"where\":[],\"columns\":[\"name\"]},"
                + "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],\"columns\":[\"name\"]}]";
        CommandOutcome o = runner.run(Command.of("ovsdb-tool", "query", db, query));
        if (!o.ok()) {
            return new Names(Set.of(), Set.of(), Set.of(), db, "ovsdb-tool query " + db + " failed: " + o.output().strip());
        }
        try {
            JsonNode r = new ObjectMapper().readTree(o.output());
            return new Names(names(r.get(0)), names(r.get(1)), names(r.get(2)), db, null);
        } catch (IOException | RuntimeException e) {
            return new Names(Set.of(), Set.of(), Set.of(), db, "cannot read ovsdb-tool's answer: " + e.getMessage());
        }
    }

    private static Set<String> names(JsonNode result) {
        Set<String> s = new TreeSet<>();
        result.get("rows").forEach(row -> s.add(row.get("name").asText()));
        return s;
    }

    /** The database file of the running ovsdb-server, from its pid file and command line. */
    static Optional<String> dbFile() {
        List<String> dirs = new ArrayList<>();
        String env = System.getenv("OVS_RUNDIR");
        if (env != null && !env.isBlank()) {
            dirs.add(env);
        }
        dirs.addAll(List.of("/run/openvswitch", "/var/run/openvswitch"));
        for (String d : dirs) {
            try {
                String pid = Files.readString(Path.of(d, "ovsdb-server.pid")).strip();
                if (!pid.matches("\\d+")) {
                    continue;
                }
                byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
                String[] args = new String(raw, StandardCharsets.UTF_8).split("\0");
                for (int i = 1; i < args.length; i++) {
                    if (!args[i].startsWith("-") && !args[i].isEmpty()) {
                        return Optional.of(args[i]);
                    }
                }
                return Optional.of(DEFAULT_DB);
            } catch (IOException e) {
                // Not this run directory: try the next.
            }
        }
        return Optional.empty();
    }
}
