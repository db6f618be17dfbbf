package org.hearth.models.baseline;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.Transition;

/**
 * Walking routes as a first-order Markov chain over rooms: P(next room | this room), from the
 * room changes of the window's days, with add-one smoothing so that a never-seen move has a small
 * probability rather than none. A day's routes are scored by their surprise: the mean of
 * -log2 P over its moves (bits per move).
 */
public final class TransitionModel {

    private static final double ALPHA = 1.0;
    private final Map<Transition, Integer> counts = new TreeMap<>();
    private final Map<String, Integer> outOf = new TreeMap<>();
    private final TreeSet<String> rooms = new TreeSet<>();

    public TransitionModel(Collection<DayProfile> days) {
        for (DayProfile d : days) {
            d.transitions().forEach((t, n) -> {
                counts.merge(t, n, Integer::sum);
                outOf.merge(t.from(), n, Integer::sum);
                rooms.add(t.from());
                rooms.add(t.to());
            });
        }
    }

    /** P(to | from), smoothed. */
    public double probability(Transition t) {
        int k = rooms.size() + 1;
        return (counts.getOrDefault(t, 0) + ALPHA) / (outOf.getOrDefault(t.from(), 0) + ALPHA * k);
    }

    /** Mean bits of surprise per move of this day; 0 for a day without moves. */
    public double surprise(DayProfile day) {
        double bits = 0;
        int n = 0;
        for (Map.Entry<Transition, Integer> e : day.transitions().entrySet()) {
            bits += -log2(probability(e.getKey())) * e.getValue();
            n += e.getValue();
        }
        return n == 0 ? 0 : bits / n;
    }

    /** The day's least expected move, for explanations. */
    public Optional<Transition> mostSurprising(DayProfile day) {
        return day.transitions().keySet().stream()
                .min((a, b) -> Double.compare(probability(a), probability(b)));
    }

    /** How many times the window saw this move. */
    public int seen(Transition t) {
        return counts.getOrDefault(t, 0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
