package org.hearth.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a well-formed payload object into the same tree as {@link PayloadJson#mapper()}'s
 * {@code readTree}, for less: one pass of Jackson's streaming parser, objects kept in small arrays
 * rather than a {@code LinkedHashMap} each, duplicate keys found by comparing the few names of an
 * object rather than through a {@code HashSet} per object, and none of the data-binding set-up a
 * {@code readTree} call makes. That set-up, the maps and the sets were about a third of the decode
 * time of a native message (BENCHMARKS.md, section 1).
 *
 * <p>It answers only when it is sure: {@link #read} gives null for anything else (not an object,
 * malformed, over a limit, a duplicate key, text after the object, a number needing
 * {@code BigDecimal}, more than {@link #MAX_FIELDS} fields in one object), and the caller then
 * parses with the mapper as before, so every refusal and its message are exactly what they were.
 * The parser has the same limits as the mapper's ({@link PayloadJson#CONSTRAINTS}), so nothing over
 * them is read here either. The nodes are the ones the mapper's node factory makes for the same
 * tokens ({@code PayloadTreeTest} compares both on fuzzed payloads).
 */
final class PayloadTree {

    /** Past this many fields in one object the mapper reads it (a linear duplicate check would grow with the square). */
    static final int MAX_FIELDS = 32;

    /** The mapper's limits, without its duplicate detection (done here), which builds a HashSet per object. */
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(PayloadJson.CONSTRAINTS).build();
    private static final JsonNodeFactory NODES = PayloadJson.mapper().getNodeFactory();

    private PayloadTree() {}

    /** The payload's object as the mapper would read it, or null when the mapper must say what it is. */
    static ObjectNode read(byte[] payload) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = object(p);
            // The mapper refuses text after the value (FAIL_ON_TRAILING_TOKENS).
            return root != null && p.nextToken() == null ? root : null;
        } catch (IOException | RuntimeException e) {
            return null; // malformed or over a limit: the mapper reads it again and words the refusal
        }
    }

    /** The object whose START_OBJECT was just read, or null. */
    private static ObjectNode object(JsonParser p) throws IOException {
        FieldArray.Builder fields = new FieldArray.Builder();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (fields.has(name) || fields.full()) {
                return null; // a duplicate key (the mapper's parser refuses it, in its words), or too many
            }
            JsonNode value = value(p, p.nextToken());
            if (value == null) {
                return null;
            }
            fields.add(name, value);
        }
        return p.currentToken() == JsonToken.END_OBJECT ? fields.node(NODES) : null;
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            JsonNode value = value(p, t);
            if (value == null) {
                return null;
            }
            array.add(value);
        }
        return array;
    }

    /** The node Jackson's {@code JsonNodeDeserializer} makes for the current token (its choices, by number type), or null. */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return null;
        }
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                return array(p);
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                // The mapper makes a BigDecimal node for BIG_DECIMAL and a float node for FLOAT32; JSON text gives neither.
                return p.getNumberTypeFP() == JsonParser.NumberTypeFP.BIG_DECIMAL
                        || p.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32 ? null : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return null;
        }
    }
}
