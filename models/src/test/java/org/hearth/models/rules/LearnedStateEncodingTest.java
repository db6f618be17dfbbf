package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.state.StateCodec;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/** The baseline is re-encoded only when it changed (day close), and writes stay byte-identical. */
class LearnedStateEncodingTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;

    private final HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
    private final RoutineEvents routine = new RoutineEvents(7);

    private void feed(HomeRulesState state, SensorEvent e) {
        for (Optional<Instant> d = rules.nextDeadline(state); d.isPresent() && d.get().isBefore(e.ts());
                d = rules.nextDeadline(state)) {
            rules.advanceTo(state, d.get());
        }
        rules.onEvent(state, e);
        rules.advanceTo(state, e.ts());
    }

    private HomeRulesState learned() {
        HomeRulesState state = new HomeRulesState();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            routine.day(FIRST.plusDays(i), 7 * 60 + 30).forEach(e -> feed(state, e));
        }
        return state;
    }

    private static HomeRulesState roundTrip(HomeRulesState s) throws Exception {
        return HearthJson.json().readValue(HearthJson.json().writeValueAsBytes(s), HomeRulesState.class);
    }

    private static Baseline decode(String b64) {
        return StateCodec.readBaseline(Base64.getDecoder().decode(b64));
    }

    private static ActivityTracker tracker(String b64) {
        return StateCodec.readTracker(Base64.getDecoder().decode(b64), TestHomes.standardHome(), ActivityConfig.defaults());
    }

    @Test
    void aStateDecodedAndWrittenWithoutChangeGivesTheSameBytesWithoutReEncodingTheBaseline() throws Exception {
        HomeRulesState state = roundTrip(learned());
        String json = HearthJson.json().writeValueAsString(state);
        String stored = state.learned.storedBaseline();

        rules.nextDeadline(state); // decodes the learned parts, as every access does
        assertThat(state.learned.live).isNotNull();

        assertThat(state.learned.getBaselineBytes()).isSameAs(stored);
        assertThat(HearthJson.json().writeValueAsString(state)).isEqualTo(json);
        // the reused bytes are exactly what encoding the decoded baseline gives
        assertThat(StateCodec.writeBaseline(state.learned.live.baseline)).isEqualTo(Base64.getDecoder().decode(stored));
    }

    @Test
    void anEventReEncodesTheTrackerAndKeepsTheBaselineUntilADayCloseChangesIt() throws Exception {
        HomeRulesState state = learned();
        LocalDate day = FIRST.plusDays(NORMAL_DAYS);
        var events = routine.day(day, 7 * 60 + 30);
        feed(state, events.get(0)); // closes the day before: the baseline now holds every normal day
        state = roundTrip(state);
        String baseline = state.learned.storedBaseline();
        String tracker = state.learned.storedTracker();
        assertThat(decode(baseline).days()).isEqualTo(NORMAL_DAYS);

        feed(state, events.get(1));
        assertThat(state.learned.getTrackerBytes()).isNotEqualTo(tracker);
        assertThat(tracker(state.learned.getTrackerBytes()).watermark())
                .isEqualTo(state.learned.live.tracker.watermark())
                .isNotEqualTo(tracker(tracker).watermark());
        assertThat(state.learned.getBaselineBytes()).isSameAs(baseline);

        for (SensorEvent e : events.subList(2, events.size())) {
            feed(state, e);
        }
        feed(state, routine.day(day.plusDays(1), 7 * 60 + 30).get(0)); // closes that day
        String after = state.learned.getBaselineBytes();

        assertThat(after).isNotEqualTo(baseline);
        assertThat(decode(after).days()).isEqualTo(NORMAL_DAYS + 1);
        assertThat(decode(after).window().get(NORMAL_DAYS).date()).isEqualTo(day);
        assertThat(Base64.getDecoder().decode(after)).isEqualTo(StateCodec.writeBaseline(state.learned.live.baseline));
    }

    private static HomeRulesState fromStore(HomeRulesState s) throws Exception {
        HomeRulesState read = roundTrip(s);
        read.learned.readFromStore();
        return read;
    }

    @Test
    void aStateReadFromStoreOnEveryAccessReusesTheBaselineAndDecidesAndWritesExactlyAsStateKeptInMemory() throws Exception {
        // As on RocksDB: every access reads the state anew (here through JSON, as the job's serializer), uses it, writes it.
        HomeRules stored = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState inMemory = new HomeRulesState();
        HomeRulesState written = new HomeRulesState();
        List<RuleOutcome> memoryOutcomes = new ArrayList<>();
        List<RuleOutcome> storedOutcomes = new ArrayList<>();
        int reused = 0;
        int decoded = 0;
        Baseline previous = null;
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < NORMAL_DAYS + 3; i++) {
            // a late riser on the last days, so that the learned rules raise and clear from a reused baseline too
            events.addAll(routine.day(FIRST.plusDays(i), i < NORMAL_DAYS ? 7 * 60 + 30 + (i % 3) * 5 : 11 * 60));
        }
        for (SensorEvent e : events) {
            for (Optional<Instant> d = rules.nextDeadline(inMemory); d.isPresent() && d.get().isBefore(e.ts());
                    d = rules.nextDeadline(inMemory)) {
                memoryOutcomes.addAll(rules.advanceTo(inMemory, d.get()));
            }
            memoryOutcomes.addAll(rules.onEvent(inMemory, e));
            memoryOutcomes.addAll(rules.advanceTo(inMemory, e.ts()));

            HomeRulesState s = fromStore(written);
            for (Optional<Instant> d = stored.nextDeadline(s); d.isPresent() && d.get().isBefore(e.ts());
                    d = stored.nextDeadline(s)) {
                storedOutcomes.addAll(stored.advanceTo(s, d.get()));
            }
            storedOutcomes.addAll(stored.onEvent(s, e));
            storedOutcomes.addAll(stored.advanceTo(s, e.ts()));
            Baseline now = stored.learned().baseline(s.learned);
            if (now == previous) {
                reused++;
            } else {
                decoded++;
            }
            previous = now;
            written = s;
        }

        assertThat(memoryOutcomes).extracting(RuleOutcome::rule).contains(org.hearth.models.alert.Rule.NOT_UP);
        assertThat(storedOutcomes).isEqualTo(memoryOutcomes);
        assertThat(HearthJson.json().writeValueAsString(written)).isEqualTo(HearthJson.json().writeValueAsString(inMemory));
        // decoded again only after a day close changed it (about once a day), otherwise taken over
        assertThat(decoded).isBetween(1, NORMAL_DAYS + 5);
        assertThat(reused).isGreaterThan(events.size() - NORMAL_DAYS - 5);
    }

    @Test
    void aBaselineChangedButNeverWrittenIsNotTakenOver() throws Exception {
        HomeRules stored = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState before = roundTrip(learned());
        HomeRulesState first = fromStore(before);
        Baseline decoded = stored.learned().baseline(first.learned);
        // the access closes a day (the baseline learns it) and then fails: its state is never written
        stored.advanceTo(first, routine.day(FIRST.plusDays(NORMAL_DAYS), 7 * 60 + 30).get(0).ts());
        assertThat(decoded.days()).isEqualTo(NORMAL_DAYS);

        HomeRulesState again = fromStore(before);
        Baseline next = stored.learned().baseline(again.learned);
        assertThat(next).isNotSameAs(decoded);
        assertThat(next.days()).isEqualTo(NORMAL_DAYS - 1);
    }

    @Test
    void onlyAStateReadFromStoreTakesTheBaselineOver() throws Exception {
        HomeRules stored = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState state = roundTrip(learned());
        HomeRulesState first = fromStore(state);
        Baseline decoded = stored.learned().baseline(first.learned);

        // a copy made while the original may still be used (a heap backend's copy-on-write snapshot) decodes its own
        HomeRulesState copy = roundTrip(first);
        assertThat(stored.learned().baseline(copy.learned)).isNotSameAs(decoded);
        assertThat(stored.learned().baseline(fromStore(copy).learned)).isNotSameAs(decoded); // the last one was not from store

        HomeRulesState second = fromStore(first);
        Baseline taken = stored.learned().baseline(second.learned);
        HomeRulesState third = fromStore(second);
        assertThat(stored.learned().baseline(third.learned)).isSameAs(taken);
    }
}
