package org.hearth.replay;

import java.util.List;
import org.hearth.ingest.capture.CapturedMessage;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.models.registry.KitRegistry;

/**
 * Lines of {@code capture.jsonl} ({@link CapturedMessage}, written by {@code hearth capture}): each
 * is the raw MQTT message as a broker delivered it, handed to ingest's own {@link MessageIngestor}
 * with its recorded receive time, so a capture of any kit (Zigbee2MQTT, Shelly, Tasmota, native)
 * decodes, validates and dead-letters exactly as live ingest did or would (with the replay policy:
 * no bound on how old a timestamp may be). A dead letter keeps the message's own topic and payload
 * and names the capture line.
 */
final class MqttLines implements LineDecoder {

    private final String file;
    private final MessageIngestor ingestor;

    MqttLines(String file, KitRegistry registry) {
        this.file = file;
        this.ingestor = ReplayIngest.ingestor(registry);
    }

    @Override
    public List<ReplayRecord> decode(String line, long lineNumber) {
        String where = file + ":" + lineNumber;
        CapturedMessage captured;
        try {
            captured = CapturedMessage.parse(line);
        } catch (IllegalArgumentException e) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.MALFORMED_JSON, "not a capture line: " + e.getMessage()));
        }
        DecodeResult result = ingestor.ingest(captured.toMqttMessage());
        return ReplayIngest.records(result, where);
    }
}
