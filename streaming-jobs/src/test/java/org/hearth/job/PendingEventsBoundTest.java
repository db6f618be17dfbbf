package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.status.DetectorFacts;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The bound on the detector operator's heap of waiting events: past it, events wait in keyed state, and every
 * home's decisions and status facts are the same, in order, as with the heap unbounded; through checkpoints,
 * rescaling and a home's removal.
 */
class PendingEventsBoundTest {

    private static final int KEY_GROUPS = 128;
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final int HOME_COUNT = 8;
    /** Homes alike in kit two by two (a kettle, a door and a help button, or two motion sensors only). */
    private static final String HOMES = homes(HOME_COUNT);
    private static final List<String> SENSORS = List.of("pir-kitchen", "pir-bathroom", "front-door", "bed", "kitchen-plug");

    /** One step of a feed: an event, the watermark moving to a time, or (event null, control set) a control message. */
    private record Step(SensorEvent event, long watermark, ControlMessage control) {
        Step(SensorEvent event, long watermark) {
            this(event, watermark, null);
        }
    }

    private record Outputs(Map<String, List<String>> decisions, Map<String, List<DetectorFacts>> facts) {
        void add(Outputs more) {
            more.decisions.forEach((home, list) -> decisions.computeIfAbsent(home, h -> new ArrayList<>()).addAll(list));
            more.facts.forEach((home, list) -> facts.computeIfAbsent(home, h -> new ArrayList<>()).addAll(list));
        }

        int decided() {
            return decisions.values().stream().mapToInt(List::size).sum();
        }
    }

    @Test
    void theHeapStaysAtItsLimitWhileTheWatermarkIsHeld_andDecidesAsUnbounded() throws Exception {
        // Subtask 0 of 2 while the other source subtask is stalled: its watermark holds, readings keep coming.
        List<Step> feed = new ArrayList<>();
        Random random = new Random(7);
        List<String> mine = homesOf(2, 0);
        Instant t = MORNING;
        for (int i = 0; i < 3_000; i++) {
            t = t.plusMillis(random.nextInt(2_000));
            feed.add(new Step(event(mine.get(random.nextInt(mine.size())), SENSORS.get(random.nextInt(2)), t, random), 0));
        }
        int limit = 100;
        Outputs unbounded = new Outputs(new TreeMap<>(), new TreeMap<>());
        Outputs bounded = new Outputs(new TreeMap<>(), new TreeMap<>());
        try (var ref = detector(UNBOUNDED, 2, 0); var h = detector(limit, 2, 0)) {
            ref.open();
            h.open();
            thresholds(ref);
            thresholds(h);
            ref.watermark(ms(MORNING) - 1);
            h.watermark(ms(MORNING) - 1);
            int most = 0;
            for (Step s : feed) {
                ref.processElement(s.event, ms(MORNING));
                h.processElement(s.event, ms(MORNING));
                most = Math.max(most, operator(h).heapEvents());
            }
            assertThat(most).as("at most the limit on the heap").isEqualTo(limit);
            assertThat(operator(h).heapEvents() + operator(h).spilledEvents()).as("the rest in keyed state").isEqualTo(feed.size());
            assertThat(operator(h).spilledEvents()).isGreaterThan(2_000);
            assertThat(operator(h).spilledHomes()).isEqualTo(mine.size());
            for (Instant w = MORNING; !w.isAfter(t.plus(Duration.ofHours(14))); w = w.plus(Duration.ofMinutes(7))) {
                ref.watermark(ms(w));
                h.watermark(ms(w));
            }
            assertThat(operator(h).spilledEvents()).isZero();
            assertThat(operator(h).spilledHomes()).isZero();
            assertThat(operator(h).heapEvents()).isZero();
            unbounded.add(outputs(ref));
            bounded.add(outputs(h));
        }
        assertThat(unbounded.decided()).as("the reference decides something").isPositive();
        assertThat(unbounded.facts).as("and has status facts").isNotEmpty();
        assertSame(bounded, unbounded);
    }

