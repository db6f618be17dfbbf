package org.hearth.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.List;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;

class StampedPayloadTest {

    @Test
    void writesJacksonsBytesForEveryKindAndInstant() throws Exception {
        List<SensorEvent> readings = List.of(
                new SensorEvent("h1", "pir-kitchen", Instant.EPOCH, SensorKind.MOTION, 1, 87, 150),
                new SensorEvent("h1", "front-door", Instant.EPOCH, SensorKind.CONTACT, 0, null, null),
                new SensorEvent("h1", "kitchen-plug", Instant.EPOCH, SensorKind.POWER, 2150.5, null, 90),
                new SensorEvent("h1", "bed", Instant.EPOCH, SensorKind.BED, 1, 60, null),
                new SensorEvent("h1", "hall-t", Instant.EPOCH, SensorKind.TEMPERATURE, -3.25, 100, 200),
                new SensorEvent("h1", "hub", Instant.EPOCH, SensorKind.HEARTBEAT, 0, null, null),
                new SensorEvent("h1", "help-button", Instant.EPOCH, SensorKind.BUTTON, 1, 90, 150));
        // whole seconds, millis, micros (the wall clock's on Linux), nanos: ISO_INSTANT writes each differently
        List<Instant> instants = List.of(Instant.parse("2026-12-07T21:40:00Z"), Instant.parse("2026-12-07T21:40:01.120Z"),
                Instant.parse("2026-12-07T21:40:01.123456Z"), Instant.parse("2026-12-07T21:40:01.000000001Z"),
                Instant.parse("1999-01-01T00:00:00.100Z"));
        for (SensorEvent r : readings) {
            StampedPayload payload = StampedPayload.of(r);
            for (Instant ts : instants) {
                SensorEvent stamped = new SensorEvent(r.homeId(), r.sensorId(), ts, r.kind(), r.value(), r.battery(), r.linkQuality());
                assertArrayEquals(HearthJson.json().writeValueAsBytes(NativeMessage.of(stamped)), payload.at(ts), r + " at " + ts);
            }
        }
    }
}
