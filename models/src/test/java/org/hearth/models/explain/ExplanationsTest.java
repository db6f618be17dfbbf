package org.hearth.models.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;
import static org.hearth.models.testing.TestHomes.at;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.AnchorExpectation;
import org.hearth.models.baseline.DayMeasure;
import org.hearth.models.baseline.DayScore;
import org.hearth.models.baseline.TrendStats;
import org.hearth.models.day.Transition;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 23);
    /** GSM-7 basic set letters, digits and the punctuation Hearth uses. */
    private static final Pattern GSM7 = Pattern.compile("[A-Za-z0-9 .,:()\\-'/!?+&%#=]*");

    @Test
    void notUp_readsLikeTheDesignExample() {
        AnchorExpectation usual = new AnchorExpectation(Anchor.RISE, 8 * 60 + 10, 8 * 60 + 55, 0.9, 28);

        Explanation e = Explanations.notUp(usual, at(D, "22:41", LONDON), LONDON);

        assertThat(e.expected()).isEqualTo("usually up by 08:10, 9 days in 10");
        assertThat(e.observed()).isEqualTo("no movement since 22:41");
        assertThat(e.facts()).containsEntry("usual", "08:10").containsEntry("since", "22:41");
    }

    @Test
    void everyExplanation_fitsOneSmsWithAliasAndReplyCode() {
        List<Explanation> all = List.of(
                Explanations.notUp(new AnchorExpectation(Anchor.RISE, 490, 535, 1.0, 28), null, LONDON),
                Explanations.noKettle(new AnchorExpectation(Anchor.FIRST_KETTLE, 510, 570, 0.8, 28), null, LONDON),
                Explanations.stillness("bathroom", 25, at(D, "10:14", LONDON), at(D, "11:34", LONDON), LONDON),
                Explanations.stillnessUnlearned("living room", java.time.Duration.ofMinutes(180),
                        at(D, "10:14", LONDON), at(D, "13:14", LONDON), LONDON),
                Explanations.nightDoor("front door", at(D, "03:12", LONDON), LONDON, 0),
                Explanations.notHome(at(D, "02:10", LONDON), 130, at(D, "04:30", LONDON), LONDON),
                Explanations.nightActivity(List.of(5, 6, 7), 2, 11),
                Explanations.unusualRoutes(new Transition("kitchen", "bedroom"), 0, 28),
                Explanations.unusualDay(new DayScore(4.2, Map.of("rise", 9.1, "first-kettle", 7.0, "kettle-boils", 0.3))),
                Explanations.trend(new TrendStats(DayMeasure.BATHROOM_VISITS, 7, 7.4, 3, 5, 6, 21)),
                Explanations.unusualRoutes(List.of(new Transition("living room", "front garden"),
                        new Transition("kitchen", "spare bedroom")), List.of(0, 12), 28),
                Explanations.trend(new TrendStats(DayMeasure.TIME_IN_BED, 7, 355.5, 430, 480, 520, 21)),
                Explanations.trendBack(new TrendStats(DayMeasure.KETTLE_BOILS, 7, 4.6, 3, 5, 7, 21)),
                Explanations.notHome(at(D, "14:01", LONDON), 125, at(D, "17:06", LONDON), LONDON));

        for (Explanation e : all) {
            String sms = "Hearth: J.S. " + e.observed() + " (" + e.expected() + "). Reply OK 4821";
            assertThat(sms).as(sms).hasSizeLessThanOrEqualTo(160).matches(GSM7);
        }
        assertThat(all.get(2).observed()).isEqualTo("no movement in bathroom since 10:14 (1h20m)");
        assertThat(all.get(8).observed()).isEqualTo("unusual: rise, first-kettle");
        assertThat(all.get(11).observed()).isEqualTo("5h55m a day over 7 days");
        assertThat(all.get(11).facts()).containsEntry("usual", "8h a day").containsEntry("now", "5h55m a day");
        assertThat(all.get(13).facts()).containsEntry("usual", "16:06").containsEntry("since", "14:01");
    }

    @Test
    void share_saysHowOftenInTenths() {
        assertThat(Explanations.share(0.9)).isEqualTo("9 days in 10");
        assertThat(Explanations.share(0.97)).isEqualTo("every day");
        assertThat(Explanations.share(0.71)).isEqualTo("7 days in 10");
    }
}
