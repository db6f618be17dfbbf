package org.hearth.models.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.HomeStatus;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.day.DayProfile;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.threshold.Thresholds;

/**
 * The learned rules beyond the morning anchors, behind the few calls {@link LearnedRules} makes:
 * {@code stillness} ({@link StillnessRule}), {@code night-door}, {@code not-home} and
 * {@code night-activity} ({@link NightRules}), {@code unusual-routes} and the trends
 * ({@link DayCloseRules}). Each receives the live baseline and the tracker's
 * status from {@link LearnedRules} and keeps its own memory in {@link WatchState}; each runs only
 * once the baseline is ready (while learning, only the fixed safety rules run).
 *
 * <p>Deadlines: besides each rule's own, {@link #nextDeadline} asks to be woken at the latest sign
 * of life if the tracker has not yet been advanced to it. {@code onEvent} alone leaves the
 * tracker's status behind by the allowed lateness, and a deadline computed from a lagging status can
 * be missing (a person who just got out of bed still reads "in bed") or late (a move into the
 * bathroom, whose limit is shorter, not yet seen); in silence nothing else would correct it. The
 * streaming job calls {@code advanceTo(event time)} after each batch of events, so there this
 * deadline is already past and costs no timer.
 */
final class WatchRules {

    private final Home home;
    private final StillnessRule stillness;
    private final NightRules night;
    private final DayCloseRules dayClose;

    WatchRules(Home home, Thresholds thresholds, ActivityConfig activityConfig, LocalTime boundary) {
        this.home = home;
        this.stillness = new StillnessRule(home, thresholds.settings(Rule.STILLNESS, home));
        this.night = new NightRules(home, thresholds, activityConfig, boundary);
        this.dayClose = new DayCloseRules(home, thresholds);
    }

    /** A raw event, before the tracker has applied it; {@code exitDoors}: the contacts learned as ways out. */
    void onEvent(WatchState s, SensorEvent event, java.util.Set<String> exitDoors) {
        stillness.onEvent(s, event, home);
        Movement.Place place = Movement.of(event, home, exitDoors); // an outing through a learned door as one through the front door
        if (place != Movement.Place.NONE && (s.lastRawSign == null || event.ts().isAfter(s.lastRawSign))) {
            s.lastRawSign = event.ts();
        }
        if (place == Movement.Place.FRONT_DOOR
                && (s.lastFrontDoorRaw == null || event.ts().isAfter(s.lastFrontDoorRaw))) {
            s.lastFrontDoorRaw = event.ts();
        }
    }

    /** One activity the tracker decided, in the order it decided them; {@code limits} null while learning. */
    void take(WatchState s, DayLimits.Watch limits, Activity a, List<RuleOutcome> out) {
        night.take(s, limits == null ? null : limits.night(), a, out);
    }

    /** The stillness rule's learned limits by room and time of day (see {@link StillnessRule#learnedLimits}). */
    java.util.Map<String, Integer> stillnessLimits(Baseline baseline, java.util.Collection<String> rooms,
            java.util.Set<String> exitDoors) {
        return stillness.learnedLimits(baseline, rooms, exitDoors);
    }

    /**
     * Each of these rules' calibrated limits for the learning status, by rule, as each rule computes
     * them when it judges (no second copy of the math): stillness per room and time of day, not-home
     * per time of day of an outing's start (its middle: 03:00, 09:00, 15:00, 21:00, so the night band
     * shows the limit of an outing begun in the person's sleep hours), night-door's opening count and
     * night-activity's half-hours with the night they are judged in, the route surprise and the trends'
     * weekly edges. A rule that cannot be judged yet (no learned night, too few earlier weeks) has an
     * empty map. Only once the baseline is ready. {@code stillnessLimits}: {@link #stillnessLimits}' answer for the same
     * baseline (the status computes it once for both); {@code p}: {@link #nightLimits}' for it (the hot limits hold
     * them). Only the rules in {@code shown} (those switched on): an off rule shows no limits, and the route surprise's
     * leave-one-out over the window was a third of what a status cost while its rule is off by default.
     */
    java.util.Map<Rule, java.util.Map<String, Double>> calibratedLimits(WatchState s, Baseline baseline,
            java.util.Map<String, Integer> stillnessLimits, NightRules.Limits p, java.util.Set<Rule> shown) {
        java.util.Map<Rule, java.util.Map<String, Double>> out = new java.util.EnumMap<>(Rule.class);
        if (shown.contains(Rule.STILLNESS)) {
            java.util.Map<String, Double> still = new java.util.LinkedHashMap<>();
            stillnessLimits.forEach((k, v) -> still.put(k, v.doubleValue()));
            out.put(Rule.STILLNESS, still);
        }
        if (shown.contains(Rule.NOT_HOME)) {
            java.time.LocalDate day = baseline.lastDay().map(org.hearth.models.day.CareDay::date)
                    .orElse(java.time.LocalDate.EPOCH).plusDays(1);
            java.util.Map<String, Double> outings = new java.util.LinkedHashMap<>();
            for (org.hearth.models.day.TimeBand band : org.hearth.models.day.TimeBand.values()) {
                Instant start = day.atTime(band.ordinal() * 6 + 3, 0).atZone(home.zone()).toInstant();
                outings.put(band.wireName(), (double) night.notHomeLimit(s, p, start).toMinutes());
            }
            out.put(Rule.NOT_HOME, outings);
        }
        if (shown.contains(Rule.NIGHT_DOOR)) {
            out.put(Rule.NIGHT_DOOR, p.doorWindow().map(w -> java.util.Map.of("night " + window(w) + " at opening",
                    p.nightDoorsNeeded())).orElse(java.util.Map.of()));
        }
        if (shown.contains(Rule.NIGHT_ACTIVITY)) {
            out.put(Rule.NIGHT_ACTIVITY, p.activityWindow().map(w -> java.util.Map.of("night " + window(w) + " above",
                    p.unusualSlotsBeyond())).orElse(java.util.Map.of()));
        }
        if (shown.contains(Rule.UNUSUAL_ROUTES)) {
            out.put(Rule.UNUSUAL_ROUTES, java.util.Map.of("above", dayClose.routesLimit(baseline)));
        }
        trend(out, shown, baseline, Rule.BATHROOM_TREND, org.hearth.models.baseline.DayMeasure.BATHROOM_VISITS, true);
        trend(out, shown, baseline, Rule.KETTLE_TREND, org.hearth.models.baseline.DayMeasure.KETTLE_BOILS, false);
        trend(out, shown, baseline, Rule.SLEEP_TREND, org.hearth.models.baseline.DayMeasure.TIME_IN_BED, false);
        return out;
    }

