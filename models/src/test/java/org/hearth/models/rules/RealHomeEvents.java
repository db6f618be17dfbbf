package org.hearth.models.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/** A line of the shared real home's {@code events.jsonl} ({@code shared/data/real-homes-dev}) as a {@link SensorEvent}. */
final class RealHomeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealHomeEvents() {}

    static SensorEvent parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return SensorEvent.of(n.get("homeId").asText(), n.get("sensorId").asText(), Instant.parse(n.get("ts").asText()),
                    SensorKind.fromWireName(n.get("kind").asText()), n.get("value").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("not an event line: " + e.getMessage(), e);
        }
    }
}
