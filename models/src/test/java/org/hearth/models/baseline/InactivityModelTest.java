package org.hearth.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;
import org.junit.jupiter.api.Test;

/** The learned inactivity model: per room and time of day, calibrated to the person's budget. */
class InactivityModelTest {

    private static final RoomBand LOUNGE_AFTERNOON = new RoomBand("lounge", TimeBand.AFTERNOON);
    private static final RoomBand BATHROOM_AFTERNOON = new RoomBand("bathroom", TimeBand.AFTERNOON);
    private static final RoomBand BEDROOM_NIGHT = new RoomBand("bedroom", TimeBand.NIGHT);

    /** 28 days: afternoon naps in the lounge (20-100 min), short bathroom visits, no bed sensor at night. */
    private static List<DayProfile> days(long seed, boolean withNights) {
        Random r = new Random(seed);
        List<DayProfile> out = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            Map<RoomBand, List<Integer>> silences = new HashMap<>();
            List<Integer> lounge = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                lounge.add(10 + (int) (-25 * Math.log(1 - r.nextDouble())));
            }
            silences.put(LOUNGE_AFTERNOON, lounge);
            silences.put(BATHROOM_AFTERNOON, List.of(10 + r.nextInt(6)));
            if (withNights) {
                silences.put(BEDROOM_NIGHT, List.of(360 + r.nextInt(120)));
            }
            out.add(new DayProfile(LocalDate.of(2026, 10, 1).plusDays(i), 1440, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0,
                    0, 0L, Map.of(), Map.of(), silences));
        }
        return out;
    }

    private static double limit(InactivityModel m, RoomBand c) {
        return m.limit(c.room(), c.band()).minutes();
    }

    @Test
    void limit_isLongWhereThisPersonIsOftenStillAndShortWhereTheyNeverAre() {
        InactivityModel m = InactivityModel.of(days(1, true), 0.5).orElseThrow();

        assertThat(limit(m, LOUNGE_AFTERNOON)).isGreaterThan(2 * limit(m, BATHROOM_AFTERNOON));
        assertThat(limit(m, BATHROOM_AFTERNOON)).isLessThan(90);
    }

    @Test
    void limit_replayedOverTheLearnedDays_raisesAboutTheBudget() {
        List<DayProfile> window = days(2, true);
        double budget = 3; // large enough to count in 28 days
        InactivityModel m = InactivityModel.of(window, budget).orElseThrow();

        int beyond = 0;
        for (DayProfile d : window) {
            for (Map.Entry<RoomBand, List<Integer>> e : d.silences().entrySet()) {
                double l = limit(m, e.getKey());
                beyond += (int) e.getValue().stream().filter(minutes -> minutes > l).count();
            }
        }
        double expected = budget * window.size() / 30.0; // 2.8
        assertThat(beyond).isBetween(0, (int) Math.ceil(3 * expected));
    }

    @Test
    void nightsInTheBedroomWithoutABedSensor_doNotLengthenTheAfternoonLimits() {
        InactivityModel withNights = InactivityModel.of(days(3, true), 0.5).orElseThrow();
        InactivityModel without = InactivityModel.of(days(3, false), 0.5).orElseThrow();

        // the budget is spread over more silences with the nights, so limits rise a little; they must
        // not take the nights' length (shrinkage is towards the time band, not the room or the home)
        assertThat(limit(withNights, LOUNGE_AFTERNOON)).isLessThan(1.2 * limit(without, LOUNGE_AFTERNOON));
        assertThat(limit(withNights, new RoomBand("bedroom", TimeBand.AFTERNOON)))
                .isLessThan(limit(withNights, BEDROOM_NIGHT) / 2);
    }

    @Test
    void aPastSixHourEmergencyInTheHistory_barelyMovesTheLimit() {
        List<DayProfile> window = days(4, true);
        InactivityModel before = InactivityModel.of(window, 0.5).orElseThrow();
        DayProfile d = window.get(10);
        Map<RoomBand, List<Integer>> s = new HashMap<>(d.silences());
        List<Integer> lounge = new ArrayList<>(s.get(LOUNGE_AFTERNOON));
        lounge.add(360);
        s.put(LOUNGE_AFTERNOON, lounge);
        window.set(10, new DayProfile(d.date(), 1440, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0L, Map.of(), Map.of(), s));
        InactivityModel after = InactivityModel.of(window, 0.5).orElseThrow();

        assertThat(limit(after, LOUNGE_AFTERNOON) / limit(before, LOUNGE_AFTERNOON)).isBetween(0.95, 1.1);
    }

    @Test
    void aSilenceTheModelWouldHaveRaised_isNotLearnedAsNormal() {
        // few bathroom silences, so one six-hour one among them would set the tail of the context
        List<DayProfile> window = days(5, true);
        InactivityModel before = InactivityModel.of(window, 0.5).orElseThrow();
        DayProfile d = window.get(20);
        Map<RoomBand, List<Integer>> s = new HashMap<>(d.silences());
        s.put(BATHROOM_AFTERNOON, List.of(360));
        window.set(20, new DayProfile(d.date(), 1440, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0L, Map.of(), Map.of(), s));
        InactivityModel after = InactivityModel.of(window, 0.5).orElseThrow();

        assertThat(limit(after, BATHROOM_AFTERNOON)).isLessThan(90);
        assertThat(limit(after, BATHROOM_AFTERNOON) / limit(before, BATHROOM_AFTERNOON)).isBetween(0.8, 1.3);
    }

    @Test
    void silencesTheRuleDoesNotJudge_takeNoShareOfTheBudget() {
        List<DayProfile> window = days(6, true);
        InactivityModel all = InactivityModel.of(window, 0.5).orElseThrow();
        InactivityModel nightsLeftToSleep = InactivityModel.of(window, 0.5, c -> !c.equals(BEDROOM_NIGHT)).orElseThrow();

        assertThat(nightsLeftToSleep.perSilence()).isGreaterThan(all.perSilence());
        assertThat(limit(nightsLeftToSleep, LOUNGE_AFTERNOON)).isLessThan(limit(all, LOUNGE_AFTERNOON));
    }
}
