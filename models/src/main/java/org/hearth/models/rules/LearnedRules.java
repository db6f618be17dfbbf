package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.activity.BedExited;
import org.hearth.models.activity.HomeStatus;
import org.hearth.models.activity.KettleBoil;
import org.hearth.models.activity.Motion;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.AnchorExpectation;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.baseline.DayScore;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.CloseSpread;
import org.hearth.models.day.DayConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.DayTracker;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.explain.Explanation;
import org.hearth.models.explain.Explanations;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.models.state.StateCodec;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;

/**
 * The rules that need this person's baseline: {@code not-up}, {@code no-kettle} (event-time
 * deadlines, so that they fire during silence) and {@code unusual-day} (at day close).
 *
 * <p>Per home, events go to an {@link ActivityTracker}; its activities go to a {@link DayTracker};
 * as time passes closed care days become {@link DayProfile}s added to a {@link Baseline} (28-day
 * window, ready at 7 days). Until the baseline is ready these rules stay silent and only the fixed
 * safety rules run.
 *
 * <p>{@code no-kettle} is not raised while {@code not-up} is open: a person not yet up cannot have
 * boiled the kettle, and the carer already has the urgent alert.
 *
 * <p>A deadline is judged a few minutes after it falls ({@link #SETTLE}): the tracker decides a bed
 * exit only after its debounce and the allowed lateness, and a person who stood up a minute before
 * the deadline must not be reported as not up.
 */
public final class LearnedRules {

    /** How long after a deadline it is judged: allowed lateness plus bed-exit debounce plus slack. */
    public static final Duration SETTLE = Duration.ofMinutes(5);
    /** A deadline passed more than this long ago (input resumed after an outage) is not raised late. */
    static final Duration STALE = Duration.ofHours(2);
    /** Back in bed this long before the not-up deadline undoes an early rise (a dawn trip to the bathroom). */
    static final Duration BACK_IN_BED = Duration.ofMinutes(30);

    private final Home home;
    /** The home's kit and the rooms its tracker derives from it, once: the tracker is restored at every event. */
    private final org.hearth.models.activity.TrackedHome trackedHome;
    private final ZoneId zone;
    private final ActivityConfig activityConfig = ActivityConfig.defaults();
    private final DayConfig dayConfig = DayConfig.defaults();
    /** How long after the common close this home's care days close ({@link CloseSpread}). */
    private final java.time.Duration closeOffset;
    private final BaselineConfig baselineConfig = BaselineConfig.defaults();
    private final LocalTime boundary = dayConfig.boundary();
    private final String bedRoom;
    private final boolean hasKettle;
    /** The kettle's room and any room with a kitchen sensor: where "using the kitchen" is seen. */
    private final java.util.Set<String> kitchenRooms;
    private final org.hearth.models.threshold.RuleSettings notUp;
    private final org.hearth.models.threshold.RuleSettings noKettle;
    private final org.hearth.models.threshold.RuleSettings unusualDay;
    private final WatchRules watch;
    private final Thresholds thresholds;
    /** Every room of the home's sensors: where the tracker can last see the person (stillness limits per room). */
    private final java.util.SortedSet<String> rooms;
    /** {@link #rooms} in their order: they name the stored limits' stillness entries ({@link DayLimits#VERSION} 3). */
    private final List<String> roomList;
    /** The settings, kit and calculation the hot limits are computed for ({@link DayLimits#key}). */
    private final int limitsKey;

    public LearnedRules(Home home, Thresholds thresholds) {
        this.home = home;
        this.trackedHome = org.hearth.models.activity.TrackedHome.of(home);
        this.thresholds = thresholds;
        this.zone = home.zone();
        this.bedRoom = home.sensorWithRole(SensorRole.BED).map(Sensor::room).orElse(null);
        this.hasKettle = home.sensorWithRole(SensorRole.KETTLE).isPresent();
        java.util.Set<String> kitchen = new java.util.HashSet<>(ActivityTracker.roomsWithRole(home, SensorRole.KITCHEN));
        home.sensorWithRole(SensorRole.KETTLE).map(Sensor::room).ifPresent(kitchen::add);
        this.kitchenRooms = java.util.Set.copyOf(kitchen);
        this.notUp = thresholds.settings(Rule.NOT_UP, home);
        this.noKettle = thresholds.settings(Rule.NO_KETTLE, home);
        this.unusualDay = thresholds.settings(Rule.UNUSUAL_DAY, home);
        this.watch = new WatchRules(home, thresholds, activityConfig, boundary);
        java.util.TreeSet<String> r = new java.util.TreeSet<>();
        for (Sensor s : home.sensors()) {
            if (s.room() != null) {
                r.add(s.room());
            }
        }
        this.rooms = java.util.Collections.unmodifiableSortedSet(r);
        this.roomList = List.copyOf(r);
        this.limitsKey = limitsKey(home, thresholds);
        this.closeOffset = CloseSpread.offset(home.id());
    }

