package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.junit.jupiter.api.Test;

/**
 * The detector's heap buffer of waiting events in its operator: decisions as with a keyed list and a
 * timer per event, checkpointed, rescaled, and taking over the keyed list of older state.
 */
class PendingEventsOperatorTest {

    private static final int KEY_GROUPS = 128;

    private interface Feed {
        void into(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h) throws Exception;
    }

    @Test
    void decidesAsTheKeyedListWithATimerPerEventDid() throws Exception {
        // Events out of order within the lateness, two homes at one millisecond, an event at the very
        // millisecond of a home's deadline timer (stillness 2 h after the first), and silences that raise.
        Feed feed = h -> {
            h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 2h}"), ms(MORNING));
            h.processElement(motion("h1", "pir-kitchen", MORNING.plusSeconds(20)), ms(MORNING));
            h.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h1", "pir-bathroom", MORNING), ms(MORNING));
            h.watermark(ms(MORNING.plusSeconds(10)));
            h.processElement(motion("h2", "pir-bathroom", MORNING.plusSeconds(30)), ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofMinutes(1))));
            h.processElement(motion("h1", "pir-bathroom", MORNING.plusSeconds(20).plus(Duration.ofHours(2))), ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofHours(3))));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plus(Duration.ofHours(3)).plusMillis(1)), ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofHours(9))));
        };
        List<LifecycleCommand> before = run(keyedListDetector(), feed);
        List<LifecycleCommand> now = run(heapBufferDetector(), feed);

        assertThat(before).as("the reference raises something").isNotEmpty();
        assertThat(perHome(now, "h1")).isEqualTo(perHome(before, "h1"));
        assertThat(perHome(now, "h2")).isEqualTo(perHome(before, "h2"));
        assertThat(now).hasSameSizeAs(before);
    }

    @Test
    void checkpointsTheBufferAndRescalesItByKeyGroup() throws Exception {
        OperatorSubtaskState snapshot;
        List<LifecycleCommand> whole;
        try (var h = heapBufferDetector()) {
            h.open();
            h.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(10)), ms(MORNING));
            h.watermark(ms(MORNING) - 1); // both still waiting
            assertThat(h.numEventTimeTimers()).as("no timer per event").isZero();
            snapshot = h.snapshot(1L, ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofHours(13))));
            whole = new ArrayList<>(h.extractOutputValues());
        }
        assertThat(whole).extracting(c -> ((RuleDecision) c).homeId()).containsExactlyInAnyOrder("h1", "h2");

        List<LifecycleCommand> rescaled = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = heapBufferDetector(2, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, KEY_GROUPS, 1, 2, subtask));
                h.open();
                h.watermark(ms(MORNING.plus(Duration.ofHours(13))));
                for (Object out : h.extractOutputValues()) {
                    String home = ((RuleDecision) out).homeId();
                    assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(home, KEY_GROUPS, 2))
                            .as("%s decided in its own subtask only", home).isEqualTo(subtask);
                    rescaled.add((LifecycleCommand) out);
                }
            }
        }
        assertThat(rescaled).containsExactlyInAnyOrderElementsOf(whole);
    }

    @Test
    void takesOverTheKeyedListAndTimersOfOlderStateInOrder() throws Exception {
        Feed first = h -> {
            h.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h1", "pir-kitchen", MORNING.plusSeconds(30)), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(20)), ms(MORNING));
            h.watermark(ms(MORNING.plusSeconds(10)));
        };
        Feed then = h -> {
            // at the same millisecond as h1's event still in the old list: it must come first (EVENT_ORDER)
            h.processElement(motion("h1", "pir-bathroom", MORNING.plusSeconds(30)), ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofHours(13))));
        };
        List<LifecycleCommand> uninterrupted = run(keyedListDetector(), h -> {
            first.into(h);
            then.into(h);
        });

        for (boolean rocksDb : new boolean[] {false, true}) {
            OperatorSubtaskState older;
            try (var h = keyedListDetector()) {
                if (rocksDb) {
                    h.setStateBackend(new EmbeddedRocksDBStateBackend());
                }
                h.open();
                first.into(h);
                assertThat(h.numEventTimeTimers()).as("h1's deadline and a timer per waiting event").isEqualTo(3);
                older = h.snapshot(1L, ms(MORNING));
            }
            try (var h = heapBufferDetector()) {
                if (rocksDb) {
                    h.setStateBackend(new EmbeddedRocksDBStateBackend());
                }
                h.initializeState(older);
                h.open();
                assertThat(h.numEventTimeTimers()).as("only h1's deadline timer is left").isEqualTo(1);
                assertThat(listedEvents(h)).as("the keyed list is emptied").isZero();
                then.into(h);
                List<LifecycleCommand> restored = h.extractOutputValues();
                assertThat(restored).as("rocksDb=%s", rocksDb).isNotEmpty().containsExactlyInAnyOrderElementsOf(uninterrupted);
                assertThat(perHome(restored, "h1")).isEqualTo(perHome(uninterrupted, "h1"));
            }
        }
    }

    @Test
    void aRemovedHomeForgetsItsWaitingEvents() throws Exception {
        String withoutH2 = HOMES.substring(0, HOMES.indexOf("  - id: h2"));
        try (var h = heapBufferDetector()) {
            h.open();
            h.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(1)), ms(MORNING));
            h.processBroadcastElement(ControlMessage.homes(withoutH2), ms(MORNING));
            h.watermark(ms(MORNING.plus(Duration.ofHours(13))));

            assertThat(h.extractOutputValues()).extracting(c -> ((RuleDecision) c).homeId()).containsOnly("h1").isNotEmpty();
            assertThat(h.getSideOutput(HomeDetector.UNKNOWN_HOME)).as("forgotten, not handed on").isNullOrEmpty();
        }
    }

    private static int listedEvents(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h)
            throws Exception {
        int[] n = {0};
        h.getOperator().getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                HomeDetector.PENDING, (key, list) -> list.get().forEach(e -> n[0]++));
        return n[0];
    }

    private static List<LifecycleCommand> run(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h,
                                              Feed feed) throws Exception {
        try (h) {
            h.open();
            feed.into(h);
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    private static List<String> perHome(List<LifecycleCommand> out, String home) {
        return out.stream().map(RuleDecision.class::cast).filter(d -> d.homeId().equals(home))
                .map(d -> d.outcome().rule() + "@" + d.outcome().at()).toList();
    }

    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> heapBufferDetector()
            throws Exception {
        return heapBufferDetector(1, 0);
    }

    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> heapBufferDetector(
            int parallelism, int subtask) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES))),
                SensorEvent::homeId, Types.STRING, KEY_GROUPS, parallelism, subtask);
    }

    /** The detector as builds before the heap buffer ran it. */
    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> keyedListDetector()
            throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, KEY_GROUPS, 1, 0);
    }
}
