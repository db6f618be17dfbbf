package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.RuleSettings;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/** Each home's care day closes at its own offset past the common close, so that a million closes are not one burst. */
class CloseSpreadTest {

    @Test
    void offset_isWithinTheWindowAndTheSameForTheSameHomeInEveryRun() {
        // pinned: a different hash would move every home's close (and the trend alerts raised at it)
        assertThat(CloseSpread.offset("h1")).isEqualTo(Duration.ofMinutes(46).plusSeconds(15));
        assertThat(CloseSpread.offset("nears0102")).isEqualTo(Duration.ofMinutes(8).plusSeconds(11));
        for (int i = 0; i < 1000; i++) {
            Duration d = CloseSpread.offset("home-" + i);
            assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(CloseSpread.WINDOW);
        }
    }

    @Test
    void offset_spreadsHomesWithAlikeIdsEvenlyOverTheWindow() {
        int homes = 60_000;
        int[] perSixMinutes = new int[10];
        for (int i = 0; i < homes; i++) {
            perSixMinutes[(int) (CloseSpread.offset("h" + i).toSeconds() / 360)]++;
        }
        for (int n : perSixMinutes) { // 6,000 expected in each tenth of the window
            assertThat(n).isBetween(5_400, 6_600);
        }
    }

    @Test
    void aHomesDayIsLearnedAtItsOwnOffsetPastTheCloseNotBefore() {
        HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        RoutineEvents routine = new RoutineEvents(7);
        HomeRulesState state = new HomeRulesState();
        LocalDate first = LocalDate.of(2026, 6, 1);
        for (int i = 0; i < 3; i++) {
            for (SensorEvent e : routine.day(first.plusDays(i), 7 * 60 + 30)) {
                for (Optional<Instant> d = rules.nextDeadline(state); d.isPresent() && d.get().isBefore(e.ts());
                        d = rules.nextDeadline(state)) {
                    rules.advanceTo(state, d.get());
                }
                rules.onEvent(state, e);
                rules.advanceTo(state, e.ts());
            }
        }
        // the last care day fed ended at noon on the 4th; the common close is 12:30, this home's 46 min 15 s later
        Instant common = ZonedDateTime.of(first.plusDays(3), LocalTime.of(12, 30), TestHomes.standardHome().zone()).toInstant();
        Instant own = common.plus(CloseSpread.offset("h1"));
        int learned = rules.learned().learning(state.learned).days();

        rules.advanceTo(state, own.minusSeconds(1));
        assertThat(rules.learned().learning(state.learned).days()).as("not yet at %s", own.minusSeconds(1)).isEqualTo(learned);

        rules.advanceTo(state, own);
        assertThat(rules.learned().learning(state.learned).days()).isEqualTo(learned + 1);
    }
}
