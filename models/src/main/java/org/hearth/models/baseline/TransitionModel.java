package org.hearth.models.baseline;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Each day's surprise against a model of the other days ({@code new TransitionModel(others)
     * .surprise(day)}), in the order given, with the same result to the bit: the others' counts are
     * the whole window's minus the day's own (integers), and their rooms those seen on any other day.
     * One pass over the window instead of one model per day (the day close and the learning status
     * each needed the window's leave-one-out surprises, 28 models of 27 days each).
     */
    public static double[] leaveOneOutSurprises(Collection<DayProfile> days) {
        Map<Transition, Integer> counts = new HashMap<>();
        Map<String, Integer> outOf = new HashMap<>();
        Map<String, Integer> daysWithRoom = new HashMap<>();
        for (DayProfile d : days) {
            d.transitions().forEach((t, n) -> {
                counts.merge(t, n, Integer::sum);
                outOf.merge(t.from(), n, Integer::sum);
            });
            roomsOf(d).forEach(r -> daysWithRoom.merge(r, 1, Integer::sum));
        }
        double[] out = new double[days.size()];
        int i = 0;
        for (DayProfile d : days) {
            Set<String> own = roomsOf(d);
            int rooms = daysWithRoom.size();
            for (String r : own) {
                if (daysWithRoom.get(r) == 1) {
                    rooms--; // seen on this day only: not a room of the others
                }
            }
            Map<String, Integer> ownOut = new HashMap<>();
            d.transitions().forEach((t, n) -> ownOut.merge(t.from(), n, Integer::sum));
            int k = rooms + 1;
            double bits = 0;
            int n = 0;
            for (Map.Entry<Transition, Integer> e : d.transitions().entrySet()) {
                Transition t = e.getKey();
                int seen = counts.get(t) - e.getValue();
                int from = outOf.get(t.from()) - ownOut.get(t.from());
                bits += -log2((seen + ALPHA) / (from + ALPHA * k)) * e.getValue();
                n += e.getValue();
            }
            out[i++] = n == 0 ? 0 : bits / n;
        }
        return out;
    }

    private static Set<String> roomsOf(DayProfile d) {
        Set<String> rooms = new HashSet<>();
        for (Transition t : d.transitions().keySet()) {
            rooms.add(t.from());
            rooms.add(t.to());
        }
        return rooms;
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
