package org.hearth.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;
import org.hearth.models.day.Transition;
import org.hearth.models.testing.SyntheticDays;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    private static DayProfile withBedtime(LocalDate d, int bedtime) {
        return new DayProfile(d, 1440, 450, bedtime, 480, 0, 460, 4, 3, 1, 300, 900, 0, 0, 0L, Map.of(), Map.of());
    }

    @Test
    void ready_afterTheMinimumDaysAndWindowRolls() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        SyntheticDays gen = new SyntheticDays(1);
        for (int i = 0; i < 6; i++) {
            b.add(gen.normalDay(START.plusDays(i)));
        }
        assertThat(b.ready()).isFalse();
        b.add(gen.normalDay(START.plusDays(6)));
        assertThat(b.ready()).isTrue();
        for (int i = 7; i < 40; i++) {
            b.add(gen.normalDay(START.plusDays(i)));
        }
        assertThat(b.days()).isEqualTo(28);
        assertThat(b.window().get(0).date()).isEqualTo(START.plusDays(12));
    }

    @Test
    void anchorQuantile_bedtimesAroundMidnightAreCloseNotADayApart() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        int[] bedtimes = {23 * 60 + 50, 10, 23 * 60 + 40, 20, 0, 23 * 60 + 55, 5, 23 * 60 + 45};
        for (int i = 0; i < bedtimes.length; i++) {
            b.add(withBedtime(START.plusDays(i), bedtimes[i]));
        }

        double median = b.anchorQuantile(Anchor.BEDTIME, 0.5).getAsDouble();
        // sorted on the care scale: 23:40 23:45 23:50 23:55 00:00 00:05 00:10 00:20 -> median 23:57.5
        assertThat(median).isEqualTo(23 * 60 + 58.0);
        assertThat(b.anchorQuantile(Anchor.BEDTIME, 1.0)).hasValue(20.0);
        assertThat(b.anchorQuantile(Anchor.BEDTIME, 0.0)).hasValue(23 * 60 + 40.0);
    }

    @Test
    void expect_givesUsualTimeDeadlineAndShare() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        for (int i = 0; i < 10; i++) {
            b.add(new SyntheticDays(i).day(START.plusDays(i), 7 * 60 + 30 + i * 5, 0)); // 07:30 ... 08:15
        }

        AnchorExpectation e = b.expect(Anchor.RISE, 0.9, 45).orElseThrow();

        assertThat(e.usualMinute()).isEqualTo(8 * 60 + 11);   // 0.9 quantile of 07:30..08:15
        assertThat(e.deadlineMinute()).isEqualTo(8 * 60 + 56);
        assertThat(e.share()).isEqualTo(0.9);
        assertThat(e.samples()).isEqualTo(10);
    }

    @Test
    void riseTime_slowDriftIsLearnedButASuddenThreeHourChangeIsFlagged() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        SyntheticDays gen = new SyntheticDays(7);
        int flaggedDuringDrift = 0;
        for (int i = 0; i < 60; i++) {
            gen.riseMean = 7 * 60 + i * 1.5;                 // 90 minutes later over 60 days
            DayProfile today = gen.normalDay(START.plusDays(i));
            if (b.ready() && today.riseMinute() > b.expect(Anchor.RISE, 0.9, 45).orElseThrow().deadlineMinute()) {
                flaggedDuringDrift++;
            }
            b.add(today);
        }
        double learned = b.anchorQuantile(Anchor.RISE, 0.5).getAsDouble();
        DayProfile sudden = gen.day(START.plusDays(60), (int) gen.riseMean, 180);

        assertThat(learned).isCloseTo(7 * 60 + 75, within(20.0));    // the median followed the drift
        assertThat(flaggedDuringDrift).isLessThanOrEqualTo(2);
        assertThat(sudden.riseMinute()).isGreaterThan(b.expect(Anchor.RISE, 0.9, 45).orElseThrow().deadlineMinute());
        DayScore score = b.scoreDay(sudden);
        assertThat(score.score()).isGreaterThan(b.dayScoreQuantile(0.95) + 0.5);
        assertThat(score.topFeature()).isIn("rise", "first-kettle");
    }

    @Test
    void routeSurprise_unseenRoutesScoreHigherThanUsualOnes() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        SyntheticDays gen = new SyntheticDays(3);
        for (int i = 0; i < 28; i++) {
            b.add(gen.normalDay(START.plusDays(i)));
        }
        DayProfile usual = gen.normalDay(START.plusDays(28));
        Map<Transition, Integer> odd = new HashMap<>(usual.transitions());
        odd.put(new Transition("hall", "garden"), 4);
        odd.put(new Transition("garden", "hall"), 4);
        odd.put(new Transition("kitchen", "bedroom"), 5);
        DayProfile wandering = new DayProfile(usual.date(), 1440, usual.riseMinute(), usual.bedtimeMinute(),
                usual.timeInBedMinutes(), usual.nightBedExits(), usual.firstKettleMinute(), usual.kettleBoils(),
                usual.bathroomDay(), usual.bathroomNight(), usual.longestBathroomSeconds(),
                usual.totalBathroomSeconds(), usual.outOfHomeMinutes(), usual.nightDoorOpenings(),
                usual.activeSlots(), usual.stillness(), odd);

        assertThat(b.routeSurprise(usual)).isLessThanOrEqualTo(b.routeSurpriseQuantile(0.95) + 0.5);
        assertThat(b.routeSurprise(wandering)).isGreaterThan(b.routeSurpriseQuantile(0.95) + 0.5);
        assertThat(b.routes().mostSurprising(wandering)).hasValueSatisfying(t -> assertThat(b.routes().seen(t)).isZero());
    }

    @Test
    void stillnessQuantile_isPerRoomAndBandAndNeedsEnoughDays() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        SyntheticDays gen = new SyntheticDays(5);
        for (int i = 0; i < 14; i++) {
            b.add(gen.normalDay(START.plusDays(i)));
        }

        double lounge = b.stillnessQuantile("lounge", TimeBand.AFTERNOON, 0.95, 5).getAsDouble();
        double bathroom = b.stillnessQuantile("bathroom", TimeBand.MORNING, 0.95, 5).getAsDouble();

        assertThat(lounge).isGreaterThan(bathroom * 3);
        assertThat(b.stillnessQuantile("bathroom", TimeBand.NIGHT, 0.95, 5)).isEmpty();
        assertThat(b.slotProbability(6)).isLessThan(0.3);   // 03:00: asleep
        assertThat(b.slotProbability(30)).isGreaterThan(0.7); // 15:00: up
    }

    @Test
    void trend_seesAWeekOfMoreBathroomVisits() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        for (int i = 0; i < 28; i++) {
            int visits = i < 21 ? 4 + i % 2 : 9;
            b.add(new DayProfile(START.plusDays(i), 1440, 450, 1380, 480, 1, 460, 5, visits - 1, 1, 300, 900, 0, 0,
                    0L, Map.of(new RoomBand("lounge", TimeBand.AFTERNOON), 3000), Map.of()));
        }

        TrendStats t = b.trend(DayMeasure.BATHROOM_VISITS, 7, 0.9);

        assertThat(t.recentMean()).isEqualTo(9.0);
        assertThat(t.priorHigh()).isEqualTo(5.0);
        assertThat(t.rising(1)).isTrue();
        assertThat(t.falling(1)).isFalse();
    }

    @Test
    void scoreDay_isDeterministic() {
        SyntheticDays gen = new SyntheticDays(11);
        List<DayProfile> days = new java.util.ArrayList<>();
        for (int i = 0; i < 29; i++) {
            days.add(gen.normalDay(START.plusDays(i)));
        }
        Baseline a = new Baseline(BaselineConfig.defaults());
        Baseline c = new Baseline(BaselineConfig.defaults());
        a.addAll(days.subList(0, 28));
        c.addAll(days.subList(0, 28));

        assertThat(a.scoreDay(days.get(28))).isEqualTo(c.scoreDay(days.get(28)));
        assertThat(a.dayScoreQuantile(0.95)).isEqualTo(c.dayScoreQuantile(0.95));
    }
}
