package org.hearth.simulator.anomaly;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One line of {@code labels.jsonl} (DESIGN.md Contracts): the ground truth of one injected anomaly.
 */
public record Label(String homeId, AnomalyType type, Instant start, Instant end) {

    /** File order: by start, then home, then type. */
    public static final Comparator<Label> ORDER = Comparator.comparing(Label::start)
            .thenComparing(Label::homeId).thenComparing(Label::type).thenComparing(Label::end);

    public Label {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("label ends before it starts: " + type.wireName() + " " + start + " > " + end);
        }
    }

    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
