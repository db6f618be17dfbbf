package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.motion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spill's earliest millisecond after each firing: the first key of the map on RocksDB (no scan of the home's keys),
 * a scan on the heap backend; both the least spilled millisecond left, negative ones included.
 */
class SpilledEventsTest {

    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> harness(boolean rocksDb)
            throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES)), 1),
                SensorEvent::homeId, Types.STRING, 128, 1, 0);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        return h;
    }

    private static MapState<Long, List<SensorEvent>> map(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h,
                                                         String home) throws Exception {
        h.getOperator().setCurrentKey(home);
        return h.getOperator().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, SpilledEvents.SPILLED);
    }

    /** What the ordered path relies on: RocksDB iterates a Long-keyed map in numeric order for keys from 0 up, a negative one after them. */
    @Test
    void rocksDbIteratesLongKeysInNumericOrderFromZeroUp_negativeOnesAfter() throws Exception {
        try (var h = harness(true)) {
            MapState<Long, List<SensorEvent>> map = map(h, "h1");
            Random random = new Random(5);
            TreeSet<Long> keys = new TreeSet<>(List.of(0L, 1L, 255L, 256L, 65_535L, 65_536L, 1L << 31, (1L << 32) + 1, Long.MAX_VALUE));
            while (keys.size() < 300) {
                keys.add(random.nextLong(2_000_000_000_000L));
            }
            for (long k : keys) {
                map.put(k, List.of());
            }
            map.put(-5L, List.of());
            List<Long> iterated = new ArrayList<>();
            map.keys().forEach(iterated::add);
            List<Long> expected = new ArrayList<>(keys);
            expected.add(-5L);
            assertThat(iterated).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theEarliestAfterEachTake_isTheLeastLeft(boolean rocksDb) throws Exception {
        try (var h = harness(rocksDb)) {
            MapState<Long, List<SensorEvent>> map = map(h, "h1");
            SpilledEvents spilled = new SpilledEvents(map, rocksDb);
            Random random = new Random(9);
            TreeSet<Long> left = new TreeSet<>();
            long base = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
            for (int i = 0; i < 200; i++) {
                long ms = i < 3 ? -1_000L * (i + 1) : i < 6 ? 250L + i : base + random.nextInt(3_600_000);
                spilled.add("h1", ms, List.of(motion("h1", "pir-kitchen", Instant.ofEpochMilli(ms))));
                left.add(ms);
            }
            while (!left.isEmpty()) {
                assertThat(spilled.earliest("h1")).isEqualTo(left.first());
                long ms = left.pollFirst();
                assertThat(spilled.takeAt("h1", ms)).isNotEmpty().allMatch(e -> e.ts().toEpochMilli() == ms);
            }
            assertThat(spilled.earliest("h1")).isNull();
            assertThat(spilled.events()).isZero();
        }
    }

    @Test
    void takeAll_returnsEveryEventAndEveryMillisecond_andLeavesNothing() throws Exception {
        try (var h = harness(false)) {
            SpilledEvents spilled = new SpilledEvents(map(h, "h1"), false);
            long base = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
            spilled.add("h1", base + 5, List.of(motion("h1", "pir-kitchen", Instant.ofEpochMilli(base + 5))));
            spilled.add("h1", base + 2, List.of(motion("h1", "pir-kitchen", Instant.ofEpochMilli(base + 2)),
                    motion("h1", "pir-bathroom", Instant.ofEpochMilli(base + 2))));
            TreeSet<Long> armed = new TreeSet<>();
            assertThat(spilled.takeAll("h1", armed::add)).hasSize(3);
            assertThat(armed).containsExactly(base + 2, base + 5);
            assertThat(spilled.homes()).isZero();
            assertThat(spilled.events()).isZero();
            assertThat(map(h, "h1").isEmpty()).isTrue();
        }
    }
}