    @Test
    void randomFeedsDecideAsUnbounded_atAnyLimit() throws Exception {
        for (int seed = 0; seed < 150; seed++) {
            Random random = new Random(seed);
            List<Step> feed = randomFeed(random);
            int limit = 1 + random.nextInt(12);
            Outputs unbounded = run(UNBOUNDED, feed, false);
            Outputs bounded = run(limit, feed, seed % 5 == 0); // a fifth on RocksDB
            assertThat(unbounded.decided()).as("seed %d decides something", seed).isPositive();
            assertSame(bounded, unbounded);
        }
    }

    /**
     * Review-17 F1: a home removed while it had spilled events, and added back before those instants, is not fired
     * there (its spill timers go with it): the same decisions and status facts as unbounded. Without the timers'
     * deletion 57 of 300 such feeds differed (a status fact of the returned home at an instant it had no events).
     */
    @Test
    void aHomeRemovedAndAddedBackWhileSpilled_decidesAsUnbounded() throws Exception {
        String withoutH3 = HOMES.substring(0, HOMES.indexOf("  - id: h3\n")) + HOMES.substring(HOMES.indexOf("  - id: h4\n"));
        int spilledWhenRemoved = 0;
        for (int seed = 1000; seed < 1100; seed++) {
            Random random = new Random(seed);
            List<Step> feed = new ArrayList<>(randomFeed(random));
            int limit = 1 + random.nextInt(5);
            int removal = feed.size() / 2;
            feed.add(2 * feed.size() / 3, new Step(null, 0, ControlMessage.homes(HOMES)));
            feed.add(removal, new Step(null, 0, ControlMessage.homes(withoutH3)));
            Outputs unbounded = run(UNBOUNDED, feed, false);
            try (var h = detector(limit, 1, 0)) {
                open(h, seed % 5 == 0, null);
                feed(h, feed.subList(0, removal));
                if (operator(h).spilledFrom("h3") != null) {
                    spilledWhenRemoved++;
                }
                Outputs bounded = feed(h, feed.subList(removal, feed.size())); // the harness's outputs from the start
                assertSame(bounded, unbounded);
                assertThat(operator(h).spilledEvents()).isZero();
            }
        }
        assertThat(spilledWhenRemoved).as("feeds where h3 had spilled events when it left").isGreaterThan(20);
    }

    @Test
    void checkpointsAndRescalesInOverflow() throws Exception {
        Random random = new Random(1);
        List<Step> random0 = randomFeed(random);
        int at = random0.size() / 2;
        List<Step> feed = new ArrayList<>();
        for (int i = 0; i < random0.size(); i++) { // a stall before the cut: the checkpoint holds events on the heap and spilled
            if (random0.get(i).event != null || i < at - 60 || i >= at) {
                feed.add(random0.get(i));
            }
        }
        int cut = feed.indexOf(random0.get(at));
        Outputs uninterrupted = run(UNBOUNDED, feed, false);
        for (boolean rocksDb : new boolean[] {false, true}) {
            for (int[] rescale : new int[][] {{1, 1}, {1, 2}, {2, 1}}) {
                Outputs bounded = checkpointed(4, feed, cut, rescale[0], rescale[1], rocksDb);
                // The status facts are sent again after a restore (what was sent is not checkpointed), bounded or not.
                Outputs unbounded = checkpointed(UNBOUNDED, feed, cut, rescale[0], rescale[1], rocksDb);
                assertThat(bounded.decisions).as("%d -> %d, rocksDb=%s", rescale[0], rescale[1], rocksDb)
                        .isEqualTo(uninterrupted.decisions);
                assertSame(bounded, unbounded);
            }
        }
    }

    /** The feed up to {@code cut} at {@code from} subtasks, a checkpoint, the rest at {@code to} subtasks. */
    private static Outputs checkpointed(int limit, List<Step> feed, int cut, int from, int to, boolean rocksDb) throws Exception {
        return checkpointed(limit, feed, cut, from, to, rocksDb, true);
    }

