package org.hearth.models.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each value of a YAML document starts, by JSON pointer ({@code /homes/0/id}).
 * For a field, the line of its key. Jackson's tree model forgets locations, so this reads the document once more as a token stream.
 */
public final class YamlLineIndex {

    private final Map<String, Integer> lines = new HashMap<>();

    public YamlLineIndex(ObjectMapper yaml, String text) throws IOException {
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // A field's key line wins over its value's: "sensors:" is where an installer looks.
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointer = parser.getParsingContext().getParent() == null
                            ? "" : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor that has one; 0 if none. */
    public int lineOf(String pointer) {
        JsonPointer current = JsonPointer.compile(pointer);
        while (current != null) {
            Integer line = lines.get(current.toString());
            if (line != null) {
                return line;
            }
            current = current.head();
        }
        return 0;
    }
}
