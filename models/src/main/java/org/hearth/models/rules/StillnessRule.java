package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.activity.HomeStatus;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.day.TimeBand;
import org.hearth.models.explain.Explanation;
import org.hearth.models.explain.Explanations;
import org.hearth.models.registry.Home;
import org.hearth.models.threshold.RuleSettings;

/**
 * Learned {@code stillness} ("possible fall"): at home and out of bed, nothing has moved for far
 * longer than this person's usual for the room and time of day.
 *
 * <p>The limit is the {@code quantile} of the person's daily longest stillness in that room and
 * time band ({@link Baseline#stillnessQuantile}) plus {@code margin}; in a bathroom plus the
 * smaller {@code bathroomMargin} (a fall there is the commonest and a long still visit is rarely
 * normal). A room and band with fewer than {@code minDays} days of history uses {@code fallback}
 * ({@code bathroomFallback} in a bathroom). The band is that of the episode's start, as in the
 * day profile. The episode is named by its last sign of life; it is judged once, at its deadline,
 * which {@link WatchRules#nextDeadline} returns so that the job's timer fires it in silence.
 *
 * <p>The fixed 12 h safety stillness keeps running underneath as the floor (it also covers a
 * person still in bed, which this rule leaves alone). {@link HomeRules} lets only the first of the
 * two raise for one episode; the safety rule's clear on the next movement resolves either, so this
 * rule emits no clear of its own.
 */
final class StillnessRule {

    /** Same staleness as the anchors' deadlines: a deadline found long past after an outage is not raised late. */
    private static final Duration STALE = LearnedRules.STALE;

    private final ZoneId zone;
    private final RuleSettings settings;
    private final Set<String> bathrooms;

    StillnessRule(Home home, RuleSettings settings) {
        this.zone = home.zone();
        this.settings = settings;
        this.bathrooms = ActivityTracker.bathroomRooms(home);
    }

    /** This episode's limit: learned, or the fallback while the room and band are not yet known. */
    record Limit(String room, Duration limit, OptionalDouble usualMinutes) {}

    /**
     * The deadline of the running episode, or null when there is nothing to judge: no sign yet,
     * away, in bed, already judged, room unknown or the rule disabled.
     */
    Instant deadline(WatchState s, Baseline baseline, HomeStatus status) {
        Instant since = status.lastSignOfLife();
        if (!settings.enabled() || since == null || status.away() || status.inBed() || status.lastSeenRoom() == null
                || since.equals(s.stillnessDecided)) {
            return null;
        }
        Instant from = s.unmonitoredUntil != null && s.unmonitoredUntil.isAfter(since) ? s.unmonitoredUntil : since;
        return from.plus(limit(baseline, status.lastSeenRoom(), since).limit());
    }

    Limit limit(Baseline baseline, String room, Instant since) {
        boolean bathroom = bathrooms.contains(room);
        TimeBand band = TimeBand.of(since.atZone(zone).toLocalTime());
        OptionalDouble usualSeconds = baseline.stillnessQuantile(room, band, settings.quantile(),
                (int) settings.param("minDays", 5));
        if (usualSeconds.isEmpty()) {
            double fallback = bathroom ? settings.param("bathroomFallback", 60) : settings.param("fallback", 180);
            return new Limit(room, minutes(fallback), OptionalDouble.empty());
        }
        double margin = bathroom ? settings.param("bathroomMargin", settings.margin()) : settings.margin();
        double usualMinutes = usualSeconds.getAsDouble() / 60;
        return new Limit(room, minutes(usualMinutes + margin), OptionalDouble.of(usualMinutes));
    }

    /** Judges the episode whose deadline has passed; while monitoring is off, only moves the start on. */
    void advanceTo(WatchState s, Baseline baseline, HomeStatus status, Instant now, boolean monitoring,
            List<RuleOutcome> out) {
        if (!monitoring) {
            s.unmonitoredUntil = now; // no data proves nothing: count again from when it resumes
            return;
        }
        Instant due = deadline(s, baseline, status);
        if (due == null || now.isBefore(due)) {
            return;
        }
        Instant since = status.lastSignOfLife();
        s.stillnessDecided = since;
        if (now.isBefore(due.plus(STALE))) {
            s.stillnessRaisedFor = since;
            Limit limit = limit(baseline, status.lastSeenRoom(), since);
            Explanation why = limit.usualMinutes().isPresent()
                    ? Explanations.stillness(limit.room(), limit.usualMinutes().getAsDouble(), since, due, zone)
                    : Explanations.stillnessUnlearned(limit.room(), limit.limit(), since, due, zone);
            out.add(RuleOutcome.raise(Rule.STILLNESS, due, why));
        }
    }

    private static Duration minutes(double m) {
        return Duration.ofSeconds(Math.round(m * 60));
    }
}