    /** As above; {@code eachSpilled}: every subtask has events spilled and on the heap at the checkpoint, else one. */
    private static Outputs checkpointed(int limit, List<Step> feed, int cut, int from, int to, boolean rocksDb, boolean eachSpilled)
            throws Exception {
        Outputs out = new Outputs(new TreeMap<>(), new TreeMap<>());
        OperatorSubtaskState[] before = new OperatorSubtaskState[from];
        long spilledAtCut = 0;
        for (int subtask = 0; subtask < from; subtask++) {
            try (var h = detector(limit, from, subtask)) {
                open(h, rocksDb, null);
                out.add(feed(h, homesOf(feed.subList(0, cut), from, subtask)));
                if (limit < UNBOUNDED && eachSpilled) {
                    assertThat(operator(h).spilledEvents()).as("subtask %d of %d spilled at the checkpoint", subtask, from).isPositive();
                    assertThat(operator(h).heapEvents()).as("and has events on the heap").isPositive();
                }
                spilledAtCut += operator(h).spilledEvents();
                before[subtask] = h.snapshot(1L, ms(MORNING));
            }
        }
        if (limit < UNBOUNDED) {
            assertThat(spilledAtCut).as("spilled at the checkpoint, %d subtasks", from).isPositive();
        }
        OperatorSubtaskState whole = from == 1 ? before[0] : AbstractStreamOperatorTestHarness.repackageState(before);
        for (int subtask = 0; subtask < to; subtask++) {
            try (var h = detector(limit, to, subtask)) {
                open(h, rocksDb, AbstractStreamOperatorTestHarness.repartitionOperatorState(whole, KEY_GROUPS, from, to, subtask));
                assertThat(operator(h).heapEvents()).as("within the limit from the restore on").isLessThanOrEqualTo(limit);
                out.add(feed(h, homesOf(feed.subList(cut, feed.size()), to, subtask)));
                assertThat(operator(h).spilledEvents()).isZero();
            }
        }
        return out;
    }

    /**
     * Review-17 F4: stalls that end, with readings that go on (homes reading every few seconds, some silent exactly
     * to their stillness deadline): homes spill during a stall and come back to the heap once it has room, with the
     * same decisions and status facts as unbounded, home by home and in order; and whenever no home is spilled the
     * operator holds as many timers as the unbounded one (a deadline timer at a spilled millisecond, deleted with the
     * spill's timers on the way back, is registered again).
     */
    @Test
    void stallsThatEnd_spilledHomesComeBack_andDecideAsUnbounded() throws Exception {
        int returnedWhileSpilled = 0;
        for (int seed = 2000; seed < 2080; seed++) {
            Random random = new Random(seed);
            List<Step> feed = stallFeed(random);
            int limit = 2 + random.nextInt(40);
            try (var ref = detector(UNBOUNDED, 1, 0); var h = detector(limit, 1, 0)) {
                open(ref, false, null);
                open(h, seed % 5 == 0, null);
                for (Step s : feed) {
                    if (s.event != null) {
                        ref.processElement(s.event, ms(MORNING));
                        h.processElement(s.event, ms(MORNING));
                    } else {
                        ref.watermark(s.watermark);
                        h.watermark(s.watermark);
                        if (operator(h).spilledHomes() == 0) {
                            assertThat(h.numEventTimeTimers()).as("seed %d: the timers of the unbounded heap at %d", seed, s.watermark)
                                    .isEqualTo(ref.numEventTimeTimers());
                        }
                    }
                    assertThat(operator(h).heapEvents()).isLessThanOrEqualTo(limit);
                }
                if (operator(h).eventsReturned() > 0) {
                    returnedWhileSpilled++;
                }
                assertThat(operator(h).spilledEvents()).isZero();
                assertSame(outputs(h), outputs(ref));
            }
        }
        assertThat(returnedWhileSpilled).as("feeds where spilled homes came back to the heap").isGreaterThan(40);
    }

