package org.hearth.models.day;

import java.util.Comparator;
import java.util.Objects;

/** A move from one room to another: one step of a walking route. */
public record Transition(String from, String to) implements Comparable<Transition> {

    private static final Comparator<Transition> ORDER =
            Comparator.comparing(Transition::from).thenComparing(Transition::to);

    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public int compareTo(Transition o) {
        return ORDER.compare(this, o);
    }
}
