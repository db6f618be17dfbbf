package org.hearth.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;

/**
 * Native replay lines ({@code {"homeId": "h1", "sensorId": "kitchen-plug", "ts": ..., "kind": ...,
 * "value": ...}}): each is handed to the ingest module's own decoder and validator as the message
 * it would have been on {@code hearth/{homeId}/{sensorId}}, so a replay accepts and rejects exactly
 * what live ingest would (with the replay policy: no bounds on how old a timestamp may be).
 */
final class NativeLines implements LineDecoder {

    private final String file;
    private final MessageIngestor ingestor;

    NativeLines(String file, KitRegistry registry) {
        this.file = file;
        this.ingestor = ReplayIngest.ingestor(registry);
    }

    @Override
    public List<ReplayRecord> decode(String line, long lineNumber) {
        String where = file + ":" + lineNumber;
        JsonNode node;
        try {
            node = HearthJson.json().readTree(line);
        } catch (Exception e) {
            return List.of(dead(where, line, DeadLetterReason.MALFORMED_JSON, "not JSON"));
        }
        if (node == null || !node.isObject() || !node.path("homeId").isTextual() || !node.path("sensorId").isTextual()) {
            return List.of(dead(where, line, DeadLetterReason.MISSING_FIELD, "a replay line needs 'homeId' and 'sensorId'"));
        }
        String topic = RoutingTable.NATIVE_ROOT + "/" + node.get("homeId").asText() + "/" + node.get("sensorId").asText();
        DecodeResult result = ingestor.ingest(MqttMessage.of(topic, line, Instant.EPOCH));
        return ReplayIngest.records(result, where);
    }

    static ReplayRecord dead(String where, String line, DeadLetterReason reason, String detail) {
        return ReplayRecord.of(new DeadLetter(reason, where + ": " + detail, "replay:" + where, line,
                DeadLetter.UTF_8, line.getBytes(StandardCharsets.UTF_8).length, Instant.EPOCH));
    }
}
