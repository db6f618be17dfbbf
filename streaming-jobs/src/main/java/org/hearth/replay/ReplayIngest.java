package org.hearth.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.registry.KitRegistry;

/**
 * Live ingest's own decoder and validator as the replay of native and captured lines uses them, so that a
 * replay accepts and rejects exactly what live ingest would.
 */
final class ReplayIngest {

    private ReplayIngest() {}

    /** Ingest with the replay policy: no bound on how old a timestamp may be, so its clock is never read. */
    static MessageIngestor ingestor(KitRegistry registry) {
        return new MessageIngestor(RoutingTables.of(registry), ValidationPolicy.replay(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    /** One line's events and dead letters; each dead letter's detail names the line ({@code where}: file and number). */
    static List<ReplayRecord> records(DecodeResult result, String where) {
        List<ReplayRecord> out = new ArrayList<>(result.events().size() + result.deadLetters().size());
        result.events().forEach(e -> out.add(ReplayRecord.of(e)));
        result.deadLetters().forEach(d -> out.add(ReplayRecord.of(new DeadLetter(d.reason(), where + ": " + d.detail(),
                d.topic(), d.payload(), d.encoding(), d.payloadBytes(), d.receivedAt()))));
        return out;
    }
}
