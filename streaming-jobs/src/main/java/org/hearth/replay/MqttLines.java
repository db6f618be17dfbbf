package org.hearth.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.capture.CapturedMessage;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
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
        // The replay policy has no time bounds, so this clock is never read.
        this.ingestor = new MessageIngestor(RoutingTable.of(registry), ValidationPolicy.replay(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
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
        List<ReplayRecord> out = new ArrayList<>(result.events().size() + result.deadLetters().size());
        result.events().forEach(e -> out.add(ReplayRecord.of(e)));
        result.deadLetters().forEach(d -> out.add(ReplayRecord.of(new DeadLetter(d.reason(), where + ": " + d.detail(),
                d.topic(), d.payload(), d.encoding(), d.payloadBytes(), d.receivedAt()))));
        return out;
    }
}
