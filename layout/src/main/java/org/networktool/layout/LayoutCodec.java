package org.networktool.layout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Writes and reads values (layouts now, plans and journals later) as YAML or JSON. Only record
 * components are written: helper methods such as {@code isUp()} are not part of the schema.
 */
public final class LayoutCodec {
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            // A gate's kind is a key like any other, not a YAML tag (!<PREFLIGHT>) that other tools would have to know.
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
            // Strings stay quoted: bare PCI addresses such as 0000:3b:00.0 read back as YAML 1.1
            // sexagesimal numbers.
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

    private LayoutCodec() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A key given twice is a mistake to say, not a choice to make silently (the last one used to win).
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Compact one-line JSON, for journal records. */
    public static String toJsonLine(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Reads a value written by {@link #toJsonLine} (no schema check: the caller knows the type). */
    public static <T> T fromJsonLine(String line, Class<T> type) throws JsonProcessingException {
        return JSON.readValue(line, type);
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** Reads a layout written by {@link #toYaml} or {@link #toJson} (JSON is YAML too). */
    public static HostLayout readLayout(String text, String where) {
        return read(text, where, HostLayout.class, HostLayout.SCHEMA);
    }

    public static <T> T read(String text, String where, Class<T> type, String schema) {
        try {
            ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
            var tree = mapper.readTree(text);
            String found = tree == null || tree.get("schema") == null ? null : tree.get("schema").asText();
            if (!schema.equals(found)) {
                throw NetworkToolException.invalidInput(where + ": schema is '" + found + "', expected '" + schema + "'");
            }
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line " + e.getLocation().getLineNr() + ")";
            // One line: the YAML parser's messages span several. A value a record refused (an empty ~ entry in a list, say)
            // is named by where it sits, not by the Java class and exception behind it.
            String why;
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                why = "unknown key '" + u.getPropertyName() + "'" + (u.getPath().size() > 1 ? " under " + field(u).replaceAll("\\.?[^.\\[]*$", "") : "")
                        + (u.getKnownPropertyIds() == null ? "" : "; known keys: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                .collect(java.util.stream.Collectors.joining(", ")));
            } else if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v) {
                why = "an empty (~) or invalid value under " + field(v);
            } else {
                why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
            }
            throw NetworkToolException.invalidInput(where + ": not a valid " + schema + " document" + loc + ": " + why);
        }
    }

    /** Where a mapping failure sits in the document, as its keys and indexes: "bond.members". */
    private static String field(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the document" : b.toString();
    }
}
