package org.hearth.job.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;

/**
 * Merges a home's detector facts and alert facts into its {@link HomeStatus}, and says when a
 * status is worth emitting: when what it says changed, or on the first facts of a new care day
 * (so a quiet, healthy home still shows a fresh {@code updatedAt} once a day). Alert facts that
 * arrive before the detector's first facts are kept and shown with them.
 *
 * <p>{@code updatedAt} never goes back: detector and lifecycle facts come from two operators
 * whose event times may interleave slightly out of order.
 */
public final class StatusAssembler {

    private StatusAssembler() {}

    /** Takes the detector's facts; the status to emit, if any. */
    public static Optional<HomeStatus> onDetector(StatusMemory memory, DetectorFacts facts) {
        memory.detector = facts;
        boolean newDay = facts.careDay() != null && !facts.careDay().equals(memory.emittedCareDay);
        return emitIfChanged(memory, facts.at(), newDay);
    }

    /** Takes an alert opening or closing; the status to emit, if any. */
    public static Optional<HomeStatus> onAlert(StatusMemory memory, AlertFact fact) {
        boolean changed = fact.open() ? memory.openAlerts.add(fact.rule()) : memory.openAlerts.remove(fact.rule());
        return changed ? emitIfChanged(memory, fact.at(), false) : Optional.empty();
    }

    /** The status the memory describes now, or empty before the detector's first facts. */
    public static Optional<HomeStatus> current(StatusMemory memory, Instant at) {
        DetectorFacts f = memory.detector;
        if (f == null) {
            return Optional.empty();
        }
        Instant updated = memory.emitted != null && memory.emitted.updatedAt().isAfter(at) ? memory.emitted.updatedAt() : at;
        return Optional.of(new HomeStatus(f.homeId(), f.ready() ? LearningState.WATCHING : LearningState.LEARNING,
                f.daysLearned(), f.daysNeeded(), f.baseline(), List.copyOf(memory.openAlerts), f.silentSensors(), updated));
    }

    private static Optional<HomeStatus> emitIfChanged(StatusMemory memory, Instant at, boolean force) {
        Optional<HomeStatus> now = current(memory, at);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (now.get().sameAs(memory.emitted)) {
            // a new day's unchanged status is worth sending only if it is fresher than the last one sent:
            // an alert fact of the same day, ahead of the detector's first facts of it, already freshened it
            boolean fresher = now.get().updatedAt().isAfter(memory.emitted.updatedAt());
            if (!force || !fresher) {
                if (force) {
                    memory.emittedCareDay = Objects.requireNonNull(memory.detector).careDay();
                }
                return Optional.empty();
            }
        }
        memory.emitted = now.get();
        memory.emittedCareDay = Objects.requireNonNull(memory.detector).careDay();
        return now;
    }
}
