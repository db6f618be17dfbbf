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
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.state.StateCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open days' gatherings moved out of the hot value into their keyed list ({@link DetectorStore#DAY_PARTS}) on
 * RocksDB: added while a day is open, folded back and cleared when it closes, carried by a checkpoint, so a restore in
 * the middle of a day learns the same baseline as a run without one.
 */
class DetectorStoreDayPartsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int DAYS = 4;

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void partsLeaveTheHotValueWhileTheDayIsOpen_comeBackWhenItCloses_andSurviveARestore() throws Exception {
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            events.addAll(day(FIRST.plusDays(i)));
        }
        int middle = events.size() / 2 + 7; // inside a care day, after several parts left

        // straight through
        harness = open(null);
        int mostParts = 0;
        for (int i = 0; i < events.size(); i++) {
            send(events.get(i));
            mostParts = Math.max(mostParts, parts().size());
        }
        byte[] straight = baseline();
        assertThat(StateCodec.readBaseline(straight).days()).as("the closed days learned").isEqualTo(DAYS - 1);
        assertThat(mostParts).as("parts left the hot value while a day was open").isGreaterThan(1);
        harness.close();

        // the same, restored from a checkpoint taken in the middle of a day
        harness = open(null);
        for (int i = 0; i < middle; i++) {
            send(events.get(i));
        }
        int partsAtCheckpoint = parts().size();
        assertThat(partsAtCheckpoint).as("parts in the list when the checkpoint is taken").isPositive();
        OperatorSubtaskState snapshot = harness.snapshot(1, ms(events.get(middle - 1).ts()));
        harness.close();
        harness = open(snapshot);
        assertThat(parts()).as("restored with the checkpoint").hasSize(partsAtCheckpoint);
        for (int i = middle; i < events.size(); i++) {
            send(events.get(i));
        }
        assertThat(baseline()).isEqualTo(straight);
    }

    @Test
    void aNewResident_doesNotLearnTheDayThePreviousResidentGatheredOutsideTheHotValue() throws Exception {
        harness = open(null);
        day(FIRST).forEach(this::sendUnchecked); // r1's care day of the 1st, still open: gathered in parts
        assertThat(parts()).isNotEmpty();
        harness.processBroadcastElement(ControlMessage.homes(HOMES.replace("{id: r1, alias: \"J.S.\"}", "{id: r9, alias: \"K.M.\"}")),
                ms(at(FIRST.plusDays(1), "11:00"))); // someone new moved in
        day(FIRST.plusDays(1)).forEach(this::sendUnchecked);
        send(SensorEvent.of("h1", "pir-kitchen", at(FIRST.plusDays(2), "13:45"), SensorKind.MOTION, 1));

        // the new resident's baseline holds their own day only (it held r1's 1st too: the parts were left in the list)
        assertThat(StateCodec.readBaseline(baseline()).window()).extracting(d -> d.date()).containsExactly(FIRST.plusDays(1));
    }

    @Test
    void aDayCloseFoldsThePartsBackAndClearsTheList() throws Exception {
        harness = open(null);
        day(FIRST).forEach(this::sendUnchecked);
        assertThat(parts()).isNotEmpty();

        // the next care day's first events: the day before closes (12:30 plus the home's offset, under an hour)
        send(SensorEvent.of("h1", "pir-kitchen", at(FIRST.plusDays(1), "13:45"), SensorKind.MOTION, 1));

        assertThat(StateCodec.readBaseline(baseline()).days()).isEqualTo(1);
        assertThat(parts()).as("folded into the day that closed, nothing left over").isEmpty();
    }

    /** A busy care day: the resident moves between the kitchen and the bathroom every few minutes, boils the kettle. */
    private static List<SensorEvent> day(LocalDate d) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>();
        Instant t = at(d, "12:30");
        for (int i = 0; i < 30; i++) { // afternoon: room changes, stillness spells of different lengths
            out.add(SensorEvent.of("h1", i % 2 == 0 ? "pir-kitchen" : "pir-bathroom", t, SensorKind.MOTION, 1));
            t = t.plusSeconds(300 + 97L * (i % 5));
        }
        out.add(SensorEvent.of("h1", "kitchen-plug", at(d, "17:00"), SensorKind.POWER, 2100));
        out.add(SensorEvent.of("h1", "kitchen-plug", at(d, "17:03"), SensorKind.POWER, 0));
        out.add(SensorEvent.of("h1", "bed", at(d, "22:50"), SensorKind.BED, 1));
        out.add(SensorEvent.of("h1", "bed", at(n, "07:30"), SensorKind.BED, 0));
        out.add(SensorEvent.of("h1", "pir-bathroom", at(n, "07:32"), SensorKind.MOTION, 1));
        out.add(SensorEvent.of("h1", "pir-kitchen", at(n, "07:45"), SensorKind.MOTION, 1));
        out.add(SensorEvent.of("h1", "kitchen-plug", at(n, "07:46"), SensorKind.POWER, 2200));
        out.add(SensorEvent.of("h1", "kitchen-plug", at(n, "07:49"), SensorKind.POWER, 0));
        out.add(SensorEvent.of("h1", "pir-kitchen", at(n, "10:00"), SensorKind.MOTION, 1));
        return out;
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> open(
            OperatorSubtaskState restore) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                        SensorEvent::homeId, Types.STRING, 1, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private void send(SensorEvent e) throws Exception {
        harness.processElement(e, ms(e.ts()));
        harness.watermark(ms(e.ts()));
    }

    private void sendUnchecked(SensorEvent e) {
        try {
            send(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] baseline() throws Exception {
        return ((ValueState<byte[]>) keyed(DetectorStore.BASELINE, ValueState.class)).value();
    }

    private List<byte[]> parts() throws Exception {
        List<byte[]> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        ListState<byte[]> list = keyed(DetectorStore.DAY_PARTS, ListState.class);
        Iterable<byte[]> stored = list.get();
        if (stored != null) {
            stored.forEach(out::add);
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <S extends State> S keyed(StateDescriptor<?, ?> descriptor, Class<S> kind) throws Exception {
        KeyedStateBackend<String> backend = (KeyedStateBackend<String>) (KeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("h1");
        return (S) backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, (StateDescriptor) descriptor);
    }
}