    /**
     * A fingerprint of everything the hot limits depend on besides the baseline and the answers: each
     * rule's resolved settings, the kit (rooms, roles), the zone and {@link DayLimits#CALCULATION}.
     * The {@code String.hashCode} of that text, so it is the same in every JVM (limits survive a restore unless one
     * changed). Summed part by part ({@link TextHash}) rather than hashed whole: every home's rules compute it when
     * first used, after a start for every home at its first reading, and the settings' texts repeat across homes.
     */
    static int limitsKey(Home home, Thresholds thresholds) {
        TextHash h = new TextHash().append(String.valueOf(DayLimits.CALCULATION)).append("|").append(home.zone().getId());
        for (Rule rule : Rule.values()) {
            h.append("|").append(settingsText(thresholds.settings(rule, home)));
        }
        for (Sensor s : home.sensors()) {
            h.append("|").append(s.toString());
        }
        return h.hash;
    }

    /** Settings' texts, each kept once (a {@code String} keeps its own hash): homes in a cohort share their settings. */
    private static final java.util.Map<RuleSettings, String> SETTINGS_TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String settingsText(RuleSettings settings) {
        if (SETTINGS_TEXTS.size() > 10_000) { // per-home overrides make their own: bounded, not a cache of every home
            SETTINGS_TEXTS.clear();
        }
        return SETTINGS_TEXTS.computeIfAbsent(settings, RuleSettings::toString);
    }

    /** {@code String.hashCode} of a concatenation from its parts': h(ab) = h(a) 31^|b| + h(b), in int arithmetic. */
    static final class TextHash {
        int hash;

        TextHash append(String part) {
            hash = hash * pow31(part.length()) + part.hashCode();
            return this;
        }

        private static int pow31(int n) {
            int result = 1;
            int base = 31;
            for (int e = n; e > 0; e >>= 1) {
                if ((e & 1) != 0) {
                    result *= base;
                }
                base *= base;
            }
            return result;
        }
    }

    /** Takes one event (in event-time order, after {@code advanceTo} up to just before it). */
    public List<RuleOutcome> onEvent(LearnedState state, SensorEvent event) {
        LearnedState.Live live = live(state);
        DayLimits limits = limits(state);
        List<RuleOutcome> out = new ArrayList<>();
        watch.onEvent(state.watch, event, live.tracker.exitDoors());
        noteKitchenUse(state, event);
        take(state, live, limits, live.tracker.accept(event), out);
        live.tracker.drainRejected(); // counted by the tracker; the job keeps late/unknown events itself
        return out;
    }

    /**
     * Moves time to {@code now}: activities that became certain, care days that closed, deadlines
     * that passed. {@code monitoring} is false while the hub is offline: no data proves nothing.
     * {@code unseenRooms}: the rooms that have lost every motion sensor ({@link StillnessRule#whileRoomsAreUnseen}).
     */
    public List<RuleOutcome> advanceTo(LearnedState state, Instant now, boolean monitoring, List<String> unseenRooms) {
        LearnedState.Live live = live(state);
        List<RuleOutcome> out = new ArrayList<>();
        take(state, live, limits(state), live.tracker.advanceTo(now), out);
        // each home's day closes at its own offset past the common close: the noon burst spread (CloseSpread)
        Instant closing = CloseSpread.closingWatermark(now, closeOffset);
        if (live.days.closesBy(closing)) { // what the days gathered outside the hot value comes back before they close
            state.foldDayParts();
        }
        List<DayProfile> closed = live.days.advanceTo(closing);
        if (!closed.isEmpty()) { // the only per-event moment that reads the baseline: it learns the day
            Baseline baseline = coldBaseline(state);
            for (DayProfile day : closed) {
                closeDay(state, baseline, day, now, out);
            }
            live.tracker.learnExitDoors(ExitDoors.learned(baseline, home, live.tracker.exitDoors()));
            state.limits(computeLimits(state, baseline)); // with the doors learned today (their rooms are passages)
        }
        if (state.trackerWatermark == null || now.isAfter(state.trackerWatermark)) {
            state.trackerWatermark = now;
        }
        DayLimits limits = limits(state);
        if (limits.ready()) {
            deadlines(state, live, limits, now, monitoring, out);
        }
        watch.advanceTo(state.watch, limits.watch(), stillnessLimits(state, limits, unseenRooms), live.tracker.status(), now,
                monitoring, out);
        return out;
    }

    /** The next instant at which {@link #advanceTo} must run even without events. */
    public Optional<Instant> nextDeadline(LearnedState state, List<String> unseenRooms) {
        LearnedState.Live live = live(state);
        DayLimits limits = limits(state);
        if (!limits.ready() || state.trackerWatermark == null) {
            return Optional.empty();
        }
        CareDay today = CareDay.containing(state.trackerWatermark, zone, boundary);
        Instant next = null;
        for (CareDay day : List.of(today, today.next())) {
            next = earliest(next, pending(Optional.ofNullable(limits.rise()), notUp, day, state.notUpDecided, state));
            if (hasKettle) {
                next = earliest(next, pending(Optional.ofNullable(limits.kettle()), noKettle, day,
                        state.noKettleDecided, state));
            }
        }
        next = earliest(next, watch.nextDeadline(state.watch, limits.watch(), stillnessLimits(state, limits, unseenRooms),
                live.tracker.status(), state.trackerWatermark));
        return Optional.ofNullable(next);
    }

