package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.HomeRulesStateCodec;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The learned rules inside the job: a week of routine, then a morning with no rise and no events. */
class HomeDetectorLearnedTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int NORMAL_DAYS = 9;

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)),
                        HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, 1, 1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }

    /** Care day {@code d} (noon to noon) of a plain routine; up at 07:30 + a few minutes. */
    private static List<SensorEvent> day(LocalDate d, int riseOffset, boolean rises) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>(List.of(
                e(at(d, "12:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "12:31"), "kitchen-plug", SensorKind.POWER, 2100),
                e(at(d, "12:34"), "kitchen-plug", SensorKind.POWER, 0),
                e(at(d, "17:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e(at(d, "22:50"), "bed", SensorKind.BED, 1)));
        if (rises) {
            Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
            out.addAll(List.of(
                    e(up, "bed", SensorKind.BED, 0),
                    e(up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1),
                    e(up.plusSeconds(900), "pir-kitchen", SensorKind.MOTION, 1),
                    e(up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200),
                    e(up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0),
                    e(at(n, "10:00"), "pir-kitchen", SensorKind.MOTION, 1)));
        }
        return out;
    }

    /**
     * The detector on RocksDB (the state as the job keeps it) after the normal days, then an odd day that ends with
     * the resident into bed at 22:50 and nothing at all after; returns that odd day.
     */
    private LocalDate learnedOnRocksDb() throws Exception {
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, 1, 1, 0);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true));
        }
        LocalDate odd = FIRST.plusDays(NORMAL_DAYS);
        send(day(odd, 0, false));
        return odd;
    }

    @Test
    void aStateKeptInOneValueByAnEarlierReleaseMovesItsBaselineIntoItsOwnValueOnFirstAccessAndDecidesFromIt()
            throws Exception {
        LocalDate odd = learnedOnRocksDb();

        // As this release keeps it: the hot value without the baseline, the baseline in a value of its own.
        ValueState<DetectorState> hot = keyed(DetectorStore.HOT);
        ValueState<byte[]> cold = keyed(DetectorStore.BASELINE);
        DetectorState now = decoded(hot.value());
        byte[] baseline = cold.value();
        assertThat(now.rules.learned.baselineApart()).isTrue();
        assertThat(baseline).isNotNull();

        // As the releases before kept it: one value (format 2, rule state version 2) holding the baseline.
        now.rules.learned.useBaselineStore(() -> baseline);
        DataOutputSerializer v2 = new DataOutputSerializer(8192);
        v2.writeByte(DetectorStateSerializer.BINARY);
        v2.writeBoolean(now.deadlineTimer != null);
        if (now.deadlineTimer != null) {
            v2.writeLong(now.deadlineTimer);
        }
        HomeRulesStateCodec.write(now.rules, v2, 2);
        DetectorState old = DetectorStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(v2.getCopyOfBuffer()));
        assertThat(old.rules.learned.baselineApart()).isFalse();
        hot.update(old);
        cold.clear();

        LocalDate morning = odd.plusDays(1);
        harness.watermark(ms(at(morning, "09:30"))); // only time passes: the deadline timer's access

        assertThat(outcomes(Rule.NOT_UP)).as("decided from the baseline that was inline").singleElement().satisfies(o -> {
            assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(o.at()).isAfter(at(morning, "08:10")).isBefore(at(morning, "08:40"));
        });
        hot = keyed(DetectorStore.HOT);
        cold = keyed(DetectorStore.BASELINE);
        assertThat(cold.value()).as("moved into its own value").isEqualTo(baseline);
        assertThat(decoded(hot.value()).rules.learned.baselineApart()).as("and left out of the hot one").isTrue();
        assertThat(bytes(hot.value()).length).isLessThan(v2.length() - baseline.length + 2);
    }

    @Test
    void aKitChangeReadsTheHotValueThroughTheKeptKitStringsLosesNothingAndMovesItToTheNewKit() throws Exception {
        LocalDate odd = learnedOnRocksDb();
        var before = kitOf(HOMES);
        assertThat(org.hearth.models.encoding.KitStrings.decode(keyed(DetectorStore.KIT).value())).isEqualTo(before);
        String safety = json(decoded(keyed(DetectorStore.HOT).value()).rules.safety);

        // a motion sensor joins the hall: another kit, the same rooms (the learned limits stay valid)
        String grown = HOMES.replace("""
                      - {id: button, kind: button, room: lounge, role: help-button}
                """, """
                      - {id: button, kind: button, room: lounge, role: help-button}
                      - {id: pir-hall, kind: motion, room: hall}
                """);
        assertThat(grown).isNotEqualTo(HOMES);
        var after = kitOf(grown);
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        harness.processBroadcastElement(ControlMessage.homes(grown), ms(at(odd, "23:00")));

        // not migrated: the hot value still names the old kit, and reads through the strings kept for it
        DetectorState read = keyed(DetectorStore.HOT).value();
        HomeRulesStateCodec.resolve(read.rules, after, keyed(DetectorStore.KIT)::value);
        assertThat(json(read.rules.safety)).as("every sensor track, as before the change").isEqualTo(safety);

        LocalDate morning = odd.plusDays(1);
        harness.watermark(ms(at(morning, "09:30"))); // the deadline timer's access, under the new kit
        assertThat(outcomes(Rule.NOT_UP)).as("decided from what was learned under the old kit").singleElement()
                .satisfies(o -> assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE));
        // that access wrote the value against the new kit, and keeps the new kit's strings for it
        assertThat(org.hearth.models.encoding.KitStrings.decode(keyed(DetectorStore.KIT).value())).isEqualTo(after);
        DetectorState now = keyed(DetectorStore.HOT).value();
        HomeRulesStateCodec.resolve(now.rules, after, () -> {
            throw new AssertionError("written against the current kit: no kept strings needed");
        });
        assertThat(now.rules.safety.sensors.keySet()).containsAll(read.rules.safety.sensors.keySet());
    }

    private static org.hearth.models.encoding.KitStrings kitOf(String homes) {
        return org.hearth.models.rules.DetectionSettings.parse(homes, null).rules("h1").orElseThrow().kitStrings();
    }

    private static String json(Object o) throws Exception {
        return org.hearth.models.json.HearthJson.json().writeValueAsString(o);
    }

    /** The hot value as the detector reads it: decoded with h1's kit ({@link DetectorStore#read}). */
    private DetectorState decoded(DetectorState s) throws Exception {
        HomeRulesStateCodec.resolve(s.rules, kitOf(HOMES), keyed(DetectorStore.KIT)::value);
        return s;
    }

    @SuppressWarnings("unchecked")
    private <T> ValueState<T> keyed(ValueStateDescriptor<T> descriptor) throws Exception {
        KeyedStateBackend<String> backend = (KeyedStateBackend<String>) (KeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("h1");
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private static byte[] bytes(DetectorState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        DetectorStateSerializer.INSTANCE.serialize(s, out);
        return out.getCopyOfBuffer();
    }

    private void send(List<SensorEvent> events) throws Exception {
        for (SensorEvent ev : events) {
            harness.processElement(ev, ms(ev.ts()));
            harness.watermark(ms(ev.ts()));
        }
    }

    private List<RuleOutcome> outcomes(Rule rule) {
        return harness.extractOutputValues().stream().map(d -> ((RuleDecision) d).outcome()).filter(o -> o.rule() == rule).toList();
    }

    @Test
    void shouldRaiseNotUpInSilenceAsTheWatermarkAdvancesAndClearWhenThePersonGetsUp() throws Exception {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true));
        }
        LocalDate odd = FIRST.plusDays(NORMAL_DAYS);
        LocalDate morning = odd.plusDays(1);
        send(day(odd, 0, false)); // into bed at 22:50, then nothing at all
        assertThat(outcomes(Rule.NOT_UP)).isEmpty();

        harness.watermark(ms(at(morning, "08:00")));
        assertThat(outcomes(Rule.NOT_UP)).isEmpty();
        harness.watermark(ms(at(morning, "09:30"))); // only time passes

        assertThat(outcomes(Rule.NOT_UP)).singleElement().satisfies(o -> {
            assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(o.at()).isAfter(at(morning, "08:10")).isBefore(at(morning, "08:40"));
            assertThat(o.explanation().expected()).startsWith("usually up by 07:");
            assertThat(o.explanation().observed()).isEqualTo("no movement since 22:40");
        });
        assertThat(outcomes(Rule.NO_KETTLE)).isEmpty(); // not up: no second alert for the kettle

        send(List.of(e(at(morning, "09:40"), "bed", SensorKind.BED, 0),
                e(at(morning, "09:45"), "pir-kitchen", SensorKind.MOTION, 1)));
        harness.watermark(ms(at(morning, "09:50")));

        assertThat(outcomes(Rule.NOT_UP)).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.RAISE, RuleOutcome.Change.CLEAR);
    }
}
