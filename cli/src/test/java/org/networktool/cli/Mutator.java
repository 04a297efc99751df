package org.networktool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Mutations of real inputs for the parsers' fuzz properties: byte-level (flips, cuts, repeats, hostile tokens) and,
 * for JSON and YAML, tree-level (a value replaced by a hostile one, a key dropped or renamed, an element repeated),
 * which gets past the syntax check into the code that uses the values.
 */
final class Mutator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values a capture, journal or file from elsewhere could hold where a sane one is expected. */
    private static final List<Object> HOSTILE = Arrays.asList(null, -1, 0, 99999999999L, 1e308, "", "-f", "$(reboot)",
            "../../../../etc/shadow", "\u001b]0;owned\u0007\u001b[2J", "zzzz:zzzz::", "a\nnetwork-tool: all good", true,
            "~", "x".repeat(5000), List.of(), Map.of(), List.of(1, 2), List.of("map", List.of(1, 2)),
            List.of("set", "x"), List.of("uuid"), Map.of("a", List.of()), "0000:3b:00.9", "fe80::1%", "300.1.1.1/99",
            "bond0", "ens1f0", "ACTIVE", "802.3ad", Integer.MAX_VALUE, Long.MIN_VALUE, "NaN", -0.5);

    private static final List<String> TOKENS = List.of("\"", "[", "]", "{", "}", ":", ",", "null", "-1", "99999999999",
            "\n", "\u0000", "---- ----\n", "../../", "zzzz", "~", "&a *a", "\u001b[2J", "\t", "=", "#", "member : \n",
            "Slave Interface: \n", "iface bond0 inet static\n", "    bond-slaves none\n", "\u00ff\u00fe");

    private Mutator() {
    }

    static byte[] bytes(byte[] in, Random r) {
        byte[] b = in;
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, Random r) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        switch (r.nextInt(6)) {
            case 0: { // flip a byte
                if (b.length == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[at] = (byte) r.nextInt(256);
                return c;
            }
            case 1: // cut the rest
                return Arrays.copyOf(b, at);
            case 2: { // drop a run
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                return join(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
            }
            case 3: { // repeat a run
                int len = Math.min(b.length - at, 1 + r.nextInt(256));
                byte[] run = Arrays.copyOfRange(b, at, at + len);
                return join(Arrays.copyOf(b, at + len), join(run, Arrays.copyOfRange(b, at, b.length)));
            }
            default: { // a hostile token
                byte[] t = TOKENS.get(r.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                return join(join(Arrays.copyOf(b, at), t), Arrays.copyOfRange(b, at, b.length));
            }
        }
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A JSON document with one to three tree mutations, written back as JSON. */
    static String json(String in, Random r) throws Exception {
        Object tree = JSON.readValue(in, Object.class);
        return JSON.writeValueAsString(tree(tree, r));
    }

    /** A YAML document with one to three tree mutations, written back as JSON (which YAML reads). */
    static String yaml(String in, Random r) throws Exception {
        Object tree = new Yaml(new LoaderOptions()).load(in);
        return JSON.writeValueAsString(tree(tree, r));
    }

    private static Object tree(Object tree, Random r) {
        Object t = copy(tree);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            t = mutateAt(t, r);
        }
        return t;
    }

    /** Walks to a random node and changes it there. */
    @SuppressWarnings("unchecked")
    private static Object mutateAt(Object node, Random r) {
        if (node instanceof Map<?, ?> m && !m.isEmpty() && r.nextInt(4) != 0) {
            Map<String, Object> map = (Map<String, Object>) m;
            List<String> keys = new ArrayList<>(map.keySet());
            String key = keys.get(r.nextInt(keys.size()));
            switch (r.nextInt(5)) {
                case 0 -> map.remove(key);
                case 1 -> map.put(key + (r.nextBoolean() ? "X" : ""), hostile(r));
                case 2 -> {
                    Object v = map.remove(key);
                    map.put(key.toUpperCase() + "_", v);
                }
                default -> map.put(key, mutateAt(map.get(key), r));
            }
            return map;
        }
        if (node instanceof List<?> l && !l.isEmpty() && r.nextInt(4) != 0) {
            List<Object> list = (List<Object>) l;
            int i = r.nextInt(list.size());
            switch (r.nextInt(5)) {
                case 0 -> list.remove(i);
                case 1 -> list.add(i, copy(list.get(i)));
                case 2 -> list.set(i, hostile(r));
                default -> list.set(i, mutateAt(list.get(i), r));
            }
            return list;
        }
        return hostile(r);
    }

    private static Object hostile(Random r) {
        return copy(HOSTILE.get(r.nextInt(HOSTILE.size())));
    }

    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return o;
    }
}
