package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.DoorOpened;
import org.hearth.models.activity.LeftHome;
import org.hearth.models.activity.Motion;
import org.hearth.models.activity.ReturnedHome;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.DayMeasure;
import org.hearth.models.baseline.Quantiles;
import org.hearth.models.baseline.TailBudget;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.DayProfile;
import org.hearth.models.explain.Explanation;
import org.hearth.models.explain.Explanations;
import org.hearth.models.registry.Home;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;

/**
 * The rules about the night and about being out: {@code night-door}, {@code not-home} and
 * {@code night-activity}. "Night" is the person's own {@link SleepWindow}, learned from their
 * bedtimes and rise times (or, without a bed sensor, from the half-hours in which they are rarely
 * active), not a fixed clock window.
 *
 * <ul>
 * <li>{@code night-door} (urgent): the front door opened inside the sleep window while the person
 *     was at home (an opening while out is them coming back), when tonight's openings reach the
 *     {@code quantile} of their usual night openings plus {@code margin} (a count; at least one).
 *     Cleared when they are back in ({@code ReturnedHome}), or seen moving inside after the door
 *     without having gone out, or at the care day's close.
 * <li>{@code not-home} (urgent, a deadline so that it fires in silence): out for longer than usual.
 *     An outing that began inside the sleep window is usual for no one who sleeps then: its limit is
 *     {@code margin}. By day the limit is the {@code quantile} of the lengths of the person's last
 *     {@link #MAX_OUTINGS} outings begun in the same time band (all of them if fewer than
 *     {@link #MIN_OUTINGS} there) plus {@code margin}, or {@code fallback} (but at least the longest outing seen plus
 *     {@code margin}) with fewer than {@link #MIN_OUTINGS} outings; by day never beyond {@link #ceilingMinutes}. An
 *     absence (longer than {@link OrdinaryOutings#ABSENCE}) or an outing across a gap in the recording is not learned
 *     from ({@link OrdinaryOutings}); but absences that recur, begun in one time band, are this person's habit and
 *     raise that band's limit to theirs ({@link HabitualAbsences}). Outings are remembered in {@link WatchState}, not taken from the
 *     day profiles: a profile's daily time out splits an outing that spans the noon boundary (found
 *     on the simulator's day-centre days, 10:00-15:30: 39 false not-home alerts on 10 homes x 30
 *     days). Cleared when they come back. Not raised while the hub is offline.
 * <li>{@code night-activity} (warning): activity tonight, inside the sleep window, in half-hours in
 *     which the person is active on fewer than {@code maxSlotProbability} of days; raised when the
 *     number of such half-hours exceeds the {@code quantile} of the same count on their usual days
 *     plus {@code margin} (so one night bathroom trip at an odd time, which may touch two
 *     half-hours, is not enough at the default margin of 2). Cleared at the care day's close.
 * </ul>
 *
 * <p>The baseline's daily measures do not know which door opened at night; night-door's usual count
 * uses all doors' night openings, which errs on the quiet side.
 */
final class NightRules {

    /** With fewer days with an outing than this, not-home by day uses its fallback limit. */
    static final int MIN_OUTINGS = 3;
    /**
     * Outings begun in one time band are judged against each other only when there are this many;
     * else against all of the person's outings. Three evening outings of 50-60 min said "never out
     * longer than an hour in the evening" on a real home, and the next evening out raised not-home
     * after one hour (its outings by day ran to more than three).
     */
    static final int MIN_OUTINGS_IN_BAND = 10;
    /** How many past outings are remembered (about four weeks for someone who goes out daily). */
    static final int MAX_OUTINGS = 40;
    private static final Duration STALE = LearnedRules.STALE;

    private final ZoneId zone;
    private final LocalTime boundary;
    private final ActivityConfig activity;
    private final RuleSettings nightDoor;
    private final RuleSettings notHome;
    private final RuleSettings nightActivity;

    NightRules(Home home, Thresholds thresholds, ActivityConfig activity, LocalTime boundary) {
        this.zone = home.zone();
        this.boundary = boundary;
        this.activity = activity;
        this.nightDoor = thresholds.settings(Rule.NIGHT_DOOR, home);
        this.notHome = thresholds.settings(Rule.NOT_HOME, home);
        this.nightActivity = thresholds.settings(Rule.NIGHT_ACTIVITY, home);
    }

