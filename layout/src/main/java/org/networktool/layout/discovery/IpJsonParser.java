package org.networktool.layout.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Route;

/** Parses {@code ip -j} output: links, addresses and routes. */
final class IpJsonParser {
    /** Route types the kernel generates for every address; the migration moves addresses, not these. */
    private static final Set<String> KERNEL_ROUTE_TYPES = Set.of("local", "broadcast", "multicast", "anycast");

    private IpJsonParser() {
    }

    static List<IpLink> links(String json) throws MalformedSourceException {
        List<IpLink> links = new ArrayList<>();
        for (JsonNode n : array(json, "ip -j -d link")) {
            String name = requireName(n, "ip -j -d link");
            JsonNode info = n.path("linkinfo");
            links.add(new IpLink(name, n.path("ifindex").asInt(), Json.text(info, "info_kind"),
                    Json.text(info, "info_slave_kind"), Json.text(n, "master"), Json.integer(n, "mtu"),
                    Json.text(n, "operstate"), Json.text(n, "address"), Json.text(n, "link_type")));
        }
        return links;
    }

    static Map<String, List<IpAddress>> addresses(String json) throws MalformedSourceException {
        Map<String, List<IpAddress>> byName = new LinkedHashMap<>();
        for (JsonNode n : array(json, "ip -j addr")) {
            String name = requireName(n, "ip -j addr");
            List<IpAddress> list = new ArrayList<>();
            for (JsonNode a : n.path("addr_info")) {
                String local = Json.text(a, "local");
                if (local == null) {
                    continue;
                }
                list.add(new IpAddress(Json.text(a, "family"), local, a.path("prefixlen").asInt(), Json.text(a, "scope")));
            }
            byName.put(name, list);
        }
        return byName;
    }

    static List<Route> routes(String json, String family) throws MalformedSourceException {
        List<Route> routes = new ArrayList<>();
        for (JsonNode n : array(json, "ip -j route")) {
            String type = Json.text(n, "type");
            if (type != null && KERNEL_ROUTE_TYPES.contains(type)) {
                continue;
            }
            String table = Json.text(n, "table");
            if ("local".equals(table)) {
                continue;
            }
            // The kernel adds fe80::/64 to every interface that comes up with IPv6; it follows the interface.
            String dst = Json.text(n, "dst");
            if ("kernel".equals(Json.text(n, "protocol")) && dst != null && dst.startsWith("fe80::")) {
                continue;
            }
            routes.add(new Route(family, Json.text(n, "dst"), Json.text(n, "gateway"), Json.text(n, "dev"),
                    table == null ? "main" : table, Json.text(n, "protocol"), Json.text(n, "scope"),
                    Json.text(n, "prefsrc"), Json.integer(n, "metric")));
        }
        return routes;
    }

    private static JsonNode array(String json, String what) throws MalformedSourceException {
        JsonNode root = Json.parse(json, what);
        if (!root.isArray()) {
            throw new MalformedSourceException(what + ": expected a JSON array");
        }
        return root;
    }

    private static String requireName(JsonNode n, String what) throws MalformedSourceException {
        String name = Json.text(n, "ifname");
        if (name == null) {
            throw new MalformedSourceException(what + ": entry without ifname");
        }
        return name;
    }
}