    /** The rules whose "I'm OK" answers are learned from: the warnings, which alone ask the resident first. */
    static final java.util.Set<Rule> ANSWERABLE = java.util.EnumSet.of(Rule.NO_KETTLE, Rule.NIGHT_ACTIVITY,
            Rule.UNUSUAL_ROUTES, Rule.UNUSUAL_DAY);

    /**
     * The resident answered {@code rule}'s pre-alert with "I'm OK" at {@code at}: what the rule saw
     * was normal for them, and the fit takes it as a normal observation for as long as that day is in
     * the baseline's window (then it is forgotten with the day):
     * <ul>
     * <li>{@code no-kettle}: that care day counts as "kettle on no earlier than the answer" in the
     *     first-kettle quantile (a day with no kettle at all is otherwise left out), so a morning the
     *     resident keeps calling normal moves the deadline later and stops being asked;
     * <li>{@code night-activity}: the half-hours that night was active in are usual, so the same
     *     hours do not ask again while it is remembered;
     * <li>{@code unusual-routes}, {@code unusual-day}: judged on a closed day that the baseline
     *     learns as normal anyway; the answer is recorded and counted (status), nothing more.
     * </ul>
     * Other rules (urgent ones never ask) are not recorded.
     *
     * @return whether the answer was recorded
     */
    public boolean residentOk(LearnedState state, Rule rule, Instant at) {
        if (!ANSWERABLE.contains(rule)) {
            return false;
        }
        java.util.ArrayList<ResidentOk> oks = state.watch.residentOks;
        oks.add(new ResidentOk(rule, at));
        oks.sort(java.util.Comparator.comparing(ResidentOk::at));
        forgetOldAnswers(state, at);
        state.limits(computeLimits(state, coldBaseline(state))); // no-kettle's deadline and night-activity's hours move
        return true;
    }

