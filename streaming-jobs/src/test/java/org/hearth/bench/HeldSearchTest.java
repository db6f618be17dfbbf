package org.hearth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class HeldSearchTest {

    /** Runs the search against a machine that holds up to {@code limit} homes; returns the sizes run. */
    private static List<Long> run(HeldSearch search, LongPredicate holds) {
        List<Long> sizes = new ArrayList<>();
        for (OptionalLong n = search.next(); n.isPresent(); n = search.next()) {
            sizes.add(n.getAsLong());
            search.record(n.getAsLong(), holds.test(n.getAsLong()));
        }
        return sizes;
    }

    @Test
    void doublesWhileHeldThenBisectsToWithinATenth() {
        HeldSearch search = new HeldSearch(10_000, 1_000, 1_000_000, 20);
        List<Long> sizes = run(search, n -> n <= 50_000);
        assertEquals(List.of(10_000L, 20_000L, 40_000L, 80_000L, 60_000L, 50_000L, 55_000L), sizes);
        assertEquals(50_000, search.held());
        assertEquals(55_000, search.failed());
    }

    @Test
    void halvesUntilOneHoldsThenBisects() {
        HeldSearch search = new HeldSearch(40_000, 1_000, 1_000_000, 20);
        List<Long> sizes = run(search, n -> n <= 7_000);
        assertEquals(List.of(40_000L, 20_000L, 10_000L, 5_000L, 7_500L, 6_250L, 6_875L), sizes);
        assertEquals(6_875, search.held());
    }

    @Test
    void stopsBelowTheFloorWhenNothingHolds() {
        HeldSearch search = new HeldSearch(4_000, 1_000, 1_000_000, 20);
        assertEquals(List.of(4_000L, 2_000L, 1_000L), run(search, n -> false));
        assertEquals(0, search.held());
    }

    @Test
    void stopsAtTheCeilingAndAfterItsRuns() {
        HeldSearch atGoal = new HeldSearch(300_000, 1_000, 1_000_000, 20);
        assertEquals(List.of(300_000L, 600_000L, 1_000_000L), run(atGoal, n -> true));
        assertEquals(1_000_000, atGoal.held());
        HeldSearch bounded = new HeldSearch(10_000, 1_000, 1_000_000, 2);
        assertEquals(List.of(10_000L, 20_000L), run(bounded, n -> true));
    }

    @Test
    void refusesAStartOutsideItsBounds() {
        assertThrows(IllegalArgumentException.class, () -> new HeldSearch(500, 1_000, 1_000_000, 5));
        assertThrows(IllegalArgumentException.class, () -> new HeldSearch(10_000, 1_000, 1_000_000, 0));
    }
}
