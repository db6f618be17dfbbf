package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.models.event.SensorEvent;
import org.junit.jupiter.api.Test;

class PendingEventsTest {

    private final PendingEvents pending = new PendingEvents();

    @Test
    void handsOutByMillisecondThenHomeThenEventOrder() {
        SensorEvent h2Kitchen = motion("h2", "pir-kitchen", MORNING);
        SensorEvent h1KitchenLaterInTheMs = motion("h1", "pir-kitchen", MORNING.plusNanos(500_000));
        SensorEvent h1Bathroom = motion("h1", "pir-bathroom", MORNING);
        SensorEvent h1Kitchen = motion("h1", "pir-kitchen", MORNING);
        SensorEvent h1NextMs = motion("h1", "pir-kitchen", MORNING.plusMillis(1));
        for (SensorEvent e : List.of(h1NextMs, h2Kitchen, h1KitchenLaterInTheMs, h1Kitchen, h1Bathroom)) {
            pending.add(e);
        }

        assertThat(pending.nextDue(ms(MORNING) - 1)).as("nothing at or before the watermark").isNull();
        assertThat(pending.nextDue(ms(MORNING))).isEqualTo(ms(MORNING));
        assertThat(pending.takeEarliest()).containsExactly(
                List.of(h1Bathroom, h1Kitchen, h1KitchenLaterInTheMs), List.of(h2Kitchen));
        assertThat(pending.nextDue(ms(MORNING))).isNull();
        assertThat(pending.nextDue(Long.MAX_VALUE)).isEqualTo(ms(MORNING) + 1);
        assertThat(pending.takeEarliest()).containsExactly(List.of(h1NextMs));
        assertThat(pending.size()).isZero();
        assertThat(pending.takeEarliest()).isEmpty();
    }

    @Test
    void takesTheLatestMillisecondWholeForTheBound() {
        SensorEvent h2Late = motion("h2", "pir-kitchen", MORNING.plusSeconds(5));
        SensorEvent h1Late = motion("h1", "pir-bathroom", MORNING.plusSeconds(5));
        SensorEvent h1LateToo = motion("h1", "pir-kitchen", MORNING.plusSeconds(5));
        SensorEvent early = motion("h1", "pir-kitchen", MORNING);
        for (SensorEvent e : List.of(h2Late, early, h1LateToo, h1Late)) {
            pending.add(e);
        }

        assertThat(pending.latest()).isEqualTo(ms(MORNING.plusSeconds(5)));
        assertThat(pending.takeLatest()).containsExactly(List.of(h1Late, h1LateToo), List.of(h2Late));
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.latest()).isEqualTo(ms(MORNING));
        assertThat(pending.takeLatest()).containsExactly(List.of(early));
        assertThat(pending.latest()).isNull();
        assertThat(pending.takeLatest()).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void forgetsTheEventsOfRemovedHomes() {
        pending.add(motion("h1", "pir-kitchen", MORNING));
        pending.add(motion("h2", "pir-kitchen", MORNING));
        pending.add(motion("h2", "pir-kitchen", MORNING.plusSeconds(1)));

        assertThat(pending.forget(Set.of("h2"))).isEqualTo(2);
        assertThat(pending.all()).extracting(SensorEvent::homeId).containsExactly("h1");
        assertThat(pending.forget(Set.of())).isZero();
    }

    @Test
    void snapshotRestoresTheSameEvents() throws IOException {
        pending.add(motion("h1", "pir-kitchen", MORNING.plusNanos(123)));
        pending.add(motion("h2", "pir-bathroom", MORNING));
        PendingEvents restored = new PendingEvents();
        restored.restore(pending.snapshot());
        restored.restore(new PendingEvents().snapshot()); // an empty subtask's

        assertThat(restored.all()).containsExactlyInAnyOrderElementsOf(pending.all());
    }

    @Test
    void aRestoreKeepsOnlyWhatItIsGiven_asItReads() throws IOException {
        pending.add(motion("h1", "pir-kitchen", MORNING.plusNanos(123)));
        pending.add(motion("h2", "pir-bathroom", MORNING));
        List<String> tested = new ArrayList<>();
        PendingEvents restored = new PendingEvents();
        restored.restore(pending.snapshot(), e -> {
            tested.add(e.homeId() + "@" + restored.size()); // the heap's size when each event is tested
            return e.homeId().equals("h2");
        });

        assertThat(restored.all()).extracting(SensorEvent::homeId).containsExactly("h2");
        assertThat(tested).as("h1 never on the heap").containsExactlyInAnyOrder("h1@0", "h2@0");
    }

    @Test
    void refusesASnapshotOfAnotherFormat() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        out.writeInt(PendingEvents.FORMAT + 1);
        out.writeInt(0);

        assertThatThrownBy(() -> pending.restore(out.getCopyOfBuffer()))
                .isInstanceOf(IOException.class).hasMessageContaining("format 2");
    }
}
