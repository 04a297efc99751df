package org.networktool.layout.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Small helpers over Jackson's tree for tool output whose fields may be absent. The tree is built from the streaming
 * parser, not by an ObjectMapper: setting one up was a tenth of an {@code inspect}'s start, for no feature used here.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static JsonNode parse(String text, String what) throws MalformedSourceException {
        if (text == null || text.isBlank()) {
            throw new MalformedSourceException(what + ": empty output");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonNode n = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new MalformedSourceException(what + ": not valid JSON (more after the document, line " + p.currentLocation().getLineNr() + ")");
            }
            return n;
        } catch (JsonProcessingException e) {
            // A limit of the parser's (nesting, string length) comes without a place.
            String where = e.getLocation() == null ? e.getOriginalMessage().replaceAll(",? from `[^`]*`", "")
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedSourceException(what + ": not valid JSON (" + where + ")", e);
        } catch (IOException e) {
            throw new MalformedSourceException(what + ": " + e.getMessage(), e);
        }
    }

    /** The value that starts at {@code t}; nesting is bounded by the parser's own limit (StreamReadConstraints). */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "no value");
        }
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(value(p, v));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.canConvertToInt() ? null : v.asInt();
    }
}