    /**
     * Review-17 F4: after a stall ends and the heap drains, every spilled home comes back to the heap while its
     * readings go on without a gap of the out-of-orderness (before, each stayed on the keyed path for as long as its
     * readings went on); the same decisions and status facts as unbounded.
     */
    @Test
    void afterAStallEnds_spilledHomesComeBackWhileReadingsGoOn() throws Exception {
        List<Step> feed = endedStall(new Random(11));
        try (var ref = detector(UNBOUNDED, 1, 0); var h = detector(200, 1, 0)) {
            open(ref, false, null);
            open(h, false, null);
            int mostSpilledHomes = 0;
            int lastSpilled = -1;
            for (int i = 0; i < feed.size(); i++) {
                Step s = feed.get(i);
                if (s.event != null) {
                    ref.processElement(s.event, ms(MORNING));
                    h.processElement(s.event, ms(MORNING));
                } else {
                    ref.watermark(s.watermark);
                    h.watermark(s.watermark);
                }
                mostSpilledHomes = Math.max(mostSpilledHomes, operator(h).spilledHomes());
                if (operator(h).spilledHomes() > 0 || operator(h).spilledEvents() > 0) {
                    lastSpilled = i;
                }
            }
            assertThat(mostSpilledHomes).as("every home spilled in the stall").isEqualTo(HOME_COUNT);
            assertThat(lastSpilled).as("none spilled long before the readings end (%d steps)", feed.size())
                    .isLessThan(feed.size() / 2);
            assertThat(operator(h).eventsReturned()).as("came back with events still waiting").isPositive();
            assertSame(outputs(h), outputs(ref));
        }
    }