    /**
     * What these rules need from the baseline (their "limits from baseline"): computed when the
     * baseline changes (day close, an "I'm OK" answer) and kept in the home's hot state
     * ({@link DayLimits}), so that the rules read no baseline per activity or timer.
     *
     * @param rareSlots bit s set when half-hour s is one the person is active in on fewer than
     *     {@code maxSlotProbability} of days
     * @param answeredSlots bit s set when an "I'm OK" to night activity, on a night still in the
     *     window, was active in half-hour s ({@link #answeredOk})
     * @param baselineDays the days learned; {@code outOfHomePerDay} their mean time out (not-home's span)
     */
    record Limits(Optional<SleepWindow> doorWindow, Optional<SleepWindow> activityWindow,
            Optional<SleepWindow> widestWindow, long rareSlots, long answeredSlots, double usualNightDoors,
            double nightDoorsNeeded, double unusualSlotsBeyond, int baselineDays, double outOfHomePerDay) {

        boolean rare(int slot) {
            return (rareSlots >>> slot & 1L) != 0;
        }

        boolean answered(int slot) {
            return (answeredSlots >>> slot & 1L) != 0;
        }
    }

    /**
     * The widest usual night: from the bedtime the person is in bed by on only 1 day in 10 to the
     * rise time they stay in bed until on 1 day in 10 (where sleep is usual at all, for stillness).
     */
    static final double WIDEST_NIGHT_QUANTILE = 0.1;

    /** The limits from a ready baseline and the resident's "I'm OK" answers (see {@link Limits}). */
    Limits limits(Baseline b, List<ResidentOk> residentOks) {
        double[] p = new double[DayProfile.SLOTS];
        for (int s = 0; s < p.length; s++) {
            p[s] = b.slotProbability(s);
        }
        Optional<SleepWindow> doors = SleepWindow.of(b, nightDoor.quantile(), boundary);
        Optional<SleepWindow> active = SleepWindow.of(b, nightActivity.quantile(), boundary);
        double maxP = nightActivity.param("maxSlotProbability", 0.1);
        double usualUnusual = 0;
        double[] unusualCounts = new double[0];
        if (active.isPresent()) {
            double[] counts = b.window().stream().mapToDouble(d -> {
                int n = 0;
                for (int s = 0; s < p.length; s++) {
                    if (d.active(s) && active.get().containsSlot(s) && p[s] < maxP) {
                        n++;
                    }
                }
                return n;
            }).toArray();
            usualUnusual = Quantiles.of(counts, nightActivity.quantile());
            unusualCounts = counts;
        }
        double usualDoors = b.quantile(DayMeasure.NIGHT_DOOR_OPENINGS, nightDoor.quantile()).orElse(0);
        Optional<SleepWindow> widest = SleepWindow.of(b, WIDEST_NIGHT_QUANTILE, boundary);
        double doorBudget = nightDoor.param("budget", 0);
        double doorsNeeded = doorBudget > 0
                ? Math.max(1, Math.floor(TailBudget.level(b.values(DayMeasure.NIGHT_DOOR_OPENINGS), b.days(),
                        doorBudget / 30.0, 1)) + 1)
                : Math.max(1, usualDoors + nightDoor.margin());
        double activityBudget = nightActivity.param("budget", 0);
        double slotsBeyond = activityBudget > 0 && unusualCounts.length > 0
                ? Math.max(0, TailBudget.level(unusualCounts, b.days(), activityBudget / 30.0, 1))
                : Math.max(0, usualUnusual + nightActivity.margin());
        long rare = 0;
        long answered = 0;
        for (int s = 0; s < p.length; s++) {
            if (!(p[s] >= maxP)) { // as nightActivity read it: a slot is judged unless p >= maxP
                rare |= 1L << s;
            }
            if (answeredOk(residentOks, b, s)) {
                answered |= 1L << s;
            }
        }
        double outPerDay = java.util.Arrays.stream(b.values(DayMeasure.OUT_OF_HOME)).average().orElse(0);
        return new Limits(doors, active, widest, rare, answered, usualDoors, doorsNeeded, slotsBeyond, b.days(),
                outPerDay);
    }