    /** The night rules' limits from a ready baseline and the resident's answers, as {@link #limits} computes them. */
    NightRules.Limits nightLimits(Baseline baseline, List<ResidentOk> residentOks) {
        return night.limits(baseline, residentOks);
    }

    private void trend(java.util.Map<Rule, java.util.Map<String, Double>> out, java.util.Set<Rule> shown,
            Baseline baseline, Rule rule, org.hearth.models.baseline.DayMeasure measure, boolean rising) {
        if (!shown.contains(rule)) {
            return;
        }
        java.util.OptionalDouble edge = DayCloseRules.trendEdge(baseline, dayClose.trendSettings(rule), measure, rising);
        out.put(rule, edge.isPresent()
                ? java.util.Map.of(rising ? "weekly mean above" : "weekly mean below", edge.getAsDouble())
                : java.util.Map.of());
    }

    /** "22:30-06:00". Not {@code String.format}: parsing its pattern was a fifth of what a status cost. */
    private static String window(SleepWindow w) {
        StringBuilder b = new StringBuilder(11);
        twoDigits(b, w.startMinute() / 60).append(':');
        twoDigits(b, w.startMinute() % 60).append('-');
        twoDigits(b, w.endMinute() / 60).append(':');
        return twoDigits(b, w.endMinute() % 60).toString();
    }

    /** As {@code %02d}. */
    private static StringBuilder twoDigits(StringBuilder b, int v) {
        if (v < 0 || v > 99) {
            return b.append(String.format(java.util.Locale.ROOT, "%02d", v));
        }
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * The limits from a ready baseline that the per-event path of these rules reads (stillness per
     * room and band, the night rules'), computed when the baseline changes.
     */
    DayLimits.Watch limits(Baseline baseline, java.util.Collection<String> rooms, List<ResidentOk> residentOks,
            java.util.Set<String> exitDoors) {
        return new DayLimits.Watch(stillness.limits(baseline, rooms, exitDoors), night.limits(baseline, residentOks));
    }

    /** The stillness limits while rooms have lost every motion sensor ({@link StillnessRule#whileRoomsAreUnseen}). */
    StillnessRule.Limits whileRoomsAreUnseen(StillnessRule.Limits limits, List<String> unseenRooms) {
        return StillnessRule.whileRoomsAreUnseen(limits, unseenRooms);
    }

    /** The stillness limit of a room and band straight from the baseline (a room the hot limits lack). */
    StillnessRule.Limit stillnessLimit(Baseline baseline, String room, org.hearth.models.day.TimeBand band,
            java.util.Set<String> exitDoors) {
        return stillness.limits(baseline, List.of(room), exitDoors).get(room)[band.ordinal()];
    }

    /** Time passed to {@code now} (the tracker already advanced to it): deadlines that fell due. */
    void advanceTo(WatchState s, DayLimits.Watch limits, StillnessRule.Limits stillnessLimits, HomeStatus status,
            Instant now, boolean monitoring, List<RuleOutcome> out) {
        if (limits == null) {
            if (!monitoring) { // before the baseline is ready too: an outing across a gap is not one to learn from
                s.unmonitoredUntil = now;
            }
            return;
        }
        stillness.advanceTo(s, stillnessLimits, status, limits.night().widestWindow(), now, monitoring, out);
        night.advanceTo(s, limits.night(), now, monitoring, out);
    }

    /** A care day closed; the baseline has not learned it yet (routes are judged against the others). */
    void beforeLearning(WatchState s, Baseline baseline, DayProfile day, Instant now, List<RuleOutcome> out) {
        night.closeDay(s, day, now, out);
        dayClose.beforeLearning(s, baseline, day, now, out);
    }

    /** A care day closed and the baseline has learned it (trends include it). */
    void afterLearning(WatchState s, Baseline baseline, DayProfile day, Instant now, List<RuleOutcome> out) {
        dayClose.afterLearning(s, baseline, day, now, out);
    }

    /** The earliest instant after {@code watermark} at which {@link #advanceTo} must run, or null. */
    Instant nextDeadline(WatchState s, DayLimits.Watch limits, StillnessRule.Limits stillnessLimits,
            HomeStatus status, Instant watermark) {
        if (limits == null) {
            return null;
        }
        Instant next = null;
        if (s.lastRawSign != null) {
            next = after(watermark, s.lastRawSign);
        }
        next = earliest(next, after(watermark, stillness.deadline(s, stillnessLimits, status, limits.night().widestWindow())));
        next = earliest(next, after(watermark, night.deadline(s, limits.night())));
        return next;
    }

    private static Instant after(Instant watermark, Instant t) {
        return t != null && (watermark == null || t.isAfter(watermark)) ? t : null;
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
