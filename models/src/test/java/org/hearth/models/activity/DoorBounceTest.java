package org.hearth.models.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.testing.TestHomes.Trace;
import org.junit.jupiter.api.Test;

/** A real reed contact bounces: open/closed several times within a second or two is one opening. */
class DoorBounceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static List<DoorOpened> openings(Trace trace) {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        List<Activity> out = new ArrayList<>();
        trace.events().forEach(e -> out.addAll(tracker.accept(e)));
        out.addAll(tracker.flush());
        return out.stream().filter(DoorOpened.class::isInstance).map(DoorOpened.class::cast).toList();
    }

    @Test
    void frontDoor_openedAndClosedThreeTimesInTwoSeconds_isOneOpening() {
        Trace t = new Trace(DAY).at("10:00:00", "front-door", 1).at("10:00:00.5", "front-door", 0)
                .at("10:00:01", "front-door", 1).at("10:00:01.4", "front-door", 0)
                .at("10:00:02", "front-door", 1).at("10:00:05", "front-door", 0);

        assertThat(openings(t)).hasSize(1);
    }

    @Test
    void frontDoor_openedAgainAMinuteLater_isASecondOpening() {
        Trace t = new Trace(DAY).at("10:00:00", "front-door", 1).at("10:00:04", "front-door", 0)
                .at("10:01:00", "front-door", 1).at("10:01:05", "front-door", 0);

        assertThat(openings(t)).extracting(DoorOpened::at)
                .containsExactly(TestHomes.at(DAY, "10:00:00", TestHomes.LONDON), TestHomes.at(DAY, "10:01:00", TestHomes.LONDON));
    }
}
