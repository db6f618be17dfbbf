package org.hearth.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An object's fields in reading order, as the map a payload's {@code ObjectNode} keeps
 * ({@link PayloadScanner}, {@link PayloadTree}): read-only (the decoders only read), looked up by
 * comparing the few names rather than through a {@code LinkedHashMap} built per object.
 */
final class FieldArray extends AbstractMap<String, JsonNode> {

    private final String[] names;
    private final JsonNode[] values;
    private final int size;

    FieldArray(String[] names, JsonNode[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    @Override
    public JsonNode get(Object key) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * One object's fields as a parser reads them ({@link PayloadScanner}, {@link PayloadTree}), with
     * the two refusals both make: a name read twice (the mapper's parser refuses it, in its words) and
     * more than {@link PayloadTree#MAX_FIELDS} fields.
     */
    static final class Builder {
        private String[] names = new String[8];
        private JsonNode[] values = new JsonNode[8];
        private int size;

        /** Whether no further field may be read. */
        boolean full() {
            return size == PayloadTree.MAX_FIELDS;
        }

        /** Whether this name was read already. */
        boolean has(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return true;
                }
            }
            return false;
        }

        void add(String name, JsonNode value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }

        ObjectNode node(JsonNodeFactory nodes) {
            return new ObjectNode(nodes, new FieldArray(names, values, size));
        }
    }
}
