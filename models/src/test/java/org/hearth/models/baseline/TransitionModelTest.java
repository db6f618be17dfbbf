package org.hearth.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.Transition;
import org.hearth.models.testing.SyntheticDays;
import org.junit.jupiter.api.Test;

class TransitionModelTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    /** A day with its moves replaced (the rest as generated). */
    private static DayProfile withMoves(DayProfile d, Map<Transition, Integer> moves) {
        return new DayProfile(d.date(), 1440, d.riseMinute(), d.bedtimeMinute(), d.timeInBedMinutes(), d.nightBedExits(),
                d.firstKettleMinute(), d.kettleBoils(), d.bathroomDay(), d.bathroomNight(), d.longestBathroomSeconds(),
                d.totalBathroomSeconds(), d.outOfHomeMinutes(), d.nightDoorOpenings(), d.activeSlots(), d.stillness(), moves);
    }

    @Test
    void leaveOneOutSurprises_areEachDayAgainstAModelOfTheOthers_toTheBit() {
        for (int seed = 0; seed < 20; seed++) {
            SyntheticDays gen = new SyntheticDays(seed);
            SplittableRandom random = new SplittableRandom(seed);
            List<DayProfile> days = new ArrayList<>();
            for (int i = 0; i < 28; i++) {
                DayProfile d = gen.normalDay(START.plusDays(i));
                Map<Transition, Integer> moves = new HashMap<>(d.transitions());
                switch (random.nextInt(6)) {
                    case 0 -> moves.put(new Transition("hall", "garden-" + i), 1 + random.nextInt(3)); // a room of this day only
                    case 1 -> moves.put(new Transition("attic", "hall"), 0); // a move listed with no count
                    case 2 -> moves.clear(); // a day without moves
                    case 3 -> moves.put(new Transition("kitchen", "bedroom"), 1 + random.nextInt(5));
                    default -> { }
                }
                days.add(withMoves(d, moves));
            }
            double[] fast = TransitionModel.leaveOneOutSurprises(days);
            for (int i = 0; i < days.size(); i++) {
                List<DayProfile> others = new ArrayList<>(days);
                others.remove(i);
                assertThat(fast[i]).as("seed %d, day %d", seed, i).isEqualTo(new TransitionModel(others).surprise(days.get(i)));
            }
        }
    }
}
