package org.hearth.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;
import org.hearth.models.testing.SyntheticDays;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;
import org.junit.jupiter.api.Test;

/**
 * Measures the day-level scorers on synthetic 60-day histories with injected unusual days, and
 * the share of normal days that default sensitivity flags. The figures are printed (surefire
 * output) and quoted in the README; the assertions hold the chosen scorer to them.
 */
class DayScorerComparisonTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);
    private static final int HOMES = 3;
    private static final int DAYS = 60;

    record Result(int normal, int normalFlagged, int unusual, int unusualFlagged) {
        double falseAlarmShare() {
            return (double) normalFlagged / normal;
        }

        double detectionShare() {
            return (double) unusualFlagged / unusual;
        }
    }

    /** Every 6th day from day 10 is unusual in one of five ways. */
    private static DayProfile dayOf(SyntheticDays gen, int i) {
        DayProfile d = gen.normalDay(START.plusDays(i));
        if (i < 10 || i % 6 != 0) {
            return d;
        }
        Map<RoomBand, Integer> still = new HashMap<>(d.stillness());
        return switch ((i / 6) % 5) {
            case 0 -> gen.day(d.date(), d.riseMinute(), 180);
            case 1 -> copy(d, d.riseMinute(), -1, 0, d.bathroomNight(), d.stillness(), d.outOfHomeMinutes());
            case 2 -> copy(d, d.riseMinute(), d.firstKettleMinute(), d.kettleBoils(), 7, d.stillness(),
                    d.outOfHomeMinutes());
            case 3 -> {
                still.put(new RoomBand("lounge", TimeBand.AFTERNOON), 5 * 3600);
                yield copy(d, d.riseMinute(), d.firstKettleMinute(), d.kettleBoils(), d.bathroomNight(), still,
                        d.outOfHomeMinutes());
            }
            default -> copy(d, d.riseMinute(), d.firstKettleMinute(), d.kettleBoils(), d.bathroomNight(),
                    d.stillness(), 420);
        };
    }

    private static DayProfile copy(DayProfile d, int rise, int kettle, int boils, int bathNight,
            Map<RoomBand, Integer> still, int out) {
        return new DayProfile(d.date(), d.lengthMinutes(), rise, d.bedtimeMinute(), d.timeInBedMinutes(),
                d.nightBedExits(), kettle, boils, d.bathroomDay(), bathNight, d.longestBathroomSeconds(),
                d.totalBathroomSeconds(), out, d.nightDoorOpenings(), d.activeSlots(), still, d.transitions());
    }

    private static Result run(DayScorer scorer, int homes, double q, double margin) {
        int normal = 0, normalFlagged = 0, unusual = 0, unusualFlagged = 0;
        for (int h = 0; h < homes; h++) {
            SyntheticDays gen = new SyntheticDays(100 + h);
            Baseline b = new Baseline(BaselineConfig.defaults(), scorer);
            for (int i = 0; i < DAYS; i++) {
                DayProfile d = dayOf(gen, i);
                if (b.ready()) {
                    boolean flagged = b.scoreDay(d).score() > b.dayScoreQuantile(q) + margin;
                    if (i >= 10 && i % 6 == 0) {
                        unusual++;
                        unusualFlagged += flagged ? 1 : 0;
                    } else {
                        normal++;
                        normalFlagged += flagged ? 1 : 0;
                    }
                }
                b.add(d);
            }
        }
        return new Result(normal, normalFlagged, unusual, unusualFlagged);
    }

    @Test
    void robustZ_separatesUnusualDaysAtLeastAsWellAsIsolationForest() {
        RuleSettings s = Thresholds.defaults().settings(Rule.UNUSUAL_DAY, TestHomes.standardHome());
        Result z = run(new RobustZScorer(), HOMES, s.quantile(), s.margin());
        // IsolationForest scores live in (0, 1): the same quantile, a margin on its own scale. It
        // refits a forest per left-out day, so it runs on one home with few trees to keep verify fast.
        Result forest = run(new IsolationForestScorer(25, 42), 1, s.quantile(), 0.02);

        System.out.printf(Locale.ROOT, "robust-z: false alarms %d/%d (%.1f%%), detected %d/%d (%.1f%%)%n",
                z.normalFlagged(), z.normal(), 100 * z.falseAlarmShare(), z.unusualFlagged(), z.unusual(),
                100 * z.detectionShare());
        System.out.printf(Locale.ROOT, "isolation-forest: false alarms %d/%d (%.1f%%), detected %d/%d (%.1f%%)%n",
                forest.normalFlagged(), forest.normal(), 100 * forest.falseAlarmShare(), forest.unusualFlagged(),
                forest.unusual(), 100 * forest.detectionShare());

        assertThat(z.detectionShare() - z.falseAlarmShare())
                .isGreaterThanOrEqualTo(forest.detectionShare() - forest.falseAlarmShare());
        assertThat(z.falseAlarmShare()).isLessThan(0.1);
        assertThat(z.detectionShare()).isGreaterThan(0.6);
    }

    @Test
    void defaultSensitivity_flagsFewNormalDaysOverSixtyDays() {
        Thresholds t = Thresholds.defaults();
        RuleSettings notUp = t.settings(Rule.NOT_UP, TestHomes.standardHome());
        RuleSettings noKettle = t.settings(Rule.NO_KETTLE, TestHomes.standardHome());
        RuleSettings routes = t.settings(Rule.UNUSUAL_ROUTES, TestHomes.standardHome());
        RuleSettings day = t.settings(Rule.UNUSUAL_DAY, TestHomes.standardHome());
        int normal = 0;
        int flagged = 0;
        for (int h = 0; h < HOMES; h++) {
            SyntheticDays gen = new SyntheticDays(200 + h);
            Baseline b = new Baseline(BaselineConfig.defaults());
            for (int i = 0; i < DAYS; i++) {
                DayProfile d = gen.normalDay(START.plusDays(i));
                if (b.ready()) {
                    normal++;
                    boolean any = d.riseMinute() > b.expect(Anchor.RISE, notUp.quantile(), notUp.margin())
                                    .orElseThrow().deadlineMinute()
                            || d.firstKettleMinute() > b.expect(Anchor.FIRST_KETTLE, noKettle.quantile(),
                                    noKettle.margin()).orElseThrow().deadlineMinute()
                            || b.routeSurprise(d) > b.routeSurpriseQuantile(routes.quantile()) + routes.margin()
                            || b.scoreDay(d).score() > b.dayScoreQuantile(day.quantile()) + day.margin();
                    flagged += any ? 1 : 0;
                }
                b.add(d);
            }
        }
        System.out.printf(Locale.ROOT, "normal days flagged by any day-level rule at default sensitivity: "
                + "%d/%d (%.1f%%)%n", flagged, normal, 100.0 * flagged / normal);

        assertThat((double) flagged / normal).isLessThan(0.1);
    }
}