    /** The answers within the window, counted per rule (wire name): for the learning status. */
    public java.util.Map<String, Integer> residentOks(LearnedState state) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        state.watch.residentOks.forEach(ok -> counts.merge(ok.rule().wireName(), 1, Integer::sum));
        return counts;
    }

    /** Answers older than the baseline's window go with their days. */
    private void forgetOldAnswers(LearnedState state, Instant now) {
        if (state.watch.residentOks.isEmpty()) {
            return;
        }
        Instant oldest = now.minus(Duration.ofDays(baselineConfig.windowDays()));
        state.watch.residentOks.removeIf(ok -> ok.at().isBefore(oldest));
    }

    /**
     * The first-kettle expectation, with the care days the resident said "no kettle yet" was fine
     * (see {@link #budgeted} for when it is judged).
     */
    Optional<AnchorExpectation> kettleExpectation(LearnedState state, Baseline baseline) {
        java.util.Map<java.time.LocalDate, Integer> atLeast = new java.util.HashMap<>();
        for (ResidentOk ok : state.watch.residentOks) {
            if (ok.rule() == Rule.NO_KETTLE) {
                atLeast.merge(CareDay.containing(ok.at(), zone, boundary).date(), CareDay.localMinuteOf(ok.at(), zone),
                        (a, b) -> CareDay.careMinute(a, boundary) >= CareDay.careMinute(b, boundary) ? a : b);
            }
        }
        return budgeted(baseline.expect(Anchor.FIRST_KETTLE, noKettle.quantile(), noKettle.margin(), atLeast),
                baseline.anchorCareMinutes(Anchor.FIRST_KETTLE, atLeast));
    }

    /** The contacts learned as exit doors ({@link ExitDoors}), used as the front door is; none while learning. */
    public java.util.SortedSet<String> exitDoors(LearnedState state) {
        return live(state).tracker.exitDoors();
    }

    /** Whether the baseline has enough days for the learned rules to run. */
    public boolean ready(LearnedState state) {
        return limits(state).ready();
    }

    /** The baseline (live; callers must not modify it). Decodes it if this access has not yet: not per event. */
    public Baseline baseline(LearnedState state) {
        return coldBaseline(state);
    }

    /** What the learning status asks on every access, from the hot state (no baseline read). */
    public record Learning(int days, boolean ready, java.time.LocalDate lastLearned) {}

    /** Days learned, whether ready, the last learned care day: from the hot limits, without the baseline. */
    public Learning learning(LearnedState state) {
        DayLimits l = limits(state);
        return new Learning(l.days(), l.ready(), l.lastLearned());
    }

    /**
     * The stillness rule's calibrated limit (minutes) per room with a motion sensor and time of day,
     * once the baseline is ready; empty while learning.
     */
    public java.util.Map<String, Integer> stillnessLimits(LearnedState state) {
        Baseline baseline = coldBaseline(state);
        return baseline.ready() ? stillness(state, baseline) : java.util.Map.of();
    }

    /**
     * What the learning status shows of the learned rules: the stillness limits and every rule's threshold.
     *
     * @param stillness as {@link #stillnessLimits}
     * @param thresholds as {@link #thresholds}
     */
    public record StatusLimits(java.util.Map<String, Integer> stillness,
                               java.util.Map<String, org.hearth.models.status.RuleThreshold> thresholds) {}

    /**
     * {@link #stillnessLimits} and {@link #thresholds} together, as the status asks for both. The stillness limits are
     * the hot limits' ({@link DayLimits}): what the per-event path acts on, calibrated from this baseline when it last
     * changed (day close, an answer, new settings). Calibrating them again per status, twice, was two thirds of what a
     * status cost (~1 ms at each home's day close, beside the close's own ~0.3 ms).
     */
    public StatusLimits statusLimits(LearnedState state) {
        Baseline baseline = coldBaseline(state); // the status: a cold read, when the facts changed
        if (!baseline.ready()) {
            return new StatusLimits(java.util.Map.of(), java.util.Map.of());
        }
        java.util.Map<String, Integer> stillness = stillness(state, baseline);
        return new StatusLimits(stillness, thresholds(state, baseline, stillness, statusSource(state, baseline)));
    }

    /**
     * The limits the status shows beside the stillness ones (the night rules', not-up's and no-kettle's
     * expectations): the hot limits' when they were computed from this baseline (the same days learned, the same
     * last day: they are recomputed whenever it or the answers change), as the stillness limits are; else computed
     * from it. Computing the night rules' limits again per status was a sixth of what a status cost.
     */
    private DayLimits statusSource(LearnedState state, Baseline baseline) {
        DayLimits hot = limits(state);
        if (hot.ready() && hot.watch() != null && hot.days() == baseline.days()
                && java.util.Objects.equals(hot.lastLearned(), baseline.lastDay().map(CareDay::date).orElse(null))) {
            return hot;
        }
        return calibratedSource(state, baseline);
    }

    /** What {@link #statusSource} reads, computed from the baseline now (without the stillness limits). */
    private DayLimits calibratedSource(LearnedState state, Baseline baseline) {
        AnchorExpectation rise = baseline.expect(Anchor.RISE, notUp.quantile(), notUp.margin()).orElse(null);
        AnchorExpectation kettle = hasKettle ? kettleExpectation(state, baseline).orElse(null) : null;
        return new DayLimits(limitsKey, true, baseline.days(), baseline.lastDay().map(CareDay::date).orElse(null), rise,
                kettle, new DayLimits.Watch(java.util.Map.of(), watch.nightLimits(baseline, state.watch.residentOks)));
    }

    /**
     * Every learned rule's threshold as {@link #thresholds} gives it, but all computed from the baseline now, none
     * read from the hot limits: what the status must equal (RealHomeReplayTest checks it after every care day).
     */
    java.util.Map<String, org.hearth.models.status.RuleThreshold> calibratedThresholds(LearnedState state,
            Baseline baseline) {
        return thresholds(state, baseline, calibratedStillness(state, baseline), calibratedSource(state, baseline));
    }

    /** The stillness limits as the status shows them: the hot limits', else calibrated from the ready baseline. */
    private java.util.Map<String, Integer> stillness(LearnedState state, Baseline baseline) {
        java.util.Map<String, Integer> hot = hotStillness(state);
        return hot != null ? hot : calibratedStillness(state, baseline);
    }

    /** The stillness limits as the status shows them, from the hot limits; null when they lack a motion room's. */
    private java.util.Map<String, Integer> hotStillness(LearnedState state) {
        DayLimits limits = limits(state);
        if (!limits.ready()) {
            return null;
        }
        java.util.Map<String, StillnessRule.Limit[]> byRoom = new java.util.TreeMap<>();
        for (String room : motionRooms()) {
            StillnessRule.Limit[] byBand = new StillnessRule.Limit[org.hearth.models.day.TimeBand.values().length];
            for (org.hearth.models.day.TimeBand band : org.hearth.models.day.TimeBand.values()) {
                byBand[band.ordinal()] = limits.stillness(room, band);
                if (byBand[band.ordinal()] == null) {
                    return null;
                }
            }
            byRoom.put(room, byBand);
        }
        return StillnessRule.learnedLimits(byRoom);
    }

    /** The stillness limits as the status shows them, calibrated from the baseline now (the hot limits' source). */
    java.util.Map<String, Integer> calibratedStillness(LearnedState state, Baseline baseline) {
        return watch.stillnessLimits(baseline, motionRooms(), exitDoors(state));
    }

    /**
     * Every learned rule's calibrated threshold for this resident, by rule wire name, once the
     * baseline is ready (empty while learning): the limits each rule acts on now (computed by the
     * rule's own calibration, as when it judges), its share of the false-alert budget and the
     * analyst's settings in force (cohort, resident, the home's overrides). {@code no-kettle} only in
     * a home with a kettle sensor; a rule switched off shows as off. For the learning status.
     */
    public java.util.Map<String, org.hearth.models.status.RuleThreshold> thresholds(LearnedState state) {
        return statusLimits(state).thresholds();
    }

    /** {@code source}: the night rules' limits and the not-up and no-kettle expectations ({@link #statusSource}). */
    private java.util.Map<String, org.hearth.models.status.RuleThreshold> thresholds(LearnedState state, Baseline baseline,
            java.util.Map<String, Integer> stillness, DayLimits source) {
        java.util.Map<Rule, org.hearth.models.threshold.RuleSettings> settings = new java.util.EnumMap<>(Rule.class);
        java.util.Set<Rule> on = java.util.EnumSet.noneOf(Rule.class);
        for (Rule rule : THRESHOLD_UNITS.keySet()) {
            if (rule == Rule.NO_KETTLE && !hasKettle) {
                continue;
            }
            org.hearth.models.threshold.RuleSettings s = thresholds.settings(rule, home);
            settings.put(rule, s);
            if (s.enabled()) { // an off rule shows no limits: none computed
                on.add(rule);
            }
        }
        java.util.Map<Rule, java.util.Map<String, Double>> limits = watch.calibratedLimits(state.watch, baseline, stillness,
                source.watch().night(), on);
        if (source.rise() != null) {
            limits.put(Rule.NOT_UP, java.util.Map.of("up by", (double) source.rise().deadlineMinute()));
        }
        if (hasKettle) {
            limits.put(Rule.NO_KETTLE, source.kettle() == null ? java.util.Map.of()
                    : java.util.Map.of("kettle by", (double) source.kettle().deadlineMinute()));
        }
        if (on.contains(Rule.UNUSUAL_DAY)) { // off by default, and its limit costs the day scores' leave-one-out
            limits.put(Rule.UNUSUAL_DAY, java.util.Map.of("score above", unusualDayLimit(baseline)));
        }
        java.util.Map<String, org.hearth.models.status.RuleThreshold> out = new java.util.TreeMap<>();
        for (java.util.Map.Entry<Rule, org.hearth.models.threshold.RuleSettings> e : settings.entrySet()) {
            Rule rule = e.getKey();
            org.hearth.models.threshold.RuleSettings s = e.getValue();
            java.util.List<String> overrides = thresholds.overrides(rule, home);
            double budget = s.param("budget", 0);
            out.put(rule.wireName(), s.enabled()
                    ? new org.hearth.models.status.RuleThreshold(true, THRESHOLD_UNITS.get(rule),
                            rounded(limits.getOrDefault(rule, java.util.Map.of())), budget, overrides)
                    : org.hearth.models.status.RuleThreshold.off(budget, overrides));
        }
        return out;
    }

    /** The learned rules the status shows, with the unit of their limits. */
    private static final java.util.Map<Rule, String> THRESHOLD_UNITS = thresholdUnits();

    private static java.util.Map<Rule, String> thresholdUnits() {
        java.util.Map<Rule, String> u = new java.util.EnumMap<>(Rule.class);
        u.put(Rule.NOT_UP, "clock");
        u.put(Rule.NO_KETTLE, "clock");
        u.put(Rule.STILLNESS, "min");
        u.put(Rule.NIGHT_DOOR, "");
        u.put(Rule.NOT_HOME, "min");
        u.put(Rule.NIGHT_ACTIVITY, "unusual half-hours");
        u.put(Rule.UNUSUAL_ROUTES, "bits/move");
        u.put(Rule.UNUSUAL_DAY, "");
        u.put(Rule.BATHROOM_TREND, "bathroom visits/day");
        u.put(Rule.KETTLE_TREND, "boils/day");
        u.put(Rule.SLEEP_TREND, "min in bed/day");
        return java.util.Collections.unmodifiableMap(u);
    }

    /** Two decimals: what a person reads, and the same status for the same thresholds. */
    private static java.util.Map<String, Double> rounded(java.util.Map<String, Double> limits) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        limits.forEach((k, v) -> out.put(k, Math.round(v * 100) / 100.0));
        return out;
    }

    private java.util.Set<String> motionRooms() {
        java.util.Set<String> rooms = new java.util.TreeSet<>();
        for (Sensor s : home.sensors()) {
            if (s.kind() == org.hearth.models.event.SensorKind.MOTION && s.room() != null) {
                rooms.add(s.room());
            }
        }
        return rooms;
    }

    private Instant pending(Optional<AnchorExpectation> e, org.hearth.models.threshold.RuleSettings s, CareDay day,
            java.time.LocalDate decided, LearnedState state) {
        if (!s.enabled() || (decided != null && !day.date().isAfter(decided))) {
            return null;
        }
        if (e.isEmpty()) {
            return null;
        }
        Instant at = e.get().deadlineOn(day, zone, boundary).plus(SETTLE);
        return at.isAfter(state.trackerWatermark) ? at : null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private void deadlines(LearnedState state, LearnedState.Live live, DayLimits limits, Instant now,
            boolean monitoring, List<RuleOutcome> out) {
        CareDay today = CareDay.containing(now, zone, boundary);
        boolean away = live.tracker.status().away();
        if (notUp.enabled() && (state.notUpDecided == null || today.date().isAfter(state.notUpDecided))) {
            Optional<AnchorExpectation> e = Optional.ofNullable(limits.rise());
            if (e.isPresent()) {
                Instant fire = e.get().deadlineOn(today, zone, boundary).plus(SETTLE);
                if (!now.isBefore(fire)) {
                    state.notUpDecided = today.date();
                    boolean up = today.date().equals(state.upDay) && !backInBed(state, live, today, fire);
                    if (!up && !away && monitoring && !state.notUpRaised && now.isBefore(fire.plus(STALE))) {
                        state.notUpRaised = true;
                        state.notUpRaisedAt = fire;
                        out.add(RuleOutcome.raise(Rule.NOT_UP, fire,
                                Explanations.notUp(e.get(), state.lastMovement, zone)));
                    }
                }
            }
        }
        if (hasKettle && noKettle.enabled()
                && (state.noKettleDecided == null || today.date().isAfter(state.noKettleDecided))) {
            Optional<AnchorExpectation> e = Optional.ofNullable(limits.kettle());
            if (e.isPresent()) {
                Instant fire = e.get().deadlineOn(today, zone, boundary).plus(SETTLE);
                if (!now.isBefore(fire)) {
                    state.noKettleDecided = today.date();
                    boolean boiled = today.date().equals(state.kettleDay) || boilUnderWay(live, now);
                    // Up and using the kitchen (the fridge, a cupboard, the kitchen's own motion) but
                    // no tea: fine. Simulated residents, like the UK households the kettle habits come
                    // from, skip the kettle on about 3 % of days: alone, that was a text a month.
                    boolean kitchenUsed = today.date().equals(state.kitchenDay);
                    if (!boiled && !kitchenUsed && !away && monitoring && !state.noKettleRaised && !state.notUpRaised
                            && now.isBefore(fire.plus(STALE))) {
                        state.noKettleRaised = true;
                        state.noKettleRaisedAt = fire;
                        out.add(RuleOutcome.raise(Rule.NO_KETTLE, fire,
                                Explanations.noKettle(e.get(), state.lastMovement, zone)));
                    }
                }
            }
        }
    }

    /**
     * When {@code no-kettle} judges: with a {@code budget}, the first-boil time that the person's
     * own learned mornings (those with a boil) would pass about {@code budget} times in 30 days
     * ({@link org.hearth.models.baseline.TailBudget}), never earlier than the usual ({@code quantile})
     * plus {@code margin}, and no later than {@link #LATEST_KETTLE_DEADLINE} before the care day
     * turns (a deadline after the turn would be judged against the next day). Without a budget,
     * the usual plus {@code margin}. {@code firsts}: the first-boil times on the care scale (with the
     * "I'm OK" floors).
     */
    Optional<AnchorExpectation> budgeted(Optional<AnchorExpectation> e, double[] firsts) {
        double budget = noKettle.param("budget", 0);
        if (e.isEmpty() || budget <= 0) {
            return e;
        }
        // Over the mornings with a boil only: a morning without any is the kitchen condition's, and
        // counted here as a morning within the deadline it would move the deadline earlier.
        double level = org.hearth.models.baseline.TailBudget.level(firsts, firsts.length, budget / 30.0,
                KETTLE_RESOLUTION_MINUTES);
        int marginDeadline = CareDay.careMinute(e.get().deadlineMinute(), boundary);
        int latest = 1440 - (int) LATEST_KETTLE_DEADLINE.toMinutes();
        int deadline = (int) Math.min(latest, Math.max(marginDeadline, Math.round(level)));
        return Optional.of(new AnchorExpectation(e.get().anchor(), e.get().usualMinute(),
                CareDay.localMinute(deadline, boundary), e.get().share(), e.get().samples()));
    }

    /** The smallest tail scale of first-boil times: a quarter of an hour is within a morning's noise. */
    static final double KETTLE_RESOLUTION_MINUTES = 15;
    /** The budgeted no-kettle deadline ends at least this long before the care day turns (noon). */
    static final Duration LATEST_KETTLE_DEADLINE = Duration.ofMinutes(30);

    /**
     * Marks the care day as one on which the person used the kitchen in the morning: moved in a
     * kitchen room, opened something there (fridge, cupboard) or switched on an appliance there
     * other than the kettle (a microwave, a toaster; at least {@link #APPLIANCE_ON_WATTS}, so a
     * fridge's compressor is not the person). Raw events, as the job delivers them in event-time
     * order: the deadline is judged {@link #SETTLE} after it falls, past the allowed lateness.
     */
    private void noteKitchenUse(LearnedState state, SensorEvent event) {
        Optional<Sensor> sensor = home.sensor(event.sensorId());
        if (sensor.isEmpty() || !kitchenRooms.contains(sensor.get().room()) || event.kind() != sensor.get().kind()
                || sensor.get().role() == SensorRole.KETTLE) {
            return;
        }
        boolean use = switch (event.kind()) {
            case MOTION -> event.isOn();
            case CONTACT -> true;
            case POWER -> event.value() >= APPLIANCE_ON_WATTS;
            default -> false;
        };
        if (!use) {
            return;
        }
        CareDay day = CareDay.containing(event.ts(), zone, boundary);
        boolean morning = !event.ts().isBefore(day.instantAt(minuteOf(dayConfig.earliestRise()), zone, boundary));
        if (morning && (state.kitchenDay == null || day.date().isAfter(state.kitchenDay))) {
            state.kitchenDay = day.date();
        }
    }

    /** A kitchen appliance drawing this much is switched on by someone (a fridge cycles at ~100 W). */
    static final double APPLIANCE_ON_WATTS = 500;

    /**
     * A boil is known only when it ends, so one under way at the deadline is the kettle used. A plug
     * "on" for longer than any boil (a lost off reading, another appliance) is not.
     */
    private boolean boilUnderWay(LearnedState.Live live, Instant now) {
        Instant on = live.tracker.status().kettleOnSince();
        return on != null && Duration.between(on, now).compareTo(activityConfig.kettleMaxBoil()) <= 0;
    }

    private void take(LearnedState state, LearnedState.Live live, DayLimits limits, List<Activity> activities,
            List<RuleOutcome> out) {
        for (Activity a : activities) {
            live.days.accept(a);
            watch.take(state.watch, limits.watch(), a, out);
            CareDay day = CareDay.containing(a.at(), zone, boundary);
            boolean morning = !a.at().isBefore(day.instantAt(minuteOf(dayConfig.earliestRise()), zone, boundary));
            if (a instanceof Motion m) {
                if (state.lastMovement == null || m.at().isAfter(state.lastMovement)) {
                    state.lastMovement = m.at();
                }
                if (bedRoom == null || !bedRoom.equals(m.room())) {
                    up(state, day, morning, a.at(), "movement in the " + m.room(), out);
                }
            } else if (a instanceof BedExited) {
                up(state, day, morning, a.at(), "out of bed", out);
            } else if (a instanceof KettleBoil) {
                up(state, day, morning, a.at(), "kettle on", out);
                if (morning) {
                    state.kettleDay = day.date();
                }
                // Any boil after the alert answers it, the afternoon's too: care days turn at noon, so
                // waiting for a "morning" boil kept the alert open until the next day's and then
                // cleared it with that boil's clock time, earlier than the "usually by" it was raised on.
                if (state.noKettleRaised) {
                    state.noKettleRaised = false;
                    out.add(RuleOutcome.clear(Rule.NO_KETTLE, a.at(), Explanation.of("kettle on in the morning",
                            "kettle on at " + clockTime(a.at(), state.noKettleRaisedAt))));
                    state.noKettleRaisedAt = null;
                }
            }
        }
    }

    /**
     * Out of bed early and back in it long before the deadline, with nothing done in the kitchen: a trip
     * to the bathroom at dawn, not getting up. Only a bed sensor can tell it; a person who made tea and
     * went back to bed was up.
     */
    private static boolean backInBed(LearnedState state, LearnedState.Live live, CareDay today, Instant deadline) {
        HomeStatus s = live.tracker.status();
        return s.inBed() && s.bedReadingSince() != null && !s.bedReadingSince().isAfter(deadline.minus(BACK_IN_BED))
                && !today.date().equals(state.kettleDay) && !today.date().equals(state.kitchenDay);
    }

    /**
     * Marks the care day as one the person got up on (only from its morning), and clears an open
     * {@code not-up} at any sign of being up after it was raised (an afternoon one included).
     */
    private void up(LearnedState state, CareDay day, boolean morning, Instant at, String how, List<RuleOutcome> out) {
        if (morning && (state.upDay == null || day.date().isAfter(state.upDay))) {
            state.upDay = day.date();
        }
        if (state.notUpRaised) {
            state.notUpRaised = false;
            out.add(RuleOutcome.clear(Rule.NOT_UP, at, Explanation.of("up in the morning",
                    "up at " + clockTime(at, state.notUpRaisedAt) + " (" + how + ")")));
            state.notUpRaisedAt = null;
        }
    }

    /**
     * "09:24", or "09:24 on Sat 5 Dec" when that is not the local day the alert was raised on: a
     * bare clock time in an all-clear reads as that day's, and may seem to contradict the alert.
     */
    private String clockTime(Instant at, Instant raisedAt) {
        String time = Explanations.hhmm(at, zone);
        if (raisedAt == null || raisedAt.atZone(zone).toLocalDate().equals(at.atZone(zone).toLocalDate())) {
            return time;
        }
        return time + " on " + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.UK).format(at.atZone(zone));
    }

    private void closeDay(LearnedState state, Baseline baseline, DayProfile day, Instant now, List<RuleOutcome> out) {
        if (baseline.ready() && unusualDay.enabled()) {
            DayScore score = baseline.scoreDay(day);
            double limit = unusualDayLimit(baseline);
            if (score.score() > limit && !state.unusualDayRaised) {
                state.unusualDayRaised = true;
                out.add(RuleOutcome.raise(Rule.UNUSUAL_DAY, now, Explanations.unusualDay(score)));
            } else if (score.score() <= limit && state.unusualDayRaised) {
                state.unusualDayRaised = false;
                out.add(RuleOutcome.clear(Rule.UNUSUAL_DAY, now, Explanation.of("a usual day",
                        "the day of " + day.careDay() + " was usual again")));
            }
        }
        watch.beforeLearning(state.watch, baseline, day, now, out);
        baseline.add(day);
        forgetOldAnswers(state, now);
        watch.afterLearning(state.watch, baseline, day, now, out);
    }

    /**
     * The day score beyond which a day is unusual: with a {@code budget}, the level the person's own
     * learned days (each scored against the others) would cross at that many alerts per 30 days;
     * without, the {@code quantile} of those scores plus {@code margin}.
     */
    double unusualDayLimit(Baseline baseline) {
        double budget = unusualDay.param("budget", 0);
        if (budget > 0) {
            return org.hearth.models.baseline.TailBudget.level(baseline.dayScores(), baseline.days(), budget / 30.0,
                    DAY_SCORE_RESOLUTION);
        }
        return baseline.dayScoreQuantile(unusualDay.quantile()) + unusualDay.margin();
    }

    /** The smallest tail scale of the day score (robust z units): below it differences are noise. */
    static final double DAY_SCORE_RESOLUTION = 0.25;

    /**
     * The hot limits ({@link DayLimits}), computed from the baseline only when missing (state written
     * before they existed, a new home) or computed for other settings, kit or calculation.
     */
    DayLimits limits(LearnedState state) {
        DayLimits l = state.limits(roomList);
        if (l == null || l.key() != limitsKey) {
            l = computeLimits(state, coldBaseline(state));
            state.limits(l);
        }
        return l;
    }

    /** Every limit the per-event path reads, from the baseline as it is now (and the resident's answers). */
    DayLimits computeLimits(LearnedState state, Baseline b) {
        java.time.LocalDate last = b.lastDay().map(CareDay::date).orElse(null);
        if (!b.ready()) {
            return new DayLimits(limitsKey, false, b.days(), last, null, null, null);
        }
        AnchorExpectation rise = b.expect(Anchor.RISE, notUp.quantile(), notUp.margin()).orElse(null);
        AnchorExpectation kettle = hasKettle ? kettleExpectation(state, b).orElse(null) : null;
        return new DayLimits(limitsKey, true, b.days(), last, rise, kettle,
                watch.limits(b, rooms, state.watch.residentOks, exitDoors(state)));
    }

    /**
     * The stillness limits as the per-event path reads them: the hot limits', or for a room they do
     * not have (none the kit lists: the key changes with the kit) straight from the baseline.
     */
    private StillnessRule.Limits stillnessLimits(LearnedState state, DayLimits limits, List<String> unseenRooms) {
        StillnessRule.Limits learned = (room, band) -> {
            StillnessRule.Limit l = limits.stillness(room, band);
            return l != null ? l : watch.stillnessLimit(coldBaseline(state), room, band, exitDoors(state));
        };
        return unseenRooms.isEmpty() ? learned : watch.whileRoomsAreUnseen(learned, unseenRooms);
    }

    /** The tracker and open days (hot: every event uses them); the baseline stays encoded until asked for. */
    private LearnedState.Live live(LearnedState state) {
        if (state.live == null) {
            DayTracker days = state.storedDays() == null ? new DayTracker(zone, dayConfig)
                    : StateCodec.readDays(state.storedDays(), zone, dayConfig, state.kit);
            ActivityTracker tracker = state.storedTracker() == null ? new ActivityTracker(trackedHome, activityConfig)
                    : StateCodec.readTracker(state.storedTracker(), trackedHome, activityConfig, state.kit);
            // A tracker written before the learned exit doors were kept has none until this home's next day close
            // learns them. Not from the baseline now: on an upgrade that would read (and, in its older format,
            // rewrite) every home's baseline at its first event, the whole fleet's day closes at once, unspread.
            state.live = new LearnedState.Live(tracker, days);
            if (state.storedDays() != null) {
                state.live.decodedDays(state.storedDays(), StateCodec.isKitRelative(state.storedDays()) ? state.kit : null);
            }
        }
        return state.live;
    }

    /**
     * The learned baseline (the cold part), decoded on first use in this access: at day close, when
     * the limits are recomputed, for the status. Never per event otherwise.
     */
    private Baseline coldBaseline(LearnedState state) {
        LearnedState.Live live = live(state);
        if (live.baseline == null) {
            byte[] bytes = state.storedBaseline();
            live.baseline = bytes == null ? new Baseline(baselineConfig) : StateCodec.readBaseline(bytes);
            // an older format is re-encoded (upgraded) on the next write, as before
            if (bytes != null && StateCodec.isCurrentVersion(bytes)) {
                live.decodedBaseline(bytes);
            }
        }
        return live.baseline;
    }

    private static int minuteOf(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }
}