    /**
     * A home goes back to the heap with an event spilled at the very instant of its registered deadline timer: the
     * spill's timer there is the deadline's too (one Flink timer per key and instant), so deleting the spill's timers
     * deletes the deadline's, which is registered again; the operator then holds the unbounded one's timers.
     */
    @Test
    void aHomeBackOnTheHeap_keepsItsDeadlineTimerAtASpilledMillisecond() throws Exception {
        try (var ref = detector(UNBOUNDED, 1, 0); var h = detector(2, 1, 0)) {
            open(ref, false, null);
            open(h, false, null);
            for (var d : List.of(ref, h)) {
                d.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
                d.watermark(ms(MORNING));
            }
            Long deadline = registeredDeadline(h, "h1");
            assertThat(deadline).as("h1's deadline timer").isNotNull().isGreaterThan(ms(MORNING) + 60_000);
            for (var d : List.of(ref, h)) {
                d.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(1)), ms(MORNING));
                d.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(2)), ms(MORNING));
                d.processElement(motion("h1", "pir-bathroom", Instant.ofEpochMilli(deadline)), ms(MORNING));
            }
            assertThat(operator(h).spilledFrom("h1")).as("h1 spilled at its deadline's instant").isEqualTo(deadline);
            ref.watermark(ms(MORNING) + 30_000);
            h.watermark(ms(MORNING) + 30_000);

            assertThat(operator(h).eventsReturned()).as("h1 back on the heap").isEqualTo(1);
            assertThat(operator(h).spilledHomes()).isZero();
            assertThat(registeredDeadline(h, "h1")).isEqualTo(deadline);
            assertThat(h.numEventTimeTimers()).as("the deadline timer kept").isEqualTo(ref.numEventTimeTimers());
            ref.watermark(deadline + Duration.ofHours(14).toMillis());
            h.watermark(deadline + Duration.ofHours(14).toMillis());
            assertThat(h.numEventTimeTimers()).isEqualTo(ref.numEventTimeTimers());
            assertSame(outputs(h), outputs(ref));
        }
    }

    private static Long registeredDeadline(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h,
                                           String home) throws Exception {
        operator(h).setCurrentKey(home);
        return ((HomeDetector) operator(h).getUserFunction()).registeredDeadline();
    }

    /** Checkpoint and restore while spilled homes come back, some back on the heap and some still spilled. */
    @Test
    void checkpointsAndRescalesWhileSpilledHomesComeBack() throws Exception {
        List<Step> feed = endedStall(new Random(12));
        int limit = 200;
        int cut = -1;
        try (var h = detector(limit, 1, 0)) {
            open(h, false, null);
            for (int i = 0; i < feed.size() && cut < 0; i++) {
                feed(h, feed.subList(i, i + 1));
                if (operator(h).eventsReturned() > 0 && operator(h).spilledHomes() >= HOME_COUNT / 2) {
                    cut = i + 1;
                }
            }
        }
        assertThat(cut).as("a moment with homes back on the heap and others still spilled").isPositive();
        Outputs uninterrupted = run(UNBOUNDED, feed, false);
        for (boolean rocksDb : new boolean[] {false, true}) {
            for (int[] rescale : new int[][] {{1, 1}, {1, 2}, {2, 1}}) {
                Outputs bounded = checkpointed(limit, feed, cut, rescale[0], rescale[1], rocksDb, false);
                Outputs unbounded = checkpointed(UNBOUNDED, feed, cut, rescale[0], rescale[1], rocksDb, false);
                assertThat(bounded.decisions).as("%d -> %d, rocksDb=%s", rescale[0], rescale[1], rocksDb)
                        .isEqualTo(uninterrupted.decisions);
                assertSame(bounded, unbounded);
            }
        }
    }

    /**
     * Every home reads every 1-3 s in turn (a home's readings never 30 s apart); the watermark 30 s behind, held for
     * the first 1,500 readings (a stalled subtask), then following the readings for 3,000 more.
     */
    private static List<Step> endedStall(Random random) {
        List<Step> feed = new ArrayList<>();
        Instant t = MORNING;
        for (int i = 0; i < 4_500; i++) {
            t = t.plusMillis(1_000 + random.nextInt(2_000));
            String home = "h" + (1 + i % HOME_COUNT);
            feed.add(new Step(event(home, SENSORS.get(random.nextInt(2)), t, random), 0));
            if (i >= 1_500 && i % 3 == 0) {
                feed.add(new Step(null, ms(t) - 30_000));
            }
        }
        feed.add(new Step(null, ms(t) + Duration.ofHours(14).toMillis()));
        return feed;
    }

    /**
     * Readings every few seconds, some at one millisecond; a home now and then silent until exactly its stillness
     * deadline (two hours after its last reading, so that a reading falls on it); a little out of order; the watermark
     * 30 s behind, held now and then for 50-250 readings (a stall that ends).
     */
    private static List<Step> stallFeed(Random random) {
        List<SensorEvent> events = new ArrayList<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        Map<String, Instant> quietUntil = new TreeMap<>();
        Instant t = MORNING;
        int n = 300 + random.nextInt(300);
        for (int i = 0; i < n; i++) {
            t = t.plusMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(6_000));
            for (var it = quietUntil.entrySet().iterator(); it.hasNext(); ) {
                var quiet = it.next();
                if (!t.isBefore(quiet.getValue())) {
                    events.add(event(quiet.getKey(), "pir-kitchen", quiet.getValue(), random));
                    last.put(quiet.getKey(), quiet.getValue());
                    it.remove();
                }
            }
            String home = "h" + (1 + random.nextInt(HOME_COUNT));
            if (quietUntil.containsKey(home)) {
                continue;
            }
            if (random.nextInt(40) == 0 && last.containsKey(home)) {
                quietUntil.put(home, last.get(home).plus(Duration.ofHours(2)));
                continue;
            }
            events.add(event(home, SENSORS.get(random.nextInt(homeIndex(home) % 2 == 1 ? SENSORS.size() : 2)), t, random));
            last.put(home, t);
        }
        arriveSlightlyOutOfOrder(events, random);
        List<Step> feed = new ArrayList<>();
        long seen = Long.MIN_VALUE;
        long watermark = ms(MORNING) - 1;
        int held = 0;
        for (SensorEvent e : events) {
            feed.add(new Step(e, 0));
            seen = Math.max(seen, ms(e.ts()));
            if (held > 0) {
                held--;
            } else if (random.nextInt(80) == 0) {
                held = 50 + random.nextInt(200);
            } else if (random.nextInt(2) == 0 && seen - 30_000 > watermark) {
                watermark = seen - 30_000;
                feed.add(new Step(null, watermark));
            }
        }
        feed.add(new Step(null, seen + Duration.ofHours(14).toMillis()));
        return feed;
    }

    @Test
    void aRemovedHomeForgetsItsSpilledEvents() throws Exception {
        String withoutH2 = HOMES.substring(0, HOMES.indexOf("  - id: h2\n"))
                + HOMES.substring(HOMES.indexOf("  - id: h3\n"));
        try (var h = detector(1, 1, 0)) {
            h.open();
            h.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(1)), ms(MORNING));
            h.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(2)), ms(MORNING));
            assertThat(operator(h).spilledEvents()).isEqualTo(2);
            h.processBroadcastElement(ControlMessage.homes(withoutH2), ms(MORNING));
            assertThat(operator(h).spilledEvents()).isZero();
            assertThat(operator(h).spilledHomes()).isZero();
            h.watermark(ms(MORNING.plus(Duration.ofHours(13))));

            assertThat(h.extractOutputValues()).extracting(c -> ((RuleDecision) c).homeId()).containsOnly("h1").isNotEmpty();
            assertThat(h.getSideOutput(HomeDetector.UNKNOWN_HOME)).as("forgotten, not handed on").isNullOrEmpty();
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES)), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    /**
     * Events of every home in arrival order a little out of order, some at one millisecond (one home's or several),
     * some exactly two hours (the stillness limit) after the home's previous one, so that they fall on its deadline;
     * watermarks 30 s behind, held for long stretches (a stalled subtask), and silences of hours that raise.
     */
    private static List<Step> randomFeed(Random random) {
        List<SensorEvent> events = new ArrayList<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        Instant t = MORNING;
        int n = 60 + random.nextInt(120);
        for (int i = 0; i < n; i++) {
            String home = "h" + (1 + random.nextInt(HOME_COUNT));
            int roll = random.nextInt(20);
            if (roll == 0) {
                t = t.plus(Duration.ofMinutes(30 + random.nextInt(300))); // a silence
            } else if (roll < 3 && last.containsKey(home)) {
                Instant deadline = last.get(home).plus(Duration.ofHours(2));
                t = deadline.isAfter(t) ? deadline : t;
            } else if (roll < 6) {
                // the same millisecond as the previous event, same home or another
            } else {
                t = t.plusMillis(random.nextInt(90_000));
            }
            SensorEvent e = event(home, SENSORS.get(random.nextInt(homeIndex(home) % 2 == 1 ? SENSORS.size() : 2)), t, random);
            events.add(e);
            last.put(home, t);
        }
        arriveSlightlyOutOfOrder(events, random);
        List<Step> feed = new ArrayList<>();
        long seen = Long.MIN_VALUE;
        long watermark = ms(MORNING) - 1;
        int held = 0;
        for (SensorEvent e : events) {
            feed.add(new Step(e, 0));
            seen = Math.max(seen, ms(e.ts()));
            if (held > 0) {
                held--;
                continue;
            }
            if (random.nextInt(15) == 0) {
                held = 5 + random.nextInt(40);
            } else if (random.nextInt(3) == 0 && seen - 30_000 > watermark) {
                watermark = seen - 30_000;
                feed.add(new Step(null, watermark));
            }
        }
        feed.add(new Step(null, seen + Duration.ofHours(14).toMillis()));
        return feed;
    }

    private static SensorEvent event(String home, String sensor, Instant t, Random random) {
        return switch (sensor) {
            case "front-door" -> SensorEvent.of(home, sensor, t, SensorKind.CONTACT, random.nextInt(2));
            case "bed" -> SensorEvent.of(home, sensor, t, SensorKind.BED, random.nextInt(2));
            case "kitchen-plug" -> SensorEvent.of(home, sensor, t, SensorKind.POWER, random.nextInt(3) * 900);
            default -> motion(home, sensor, t);
        };
    }

    private static Outputs run(int limit, List<Step> feed, boolean rocksDb) throws Exception {
        try (var h = detector(limit, 1, 0)) {
            open(h, rocksDb, null);
            Outputs out = feed(h, feed);
            if (limit < UNBOUNDED) {
                assertThat(operator(h).heapEvents()).isZero();
                assertThat(operator(h).spilledEvents()).isZero();
            }
            return out;
        }
    }

    private static void open(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h,
                             boolean rocksDb, OperatorSubtaskState restored) throws Exception {
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        if (restored == null) {
            thresholds(h);
        }
    }

    private static void thresholds(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h)
            throws Exception {
        h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 2h}"), ms(MORNING));
    }

    private static Outputs feed(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h,
                                List<Step> feed) throws Exception {
        int limit = operator(h).heapLimit();
        for (Step s : feed) {
            if (s.control != null) {
                h.processBroadcastElement(s.control, ms(MORNING));
            } else if (s.event != null) {
                h.processElement(s.event, ms(MORNING));
            } else {
                h.watermark(s.watermark);
            }
            assertThat(operator(h).heapEvents()).isLessThanOrEqualTo(limit);
        }
        return outputs(h);
    }

    private static Outputs outputs(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h) {
        Map<String, List<String>> decisions = new TreeMap<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                LifecycleCommand c = (LifecycleCommand) r.getValue();
                decisions.computeIfAbsent(RemovedHomes.homeOfLifecycleKey(c.lifecycleKey()), k -> new ArrayList<>()).add(r.getTimestamp() + " " + c);
            }
        }
        Map<String, List<DetectorFacts>> facts = new TreeMap<>();
        var side = h.getSideOutput(HomeDetector.STATUS_FACTS);
        if (side != null) {
            for (StreamRecord<DetectorFacts> r : side) {
                facts.computeIfAbsent(r.getValue().homeId(), k -> new ArrayList<>()).add(r.getValue());
            }
        }
        return new Outputs(decisions, facts);
    }

    private static void assertSame(Outputs actual, Outputs expected) {
        assertThat(actual.decisions).as("every home's decisions, in order").isEqualTo(expected.decisions);
        assertThat(actual.facts).as("every home's status facts, in order").isEqualTo(expected.facts);
    }

    private static Outputs copy(Outputs o) {
        Outputs c = new Outputs(new TreeMap<>(), new TreeMap<>());
        c.add(o);
        return c;
    }

    private static List<Step> homesOf(List<Step> feed, int parallelism, int subtask) {
        return feed.stream().filter(s -> s.event == null || subtaskOf(s.event.homeId(), parallelism) == subtask).toList();
    }

    private static List<String> homesOf(int parallelism, int subtask) {
        List<String> homes = new ArrayList<>();
        for (int i = 1; i <= HOME_COUNT; i++) {
            if (subtaskOf("h" + i, parallelism) == subtask) {
                homes.add("h" + i);
            }
        }
        return homes;
    }

    private static int subtaskOf(String home, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(home, KEY_GROUPS, parallelism);
    }

    private static int homeIndex(String home) {
        return Integer.parseInt(home.substring(1));
    }

    private static PendingEventsOperator operator(KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> h) {
        return (PendingEventsOperator) h.getOperator();
    }

    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> detector(
            int limit, int parallelism, int subtask) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES)), limit),
                SensorEvent::homeId, Types.STRING, KEY_GROUPS, parallelism, subtask);
    }

    private static String homes(int count) {
        StringBuilder yaml = new StringBuilder("homes:\n");
        for (int i = 1; i <= count; i++) {
            yaml.append("  - id: h").append(i).append('\n')
                    .append("    timezone: Europe/London\n")
                    .append("    resident: {id: r").append(i).append(", alias: \"R.").append(i).append(".\"}\n")
                    .append("    sensors:\n")
                    .append("      - {id: pir-kitchen, kind: motion, room: kitchen}\n")
                    .append("      - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}\n");
            if (i % 2 == 1) {
                yaml.append("      - {id: bed, kind: bed, room: bedroom, role: bed}\n")
                        .append("      - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}\n")
                        .append("      - {id: front-door, kind: contact, room: hall, role: front-door}\n");
            }
            yaml.append("    carers:\n")
                    .append("      - {name: C").append(i).append(", phone: \"+4477009001").append(String.format("%02d", i)).append("\"}\n");
        }
        return yaml.toString();
    }

    /** Arrival a little out of order: a quarter of neighbours less than the 30 s lateness apart swap places. */
    private static void arriveSlightlyOutOfOrder(List<SensorEvent> events, Random random) {
        for (int i = 1; i < events.size(); i++) {
            SensorEvent a = events.get(i - 1);
            SensorEvent b = events.get(i);
            if (random.nextInt(4) == 0 && Duration.between(a.ts(), b.ts()).toMillis() < 30_000) {
                events.set(i - 1, b);
                events.set(i, a);
            }
        }
    }
}
