package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;
import static org.hearth.models.testing.TestHomes.at;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.BedEntered;
import org.hearth.models.activity.BedExited;
import org.hearth.models.activity.RoomChanged;
import org.hearth.models.activity.Stillness;
import org.hearth.models.state.StateCodec;
import org.junit.jupiter.api.Test;

/**
 * The open days' gatherings moved out of the hot value in parts ({@link DayTracker#spill}) and folded back before
 * the day closes ({@link DayTracker#absorb}) give the day the profile it would have had without leaving.
 */
class OpenDayPartsTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 23);
    private static final LocalDate N = D.plusDays(1);

    @Test
    void spilledEveryFewActivities_closesToTheSameProfiles() {
        List<Activity> day = new ArrayList<>();
        for (LocalDate d : List.of(D, N)) { // two care days: one open while the next begins
            day.addAll(DayProfileTest.activities(DayProfileTest.ordinaryDay(d).events()));
        }
        Instant close = at(N.plusDays(2), "12:30", LONDON);
        DayTracker unspilled = new DayTracker(LONDON, DayConfig.defaults());
        unspilled.acceptAll(day);
        List<DayProfile> whole = StateCodec.readDays(StateCodec.writeDays(unspilled), LONDON, DayConfig.defaults())
                .advanceTo(close); // through bytes, as the hot value
        assertThat(whole).hasSize(2);
        assertThat(whole.get(0).kettleBoils()).isPositive();

        for (int every : new int[] {1, 2, 3, 7, 20}) {
            DayTracker hot = new DayTracker(LONDON, DayConfig.defaults());
            List<DayTracker> parts = new ArrayList<>();
            for (int i = 0; i < day.size(); i++) {
                hot.accept(day.get(i));
                if ((i + 1) % every == 0) { // as the job stores them: bytes
                    parts.add(StateCodec.readDays(StateCodec.writeDays(hot.spill()), LONDON, DayConfig.defaults()));
                    assertThat(hot.entries()).isZero();
                }
            }
            // the job's hot value goes through bytes too: truncated to the second alike
            DayTracker stored = StateCodec.readDays(StateCodec.writeDays(hot), LONDON, DayConfig.defaults());
            assertThat(stored.closesBy(close)).isTrue();
            stored.absorb(parts);
            assertThat(stored.advanceTo(close)).as("spilled every %d", every).isEqualTo(whole);
        }
    }

    @Test
    void absorbFoldsEveryAccumulator_aFieldAddedToOpenDayMustBeFoldedThere() {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (java.lang.reflect.Field f : OpenDay.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName());
            }
        }
        // the day, its zone and settings, then every accumulator OpenDay.absorb folds (and entries() counts)
        assertThat(fields).containsExactlyInAnyOrder("day", "zone", "config", "bedChanges", "boilStarts",
                "firstMorningMotion", "bathroomDay", "bathroomNight", "longestBathroomSeconds", "totalBathroomSeconds",
                "leftAt", "returns", "nightDoorOpenings", "activeSlots", "stillness", "transitions", "silences",
                "contactSilences");
    }

    @Test
    void partsFoldInOrder_theLaterReadingAtAnInstantWins_andStillnessKeepsItsMaximum() {
        Instant t = at(D, "23:00", LONDON);
        DayTracker whole = new DayTracker(LONDON, DayConfig.defaults());
        DayTracker hot = new DayTracker(LONDON, DayConfig.defaults());
        List<Activity> first = List.of(new BedEntered(t), new Stillness(t.minusSeconds(3600), t.minusSeconds(60), "lounge"),
                new RoomChanged(t.minusSeconds(30), "lounge", "bedroom"));
        List<Activity> second = List.of(new BedExited(t), new Stillness(t.minusSeconds(3000), t.minusSeconds(120), "lounge"),
                new RoomChanged(t.plusSeconds(60), "lounge", "bedroom"));
        first.forEach(whole::accept);
        second.forEach(whole::accept);
        first.forEach(hot::accept);
        DayTracker part = hot.spill();
        second.forEach(hot::accept);
        hot.absorb(List.of(part));

        OpenDay folded = hot.openDay(new CareDay(D)).orElseThrow();
        assertThat(folded.bedChanges()).containsEntry(t, Boolean.FALSE);
        assertThat(folded.transitions).containsEntry(new Transition("lounge", "bedroom"), 2);
        Instant close = at(N, "12:30", LONDON);
        assertThat(hot.advanceTo(close)).isEqualTo(whole.advanceTo(close));
    }

    @Test
    void aPartWhoseDayIsNoLongerOpen_isOpenedAgainAndClosed_notLost() {
        DayTracker hot = new DayTracker(LONDON, DayConfig.defaults());
        DayTracker part = new DayTracker(LONDON, DayConfig.defaults());
        part.accept(new BedEntered(at(D, "22:00", LONDON)));

        hot.absorb(List.of(part));

        assertThat(hot.closesBy(at(N, "12:30", LONDON))).isTrue();
        assertThat(hot.advanceTo(at(N, "12:30", LONDON))).singleElement()
                .satisfies(p -> assertThat(p.date()).isEqualTo(D));
    }
}
