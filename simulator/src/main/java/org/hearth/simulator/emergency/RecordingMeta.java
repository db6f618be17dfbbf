package org.hearth.simulator.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.json.HearthJson;

/**
 * {@code meta.json} of a real recording (the shared real-home README): homes, whole days recorded,
 * learning days, label and event counts, and the recording's own outages (not judged).
 * {@code insertion} (how the emergencies were made) is extra and may be null; readers ignore it.
 */
public record RecordingMeta(int homes, int days, int learn, int labels, long events, List<Outage> outages, JsonNode insertion) {

    public RecordingMeta {
        outages = List.copyOf(outages);
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = HearthJson.json();
        ObjectNode n = json.createObjectNode();
        n.put("homes", homes).put("days", days).put("learn", learn).put("labels", labels).put("events", events);
        ArrayNode list = n.putArray("outages");
        for (Outage o : outages) {
            list.addObject().put("start", o.start().toString()).put("end", o.end().toString());
        }
        if (insertion != null) {
            n.set("insertion", insertion);
        }
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads {@code meta.json}; a missing or malformed field is an error naming the file and the field. */
    public static RecordingMeta read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        JsonNode n;
        try {
            n = HearthJson.json().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(file + ": not a JSON object");
        }
        List<Outage> outages = new ArrayList<>();
        JsonNode list = n.path("outages");
        for (int i = 0; i < list.size(); i++) {
            try {
                outages.add(new Outage(Instant.parse(list.get(i).path("start").asText()), Instant.parse(list.get(i).path("end").asText())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": outages[" + i + "]: start and end must be ISO instants");
            }
        }
        return new RecordingMeta(integer(file, n, "homes"), integer(file, n, "days"), integer(file, n, "learn"),
                n.path("labels").asInt(), n.path("events").asLong(), outages, n.get("insertion"));
    }

    private static int integer(Path file, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' missing or not a whole number");
        }
        return v.asInt();
    }
}
