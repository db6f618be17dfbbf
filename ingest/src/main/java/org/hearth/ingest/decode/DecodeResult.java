package org.hearth.ingest.decode;

import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.models.event.SensorEvent;

/**
 * What one MQTT message turned into: events, dead letters, or (for a hub's own control traffic such
 * as {@code zigbee2mqtt/bridge/state}, or a message with nothing for any registered sensor)
 * neither, which is counted as ignored. A message for a device with several sensors can give
 * both events and dead letters.
 */
public record DecodeResult(List<SensorEvent> events, List<DeadLetter> deadLetters) {

    public DecodeResult {
        events = List.copyOf(events);
        deadLetters = List.copyOf(deadLetters);
    }

    public static DecodeResult of(SensorEvent event) {
        return new DecodeResult(List.of(event), List.of());
    }

    public static DecodeResult of(DeadLetter deadLetter) {
        return new DecodeResult(List.of(), List.of(deadLetter));
    }

    public static DecodeResult ignored() {
        return new DecodeResult(List.of(), List.of());
    }

    /** True when the message gave neither events nor dead letters. */
    public boolean isIgnored() {
        return events.isEmpty() && deadLetters.isEmpty();
    }

    /** Collects the outcomes for the sensors of one device. */
    static final class Builder {
        final List<SensorEvent> events = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        DecodeResult build() {
            return new DecodeResult(events, deadLetters);
        }
    }
}