    // ---- activities ---------------------------------------------------------------------

    /** One activity; {@code p} is null while the baseline is not ready (only outings are remembered then). */
    void take(WatchState s, Limits p, Activity a, List<RuleOutcome> out) {
        if (a instanceof LeftHome l) {
            s.outSince = l.at();
        } else if (a instanceof ReturnedHome r) {
            s.outSince = null;
            rememberOuting(s, r);
            String back = "back home at " + Explanations.hhmm(r.at(), zone);
            if (s.notHomeRaised) {
                s.notHomeRaised = false;
                out.add(RuleOutcome.clear(Rule.NOT_HOME, r.at(), Explanation.of("back within the usual time", back)));
            }
            clearNightDoor(s, r.at(), back, out);
        }
        if (p == null) {
            return;
        }
        int minute = CareDay.localMinuteOf(a.at(), zone);
        if (a instanceof DoorOpened d && d.frontDoor() && s.outSince == null && p.doorWindow().isPresent()
                && p.doorWindow().get().contains(minute)) {
            frontDoorAtNight(s, p, d, out);
        }
        if (a instanceof Motion m && s.nightDoorRaised && s.outSince == null && s.nightDoorAt != null
                && m.at().isAfter(s.nightDoorAt.plus(activity.doorGrace()))) {
            clearNightDoor(s, m.at(), "at home, moving in " + m.room() + " at " + Explanations.hhmm(m.at(), zone), out);
        }
        nightActivity(s, p, a, minute, out);
    }

