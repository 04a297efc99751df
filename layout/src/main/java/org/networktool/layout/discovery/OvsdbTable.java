package org.networktool.layout.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table from {@code ovs-vsctl --format=json list TABLE}: {"headings":[…],"data":[[…],…]} with
 * OVSDB's typed values ({@code ["uuid",…]}, {@code ["set",[…]]}, {@code ["map",[[k,v],…]]}).
 * Values become Java values: a uuid its string, a set a list (an empty optional column null),
 * a map a map of strings.
 */
final class OvsdbTable {
    private OvsdbTable() {
    }

    static List<Map<String, Object>> rows(String json, String what) throws MalformedSourceException {
        JsonNode root = Json.parse(json, what);
        JsonNode headings = root.get("headings");
        JsonNode data = root.get("data");
        if (headings == null || !headings.isArray() || data == null || !data.isArray()) {
            throw new MalformedSourceException(what + ": expected {\"headings\":[…],\"data\":[…]}");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : data) {
            if (!row.isArray() || row.size() != headings.size()) {
                throw new MalformedSourceException(what + ": row " + (rows.size() + 1) + " has "
                        + row.size() + " values for " + headings.size() + " columns");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < headings.size(); i++) {
                values.put(headings.get(i).asText(), value(row.get(i), what, rows.size() + 1));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object value(JsonNode v, String what, int row) throws MalformedSourceException {
        if (v.isArray() && v.size() == 2 && v.get(0).isTextual()) {
            switch (v.get(0).asText()) {
                case "uuid", "named-uuid":
                    return v.get(1).asText();
                case "set": {
                    if (!v.get(1).isArray()) {
                        throw new MalformedSourceException(what + ": row " + row + " has a set that is not a list");
                    }
                    List<Object> items = new ArrayList<>();
                    for (JsonNode item : v.get(1)) {
                        items.add(value(item, what, row));
                    }
                    return items.isEmpty() ? null : items;
                }
                case "map": {
                    Map<String, String> map = new LinkedHashMap<>();
                    for (JsonNode pair : v.get(1)) {
                        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isValueNode() || !pair.get(1).isValueNode()) {
                            throw new MalformedSourceException(what + ": row " + row + " has a map entry that is not a [key, value] pair");
                        }
                        map.put(pair.get(0).asText(), pair.get(1).asText());
                    }
                    return map;
                }
                default:
                    break;
            }
        }
        if (v.isInt() || v.isLong()) {
            return v.asLong();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNull() ? null : v.asText();
    }

    /** A column every row of the table has (a bridge's, port's, interface's name). */
    static String required(Map<String, Object> row, String column, String what) throws MalformedSourceException {
        if (!(row.get(column) instanceof String s) || s.isEmpty()) {
            throw new MalformedSourceException(what + ": a row without a " + column);
        }
        return s;
    }

    static String string(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    static Integer integer(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof List<?> l && l.size() == 1 && l.get(0) instanceof Number n) {
            return n.intValue();
        }
        return null;
    }

    /** A column that holds one uuid or a set of them. */
    static List<String> refs(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        return List.of(v.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> map(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }
}
