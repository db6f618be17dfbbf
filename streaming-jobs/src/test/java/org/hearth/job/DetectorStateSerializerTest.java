package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.RuleSettings;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

class DetectorStateSerializerTest {

    private static final Instant T = Instant.parse("2026-11-02T07:30:00.123456789Z");

    private static <T> T roundTrip(org.apache.flink.api.common.typeutils.TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        DataOutputSerializer copied = new DataOutputSerializer(256);
        s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void sensorEvent_roundTripsEveryFieldWithNanoseconds() throws Exception {
        SensorEvent full = new SensorEvent("h1", "pir-hall", T, SensorKind.MOTION, 1.0, 87, 143);
        SensorEvent bare = SensorEvent.of("h1", "kettle", T.minusNanos(1), SensorKind.POWER, 2150.5);

        assertThat(roundTrip(SensorEventSerializer.INSTANCE, full)).isEqualTo(full);
        assertThat(roundTrip(SensorEventSerializer.INSTANCE, bare)).isEqualTo(bare);
    }

    @Test
    void detectorState_roundTripsTheRulesStateAndTheDeadlineTimer() throws Exception {
        HomeRules rules = new HomeRules(new RegistryLoader().parse("homes.yaml", DetectionFixtures.HOMES).homes().get(0), RuleSettings.DEFAULTS);
        HomeRulesState state = new HomeRulesState();
        for (int i = 0; i < 40; i++) {
            Instant t = T.plusSeconds(97L * i).plusNanos(i);
            rules.onEvent(state, SensorEvent.of("h1", i % 2 == 0 ? "pir-kitchen" : "bed", t,
                    i % 2 == 0 ? SensorKind.MOTION : SensorKind.BED, i % 3 == 0 ? 1 : 0));
            rules.advanceTo(state, t);
        }
        state.lastCareDay = LocalDate.of(2026, 11, 1);
        state.safety.lastPress = Instant.MIN.plusSeconds(1); // outside the nanosecond range: written as text

        DetectorState back = roundTrip(DetectorStateSerializer.INSTANCE, new DetectorState(state, 1_764_000_000_123L));
        DetectorState none = roundTrip(DetectorStateSerializer.INSTANCE, new DetectorState(new HomeRulesState(), null));

        assertThat(back.deadlineTimer).isEqualTo(1_764_000_000_123L);
        assertThat(HearthJson.json().writeValueAsString(back.rules)).isEqualTo(HearthJson.json().writeValueAsString(state));
        assertThat(back.rules.safety.lastInside).isEqualTo(state.safety.lastInside).isNotNull();
        assertThat(none.deadlineTimer).isNull();
        assertThat(rules.nextDeadline(back.rules)).isEqualTo(rules.nextDeadline(state));
    }

    @Test
    void detectorState_isWrittenBinaryAndAFormat1JsonValueIsStillRead() throws Exception {
        HomeRules rules = new HomeRules(new RegistryLoader().parse("homes.yaml", DetectionFixtures.HOMES).homes().get(0), RuleSettings.DEFAULTS);
        HomeRulesState state = new HomeRulesState();
        for (int i = 0; i < 20; i++) {
            Instant t = T.plusSeconds(61L * i);
            rules.onEvent(state, SensorEvent.of("h1", "pir-kitchen", t, SensorKind.MOTION, 1));
            rules.advanceTo(state, t);
        }
        DataOutputSerializer binary = new DataOutputSerializer(256);
        DetectorStateSerializer.INSTANCE.serialize(new DetectorState(state, 42L), binary);
        byte[] json = HearthJson.json().writeValueAsBytes(state);
        assertThat(binary.getCopyOfBuffer()[0]).isEqualTo((byte) DetectorStateSerializer.BINARY);
        assertThat(binary.length()).isLessThan(json.length);

        // what the first releases wrote (format 1): a deadline flag and number, then the JSON
        DataOutputSerializer v1 = new DataOutputSerializer(256);
        v1.writeBoolean(true);
        v1.writeLong(42L);
        v1.writeInt(json.length);
        v1.write(json);
        DetectorState old = DetectorStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(v1.getCopyOfBuffer()));

        assertThat(old.deadlineTimer).isEqualTo(42L);
        assertThat(HearthJson.json().writeValueAsString(old.rules)).isEqualTo(HearthJson.json().writeValueAsString(state));
        DataOutputSerializer rewritten = new DataOutputSerializer(256);
        DetectorStateSerializer.INSTANCE.serialize(old, rewritten);
        assertThat(rewritten.getCopyOfBuffer()).isEqualTo(binary.getCopyOfBuffer());
    }
}