    /**
     * Remembers an outing, not one during which the recording had a gap ({@link OrdinaryOutings#spansAGap}): its length
     * is the gap's as much as the person's. An absence ({@link OrdinaryOutings#ABSENCE}) is remembered, for
     * {@link HabitualAbsences} (a night away every week is this person's habit), but the limits of ordinary outings
     * leave it out ({@link OrdinaryOutings}).
     */
    private void rememberOuting(WatchState s, ReturnedHome r) {
        long minutes = r.away().toMinutes();
        if (minutes <= 0 || OrdinaryOutings.spansAGap(r.leftAt(), s.unmonitoredUntil)) {
            return;
        }
        // Only the start's time band is ever read (the limits are per band): remembered as the band's first minute,
        // the codec keeps two bits of it (version 10)
        s.outingStarts.add(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(r.leftAt(), zone)).firstMinute());
        s.outingMinutes.add((int) Math.min(Integer.MAX_VALUE, minutes));
        while (s.outingMinutes.size() > MAX_OUTINGS) {
            s.outingStarts.remove(0);
            s.outingMinutes.remove(0);
        }
    }

    /**
     * The usual length of an outing begun at this time of day: the {@code quantile} of the remembered
     * outings begun in the same time band, else of all of them; NaN with fewer than
     * {@link #MIN_OUTINGS}.
     */
    private double usualOutingMinutes(OrdinaryOutings o, Instant start) {
        double[] same = o.in(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(start, zone)));
        double[] all = o.minutes();
        double[] use = same.length >= MIN_OUTINGS_IN_BAND ? same : all;
        return use.length >= MIN_OUTINGS ? Quantiles.of(use, notHome.quantile()) : Double.NaN;
    }

    /**
     * The outing length this person's own outings (begun in the same time band, else all) would
     * outlast at {@code budget} alerts per 30 days: a person whose outings vary from 20 min to 4 h
     * gets a long limit, one who is always back within the hour a short one.
     */
    private double outingLevel(OrdinaryOutings o, Instant start, Limits p, double budget) {
        double[] same = o.in(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(start, zone)));
        double[] all = o.minutes();
        boolean useSame = same.length >= MIN_OUTINGS_IN_BAND;
        double span = outingSpanDays(o, p);
        // Outing lengths vary by factors (a 20-minute errand, a 4-hour visit), so the tail is fitted to
        // their logarithms: on a real home an exponential tail in minutes raised 22 not-home in 9 months.
        double[] logs = java.util.Arrays.stream(useSame ? same : all).map(m -> Math.log(Math.max(1, m))).toArray();
        double[] allLogs = java.util.Arrays.stream(all).map(m -> Math.log(Math.max(1, m))).toArray();
        double prior = TailBudget.scaleBeyondMedian(allLogs, OUTING_RESOLUTION_LOG);
        return Math.exp(TailBudget.level(logs, span, budget / 30.0, OUTING_RESOLUTION_LOG, prior));
    }

    /** How many remembered outings began in the time band of {@code start}. */
    private long outingsInBand(OrdinaryOutings o, Instant start) {
        return o.countIn(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(start, zone)));
    }

    /**
     * How many days the remembered outings cover: their total length over the person's usual time
     * out a day (learned days), at most the learned days. Someone who goes out five times a day
     * fills the memory of {@link #MAX_OUTINGS} in a week; taking it for four weeks would make long
     * outings look four times rarer than they are.
     */
    private static double outingSpanDays(OrdinaryOutings o, Limits p) {
        double perDay = p.outOfHomePerDay();
        double total = o.total();
        double days = Math.max(1, p.baselineDays());
        return perDay <= 0 ? days : Math.max(1, Math.min(days, total / perDay));
    }

    /** The smallest tail scale of outing lengths: a quarter longer. */
    static final double OUTING_RESOLUTION_LOG = Math.log(1.25);

    private void frontDoorAtNight(WatchState s, Limits p, DoorOpened d, List<RuleOutcome> out) {
        LocalDate night = CareDay.containing(d.at(), zone, boundary).date();
        if (!night.equals(s.doorNight)) {
            s.doorNight = night;
            s.nightDoorOpenings = 0;
        }
        s.nightDoorOpenings++;
        double needed = p.nightDoorsNeeded();
        if (nightDoor.enabled() && !s.nightDoorRaised && s.nightDoorOpenings >= needed) {
            s.nightDoorRaised = true;
            s.nightDoorAt = d.at();
            out.add(RuleOutcome.raise(Rule.NIGHT_DOOR, d.at(),
                    Explanations.nightDoor("front door", d.at(), zone, p.usualNightDoors())));
        }
    }

    private void clearNightDoor(WatchState s, Instant at, String how, List<RuleOutcome> out) {
        if (s.nightDoorRaised) {
            s.nightDoorRaised = false;
            out.add(RuleOutcome.clear(Rule.NIGHT_DOOR, at, Explanation.of("at home at night", how)));
        }
    }

    private void nightActivity(WatchState s, Limits p, Activity a, int minute, List<RuleOutcome> out) {
        int slot = minute / 30;
        if (p.activityWindow().isEmpty() || !p.activityWindow().get().containsSlot(slot)
                || !p.rare(slot) || (!s.residentOks.isEmpty() && p.answered(slot))) {
            return;
        }
        LocalDate night = CareDay.containing(a.at(), zone, boundary).date();
        if (!night.equals(s.activityNight)) {
            s.activityNight = night;
            s.unusualSlots.clear();
        }
        s.unusualSlots.add(slot);
        double beyond = p.unusualSlotsBeyond();
        if (nightActivity.enabled() && !s.nightActivityRaised && s.unusualSlots.size() > beyond) {
            s.nightActivityRaised = true;
            SleepWindow w = p.activityWindow().get();
            List<Integer> slots = new ArrayList<>(s.unusualSlots);
            slots.sort((x, y) -> Integer.compare(CareDay.careMinute(x * 30, boundary), CareDay.careMinute(y * 30, boundary)));
            out.add(RuleOutcome.raise(Rule.NIGHT_ACTIVITY, a.at(),
                    Explanations.nightActivity(slots, w.startMinute() / 30, (w.endMinute() + 29) / 30)));
        }
    }

    /**
     * Whether the resident answered "I'm OK" to night activity on a night, still in the window, that
     * was active in this half-hour: they said it is usual for them ({@link LearnedRules#residentOk}).
     */
    private boolean answeredOk(List<ResidentOk> residentOks, Baseline baseline, int slot) {
        if (residentOks.isEmpty()) {
            return false;
        }
        for (ResidentOk ok : residentOks) {
            if (ok.rule() != Rule.NIGHT_ACTIVITY) {
                continue;
            }
            LocalDate night = CareDay.containing(ok.at(), zone, boundary).date();
            for (DayProfile d : baseline.window()) {
                if (d.date().equals(night) && d.active(slot)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- not-home deadline ----------------------------------------------------------------

    /** When the outing (or the front-door use that may start one) must be judged, or null. */
    Instant deadline(WatchState s, Limits p) {
        Instant start = pendingStart(s);
        return start == null || !notHome.enabled() ? null : start.plus(limit(s, p, start));
    }

    /**
     * The outing to judge: the one under way, or else the latest front-door use, which the tracker
     * turns into an outing only after its "away after" time; judging it at its limit (never shorter
     * than that) lets the tracker decide first.
     */
    private static Instant pendingStart(WatchState s) {
        Instant start = s.outSince != null ? s.outSince : s.lastFrontDoorRaw;
        return start == null || start.equals(s.notHomeDecided) ? null : start;
    }

    /** The limit an outing begun at {@code start} would be judged against now, with {@code p} from the baseline: for the learning status. */
    Duration notHomeLimit(WatchState s, Limits p, Instant start) {
        return limit(s, p, start);
    }

    private Duration limit(WatchState s, Limits p, Instant start) {
        LimitMemo last = lastLimit;
        if (last != null && last.matches(s, p, start)) {
            return last.limit();
        }
        double minutes = limitMinutes(s, p, start);
        Duration floor = activity.awayAfter().plus(activity.allowedLateness()).plusMinutes(1);
        Duration limit = Duration.ofSeconds(Math.round(minutes * 60));
        limit = limit.compareTo(floor) < 0 ? floor : limit;
        lastLimit = LimitMemo.of(s, p, start, limit);
        return limit;
    }

    /**
     * The limit last computed, with everything it was computed from. {@link #deadline} runs several
     * times per event (each {@code advanceTo}, each {@code nextDeadline}) for as long as a front-door
     * use or an outing is pending, hours a day, and the limit (quantiles and a tail fit over the
     * remembered outings, with logarithms) changes only when an outing is remembered or the limits
     * are recomputed. The hot state is read afresh for every event, so the inputs are compared by
     * value. Immutable, so a rules object shared between threads at worst recomputes.
     */
    private LimitMemo lastLimit;

    private record LimitMemo(Instant start, Optional<SleepWindow> doorWindow, double outOfHomePerDay, int baselineDays,
            int[] outingStarts, int[] outingMinutes, Duration limit) {

        static LimitMemo of(WatchState s, Limits p, Instant start, Duration limit) {
            return new LimitMemo(start, p.doorWindow(), p.outOfHomePerDay(), p.baselineDays(), ints(s.outingStarts),
                    ints(s.outingMinutes), limit);
        }

        /** The inputs of {@link NightRules#limitMinutes}: the start, the limits it reads, the remembered outings. */
        boolean matches(WatchState s, Limits p, Instant start) {
            return start.equals(this.start) && p.baselineDays() == baselineDays
                    && Double.compare(p.outOfHomePerDay(), outOfHomePerDay) == 0 && p.doorWindow().equals(doorWindow)
                    && same(s.outingStarts, outingStarts) && same(s.outingMinutes, outingMinutes);
        }

        private static int[] ints(List<Integer> list) {
            int[] a = new int[list.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = list.get(i);
            }
            return a;
        }

        private static boolean same(List<Integer> list, int[] a) {
            if (list.size() != a.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (list.get(i) != a[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The limit of an outing begun at {@code start}: that of the ordinary outings ({@link #ordinaryLimitMinutes}), or
     * this person's habit of a long absence begun in that time band ({@link HabitualAbsences}) if longer.
     */
    private double limitMinutes(WatchState s, Limits p, Instant start) {
        double habit = HabitualAbsences.of(s.outingStarts, s.outingMinutes)
                .allowanceMinutes(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(start, zone)));
        return Math.max(ordinaryLimitMinutes(s, p, start), habit);
    }

    private double ordinaryLimitMinutes(WatchState s, Limits p, Instant start) {
        OrdinaryOutings o = OrdinaryOutings.of(s.outingStarts, s.outingMinutes);
        if (atNight(p, start) && !(notHome.param("budget", 0) > 0 && outingsInBand(o, start) >= MIN_OUTINGS)) {
            return notHome.margin(); // out in the hours this person is asleep, and not their habit
        }
        double fallback = notHome.param("fallback", 240);
        double usual = usualOutingMinutes(o, start);
        double learned;
        if (Double.isNaN(usual)) { // too few outings: the fallback, but never less than the longest seen
            learned = Math.max(fallback, o.longest() + notHome.margin());
        } else {
            double budget = notHome.param("budget", 0);
            learned = budget > 0 ? Math.max(usual, outingLevel(o, start, p, budget)) : usual + notHome.margin();
        }
        return Math.min(learned, ceilingMinutes(o, fallback));
    }

    /** How many times the longest ordinary outing remembered a learned limit may reach (see {@link #ceilingMinutes}). */
    static final double LONGEST_FACTOR = 3;

    /**
     * The longest a limit by day may be: {@link #LONGEST_FACTOR} times the longest ordinary outing remembered (never
     * less than the {@code fallback}, what is used knowing nothing), and never beyond {@link OrdinaryOutings#ABSENCE}
     * (or the {@code fallback}, if configured longer): out longer than that is an absence, which a carer must hear of
     * (they pause monitoring for a planned one). The tail fitted to the outings' logarithms extrapolates far: on a real
     * home whose outings never passed 317 min it gave limits of 198-3,334 min from May to November.
     */
    private static double ceilingMinutes(OrdinaryOutings o, double fallback) {
        double ceiling = Math.max(OrdinaryOutings.ABSENCE_MINUTES, fallback);
        return Math.min(ceiling, Math.max(fallback, LONGEST_FACTOR * o.longest()));
    }

    /**
     * Out in this person's night: inside the learned quiet hours and the configured night (22:00-06:00)
     * both. The learned window alone is when the front door is rarely used, which for someone who is
     * home early every evening begins at tea time: on a real home an outing at 18:41 was judged
     * against the night's one-hour margin and raised "not home" (its own outings then are an evening
     * out, judged against the outings begun in that band).
     */
    private boolean atNight(Limits p, Instant t) {
        return p.doorWindow().isPresent() && p.doorWindow().get().contains(CareDay.localMinuteOf(t, zone))
                && activity.isNight(t.atZone(zone).toLocalTime());
    }

    void advanceTo(WatchState s, Limits p, Instant now, boolean monitoring, List<RuleOutcome> out) {
        Instant due = deadline(s, p);
        if (due == null || now.isBefore(due)) {
            return;
        }
        Instant start = pendingStart(s);
        s.notHomeDecided = start;
        if (s.outSince == null || !monitoring || s.notHomeRaised || !now.isBefore(due.plus(STALE))) {
            return; // stayed in, or no data to tell
        }
        s.notHomeRaised = true;
        Explanation why;
        if (atNight(p, start)) {
            String since = Explanations.hhmm(start, zone);
            why = new Explanation("usually at home at night", "out since " + since + " ("
                    + Explanations.duration(Duration.between(start, due)) + ")", Map.of("since", since));
        } else {
            double usual = usualOutingMinutes(OrdinaryOutings.of(s.outingStarts, s.outingMinutes), start);
            double habit = HabitualAbsences.of(s.outingStarts, s.outingMinutes)
                    .habitMinutes(org.hearth.models.day.TimeBand.ofMinute(CareDay.localMinuteOf(start, zone)));
            usual = habit > 0 ? habit : usual; // past a habit's allowance: "usually back within" the habit's length
            why = Explanations.notHome(start, Double.isNaN(usual) ? limitMinutes(s, p, start) : usual, due, zone);
        }
        out.add(RuleOutcome.raise(Rule.NOT_HOME, due, why));
    }

    /** At a care day's close: a night's door or activity alert ends with the night. */
    void closeDay(WatchState s, DayProfile day, Instant now, List<RuleOutcome> out) {
        if (s.nightActivityRaised) {
            s.nightActivityRaised = false;
            out.add(RuleOutcome.clear(Rule.NIGHT_ACTIVITY, now, Explanation.of("quiet at night",
                    "night over: " + s.unusualSlots.size() + " unusual half-hours")));
        }
        if (s.nightDoorRaised && s.outSince == null) {
            clearNightDoor(s, now, "at home, the night is over", out);
        }
    }
}
