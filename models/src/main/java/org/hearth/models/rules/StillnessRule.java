package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.activity.HomeStatus;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.InactivityModel;
import org.hearth.models.baseline.Quantiles;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;
import org.hearth.models.explain.Explanation;
import org.hearth.models.explain.Explanations;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.threshold.RuleSettings;

/**
 * Learned {@code stillness} ("possible fall"): at home and out of bed, nothing has moved for far
 * longer than this person's usual for the room and time of day.
 *
 * <p>The limit is the {@code quantile} of the person's daily longest stillness in that room and
 * time band ({@link Baseline#stillnessQuantile}) plus {@code margin}; in a bathroom plus the
 * smaller {@code bathroomMargin} (a fall there is the commonest and a long still visit is rarely
 * normal). A room entered on at least {@code minDays} days but never still there counts as usually
 * still under the tracker's minimum (5 min). A room and band with less history uses {@code fallback}
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
    private final String bedRoom;
    private final Set<String> sleepRooms;
    /** The front door's room (a hall): where a person is last seen before going out or on unseen. */
    private final Set<String> passageRooms;
    private final Home home;
    private final Duration minStillness = org.hearth.models.activity.ActivityConfig.defaults().minStillness();

    StillnessRule(Home home, RuleSettings settings) {
        this.zone = home.zone();
        this.settings = settings;
        this.bathrooms = ActivityTracker.bathroomRooms(home);
        this.bedRoom = home.sensorWithRole(SensorRole.BED).map(Sensor::room).orElse(null);
        this.sleepRooms = sleepRooms(home);
        this.passageRooms = ActivityTracker.roomsWithRole(home, SensorRole.FRONT_DOOR);
        this.home = home;
    }

    /**
     * Where this person sleeps: the bed sensor's room, else the rooms named as bedrooms (most kits
     * have no bed sensor; the real homes the project is judged on have none).
     */
    static Set<String> sleepRooms(Home home) {
        Set<String> bed = ActivityTracker.roomsWithRole(home, SensorRole.BED);
        if (!bed.isEmpty()) {
            return bed;
        }
        Set<String> rooms = new java.util.HashSet<>();
        for (Sensor s : home.sensors()) {
            if (s.room() != null && s.room().toLowerCase(java.util.Locale.ROOT).contains("bed")) {
                rooms.add(s.room());
            }
        }
        return Set.copyOf(rooms);
    }

    /** This episode's limit: learned, or the fallback while the room and band are not yet known. */
    record Limit(String room, Duration limit, OptionalDouble usualMinutes) {}

    /** Where the per-event path finds a room and band's limit: the hot state's, computed from the baseline at day close. */
    interface Limits {
        Limit limit(String room, TimeBand band);
    }

    /**
     * The rule's limits from the baseline: every room given, every time band (fallbacks included),
     * each as {@link #limit(Calibration, String, TimeBand)} gives it. Computed when the baseline
     * changes and kept in the hot state ({@link DayLimits}); what it builds from the baseline lives in
     * one {@link Calibration} and goes with it.
     */
    java.util.Map<String, Limit[]> limits(Baseline baseline, java.util.Collection<String> rooms, Set<String> exitDoors) {
        Calibration calibration = new Calibration(baseline, exitDoors);
        java.util.Map<String, Limit[]> out = new java.util.TreeMap<>();
        for (String room : rooms) {
            Limit[] byBand = new Limit[TimeBand.values().length];
            for (TimeBand band : TimeBand.values()) {
                byBand[band.ordinal()] = limit(calibration, room, band);
            }
            out.put(room, byBand);
        }
        return out;
    }

    /**
     * What one computation of the limits learns from the baseline once and reads for every room and
     * band: the inactivity model and the habit answers. It lives as long as that computation, so the
     * rule object holds nothing of the baseline between day closes and nothing can go stale.
     */
    private final class Calibration {
        final Baseline baseline;
        private Optional<InactivityModel> model;
        /** Per context and ceiling (the own one, then the configured one): whether silences beyond it are a habit there. */
        private final java.util.Map<java.util.Map.Entry<RoomBand, Double>, Boolean> habitual = new java.util.HashMap<>();

        private long beyondTheCeiling = -1;
        private final Set<String> passage;
        /** Per room: whether it is one the person is never still in ({@link StillnessRule#neverStillInModel}), the same for its four bands. */
        private final java.util.Map<String, Boolean> neverStill = new java.util.HashMap<>();

        Calibration(Baseline baseline, Set<String> exitDoors) {
            this.baseline = baseline;
            Set<String> rooms = new java.util.HashSet<>(passageRooms);
            for (String id : exitDoors) {
                home.sensor(id).map(Sensor::room).ifPresent(rooms::add);
            }
            this.passage = Set.copyOf(rooms);
        }

        /** The front door's room and those of the contacts learned as exit doors ({@link ExitDoors}). */
        Set<String> passageRooms() {
            return passage;
        }

        /**
         * Silences by day at home, in any room, longer than {@code ceiling} but shorter than
         * {@link #EMERGENCY_LENGTH} times it, on the learned days: how often this person outlasted
         * the ceiling in the ordinary course of a day. Counted once per computation (one ceiling).
         */
        long beyondTheCeiling(double ceiling) {
            if (beyondTheCeiling < 0) {
                beyondTheCeiling = baseline.window().stream()
                        .flatMap(d -> d.silences().entrySet().stream())
                        .filter(e -> CEILING_BANDS.contains(e.getKey().band()))
                        .flatMap(e -> e.getValue().stream())
                        .filter(m -> m > ceiling && m < EMERGENCY_LENGTH * ceiling)
                        .count();
            }
            return beyondTheCeiling;
        }

        /** This person's own day ceiling in {@code room} and {@code band} ({@link StillnessRule#ownCeiling}), under {@code ceiling}. */
        double ownCeiling(RoomBand key, double ceiling) {
            double budget = settings.param("budget", 0);
            if (budget <= 0 || baseline.days() == 0) {
                return ceiling;
            }
            if (longSilences == null || longSilences.ceiling != ceiling) { // one ceiling per computation
                longSilences = LongSilences.of(baseline.window(), ceiling, StillnessRule.this::judged);
            }
            return longSilences.ownCeiling(key, budget);
        }

        /** Per room, the learned days on which the person walked into it: counted once for every room. */
        private java.util.Map<String, Integer> daysEntered;

        int daysEntered(String room) {
            if (daysEntered == null) {
                java.util.Map<String, Integer> counts = new java.util.HashMap<>();
                for (DayProfile d : baseline.window()) {
                    Set<String> into = new java.util.HashSet<>();
                    for (org.hearth.models.day.Transition t : d.transitions().keySet()) {
                        into.add(t.to());
                    }
                    into.forEach(r -> counts.merge(r, 1, Integer::sum));
                }
                daysEntered = counts;
            }
            return daysEntered.getOrDefault(room, 0);
        }

        /** The window's long silences by day, counted once for every room and band ({@link StillnessRule#ownCeiling}). */
        private LongSilences longSilences;

        /** The person's inactivity model, calibrated to this rule's share of their false-alert budget. */
        Optional<InactivityModel> model(double budget) {
            if (model == null) {
                model = InactivityModel.of(baseline.window(), budget, StillnessRule.this::judged);
            }
            return model;
        }
    }

    /**
     * The deadline of the running episode, or null when there is nothing to judge: no sign yet,
     * away, in bed, already judged, room unknown or the rule disabled.
     */
    Instant deadline(WatchState s, Limits limits, HomeStatus status, Optional<SleepWindow> night) {
        Instant since = status.lastSignOfLife();
        if (!settings.enabled() || since == null || status.away() || status.inBed() || status.lastSeenRoom() == null
                || since.equals(s.stillnessDecided) || presumedAsleep(status, since, night)
                || backInBedUnread(s, status, night)) {
            return null;
        }
        Instant from = s.unmonitoredUntil != null && s.unmonitoredUntil.isAfter(since) ? s.unmonitoredUntil : since;
        Duration limit = limit(limits, status.lastSeenRoom(), since).limit();
        if (!from.equals(since)) {
            limit = unknownRoom(limit);
        }
        Instant due = from.plus(limit);
        return goneToBed(status, due, night) ? null : due;
    }

    /**
     * The kit was down during this silence (hub offline), so the room the person was last seen in
     * says nothing about where they are now: they may have gone to bed or out unseen, and the bed or
     * door readings were lost with the rest. Counted from the kit's return with at least the
     * {@code fallback} limit (the room's own, a bathroom's 40 minutes, would judge a sleeper; on the
     * simulator 5 of 65 false stillness alerts at seeds 42, 7 and 3 were such returns, e.g. "no
     * movement in bathroom since 20:17" raised at 04:52, 44 min after the hub came back).
     */
    private Duration unknownRoom(Duration roomLimit) {
        Duration fallback = minutes(settings.param("fallback", 180));
        return roomLimit.compareTo(fallback) > 0 ? roomLimit : fallback;
    }

    /** A bed exit followed by no movement for this long was no exit: the pad flickered and lost its "in bed". */
    static final Duration EXIT_MOVES_WITHIN = Duration.ofMinutes(2);

    /**
     * Raw readings, in arrival order, for {@link #backInBedUnread}: the latest "out of bed" reading,
     * the first movement read after it, and whether a movement after it was outside the bed's room.
     */
    void onEvent(WatchState s, SensorEvent e, Home home) {
        if (bedRoom == null) {
            return;
        }
        if (e.kind() == SensorKind.BED && !e.isOn() && (s.bedExitRaw == null || e.ts().isAfter(s.bedExitRaw))) {
            s.bedExitRaw = e.ts();
            s.bedExitFirstMove = null;
            s.bedExitLeftRoom = false;
        } else if (e.kind() == SensorKind.MOTION && e.isOn() && s.bedExitRaw != null && !e.ts().isBefore(s.bedExitRaw)) {
            if (s.bedExitFirstMove == null || e.ts().isBefore(s.bedExitFirstMove)) {
                s.bedExitFirstMove = e.ts();
            }
            s.bedExitLeftRoom |= !bedRoom.equals(Movement.room(e, home));
        }
    }

    /**
     * The bed reads empty, but the person is most likely back in it with the "in bed" reading lost:
     * silent in the bed's room after an exit read in the sleep hours that either nothing moved after
     * (a pad that flickered or bounced and lost its last reading: a real exit moves the room's PIR
     * within seconds) or that was a trip out of the bedroom and back (to the bathroom; the pad missed
     * the return). Left to the 12 h floor and {@code not-up}, like a person in bed. On the simulator,
     * whose bed pads lose 0.2 % of readings, these were 34 of 65 false stillness alerts at seeds 42,
     * 7 and 3 (one per movement in bed until the morning). Someone who gets out of bed and falls in
     * the bedroom (the PIR fires as they stand) is still judged.
     */
    private boolean backInBedUnread(WatchState s, HomeStatus status, Optional<SleepWindow> night) {
        Instant exit = status.bedReadingSince();
        if (bedRoom == null || status.inBed() || exit == null || !exit.equals(s.bedExitRaw)
                || !bedRoom.equals(status.lastSeenRoom())) {
            return false;
        }
        ZonedDateTime local = exit.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        if (!CONFIGURED_NIGHT.contains(minute) && !night.map(n -> n.contains(minute)).orElse(false)) {
            return false;
        }
        return s.bedExitLeftRoom || s.bedExitFirstMove == null
                || s.bedExitFirstMove.isAfter(exit.plus(EXIT_MOVES_WITHIN));
    }

    /**
     * No bed sensor, last seen in the bedroom, and the silence runs into this person's sleep hours:
     * they went to bed. Left to the 12 h safety floor, like a person in bed. Without this, early
     * nights spent the stillness rule's false-alert budget (a real home without a bed sensor, at a
     * stillness budget of 1.5: 6 of its 7 false stillness alerts were bedroom silences begun between
     * 20:00 and 03:00), and the limits by day had to be long to pay for them.
     */
    private boolean goneToBed(HomeStatus status, Instant due, Optional<SleepWindow> night) {
        if (bedRoom != null || !sleepRooms.contains(status.lastSeenRoom())) {
            return false;
        }
        ZonedDateTime local = due.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        // the learned night is when the bedroom goes quiet, which may be hours after going to bed
        return CONFIGURED_NIGHT.contains(minute) || night.map(n -> n.contains(minute)).orElse(false);
    }

    /**
     * The configured night (22:00-06:00), counted as sleep hours besides the learned night (which,
     * without a bed sensor, begins only when the bedroom goes quiet), and the only night of a person
     * whose night could not be learned: without a bed sensor, a bedroom PIR that sees someone turn
     * over in bed makes the small hours as active as the day on about half of the nights (a real home: every half-hour from 22:00 to 05:00 active
     * on 48-58 % of days, all of it in the bedroom), so no quiet run is found.
     */
    private static final SleepWindow CONFIGURED_NIGHT = new SleepWindow(
            org.hearth.models.activity.ActivityConfig.defaults().nightStart().toSecondOfDay() / 60,
            org.hearth.models.activity.ActivityConfig.defaults().nightEnd().toSecondOfDay() / 60);

    /**
     * In the bedroom in the person's usual sleep hours, and the bed has not been read since those
     * hours began: most likely asleep with the "in bed" reading lost (a dropped message; found on the
     * simulator, where such nights gave most false stillness alerts, one per bedroom movement).
     * Left to the 12 h safety floor. Someone who got out of bed tonight is still judged: the exit
     * was read.
     */
    private boolean presumedAsleep(HomeStatus status, Instant since, Optional<SleepWindow> night) {
        if (night.isEmpty() || !sleepRooms.contains(status.lastSeenRoom())) {
            return false;
        }
        ZonedDateTime local = since.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        if (!night.get().contains(minute)) {
            return false;
        }
        Instant nightBegan = local.minusMinutes(Math.floorMod(minute - night.get().startMinute(), 1440)).toInstant();
        return status.bedReadingSince() == null || status.bedReadingSince().isBefore(nightBegan);
    }

    /**
     * The limits while some rooms have lost every motion sensor (dead or near-dead PIRs, counted offline
     * by the safety rules): the person may be sitting in one of them unseen, so a silence is held to the
     * longest of the limits of the room last seen and of the unseen rooms, in its time of day. On the
     * shared real home the living-room, hall and bedroom PIRs were dead from late April to July; with
     * motion and the door only, 6 of that kit's 9 false alerts fell in those weeks, mostly the person
     * sitting in the living room unseen while the limit was the bathroom's or the bedroom's.
     */
    static Limits whileRoomsAreUnseen(Limits limits, java.util.List<String> unseenRooms) {
        return (room, band) -> {
            Limit longest = limits.limit(room, band);
            for (String unseen : unseenRooms) {
                Limit l = limits.limit(unseen, band);
                if (l.limit().compareTo(longest.limit()) > 0) {
                    longest = new Limit(room, l.limit(), longest.usualMinutes());
                }
            }
            return longest;
        };
    }

    private Limit limit(Limits limits, String room, Instant since) {
        return limits.limit(room, TimeBand.of(since.atZone(zone).toLocalTime()));
    }

    /**
     * The learned limit (minutes) for every room of the home with a motion sensor and every time of
     * day, for the learning status ("bathroom afternoon" -> 45); a room and band still on the
     * fallback are left out.
     */
    java.util.Map<String, Integer> learnedLimits(Baseline baseline, java.util.Collection<String> rooms, Set<String> exitDoors) {
        return learnedLimits(limits(baseline, rooms, exitDoors));
    }

    /** {@link #learnedLimits(Baseline, java.util.Collection, Set)} of limits already computed, by room. */
    static java.util.Map<String, Integer> learnedLimits(java.util.Map<String, Limit[]> byRoom) {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        byRoom.forEach((room, byBand) -> {
            for (TimeBand band : TimeBand.values()) {
                Limit l = byBand[band.ordinal()];
                if (l.usualMinutes().isPresent()) {
                    out.put(room + " " + band.wireName(), (int) l.limit().toMinutes());
                }
            }
        });
        return out;
    }

    private Limit limit(Calibration c, String room, TimeBand band) {
        Limit learned = learnedOrFallback(c, room, band);
        double ceiling = dayCeiling(c);
        if (ceiling > 0 && CEILING_BANDS.contains(band)) {
            RoomBand key = new RoomBand(room, band);
            double own = c.ownCeiling(key, ceiling);
            if (own < ceiling && learned.limit().compareTo(minutes(own)) > 0 && !stillThatLongByHabit(c, key, own)) {
                return new Limit(room, minutes(own), learned.usualMinutes());
            }
            if (learned.limit().compareTo(minutes(ceiling)) > 0 && !stillThatLongByHabit(c, key, ceiling)) {
                return new Limit(room, minutes(ceiling), learned.usualMinutes());
            }
        }
        return learned;
    }

    /** The time bands a silence must begin in to be held to the day ceiling. */
    private static final Set<TimeBand> CEILING_BANDS = java.util.EnumSet.of(TimeBand.MORNING, TimeBand.AFTERNOON);

    /**
     * A silence this many times the ceiling is a past emergency (the judged homes' are six hours), not
     * a sign of how long this person sits still: it must not stretch the ceiling for four weeks.
     */
    static final double EMERGENCY_LENGTH = 1.5;

    /**
     * The day ceiling for this person: {@code dayCeiling}, or {@code dayCeilingStretched} when on
     * their learned days they were silent by day beyond {@code dayCeiling} (and short of an
     * emergency's length) at least once, in any room. Such a person has silences that long now and
     * then, and a kit that sees less of them (no kitchen contacts, a motion sensor gone dead) has more
     * of them: on the shared real home with motion sensors and the front door only, 6 of its 11 false
     * stillness alerts were one-off silences ending between 2 h 30 min and 2 h 40 min, spread over
     * three rooms so that no room's habit check saw them. The stretched ceiling stays short of the
     * three hours within which an emergency must be found; a person never silent that long keeps the
     * shorter one.
     */
    private double dayCeiling(Calibration c) {
        double ceiling = settings.param("dayCeiling", 0);
        double stretched = settings.param("dayCeilingStretched", 0);
        if (ceiling > 0 && stretched > ceiling && c.beyondTheCeiling(ceiling) > 0) {
            return stretched;
        }
        return ceiling;
    }

    /**
     * Whether this person is silent beyond the ceiling in this room and time of day about once a week
     * or more ({@link #HABIT_PER_WEEK}) on their learned days: their habit (a long nap every
     * afternoon), or a room whose sensor does not see where they sit (a kit with a kitchen PIR only,
     * and afternoons in the lounge). There the learned limit stands; a ceiling would raise every week.
     * Less often is not a habit: one or two such silences in four weeks are the odd long nap, or a past
     * emergency, which the budget must not pay for with a four-hour wait.
     */
    private boolean stillThatLongByHabit(Calibration c, RoomBand key, double ceilingMinutes) {
        Baseline baseline = c.baseline;
        return c.habitual.computeIfAbsent(java.util.Map.entry(key, ceilingMinutes), entry -> {
            RoomBand k = entry.getKey();
            long longer = baseline.window().stream()
                    .mapToLong(d -> d.silences().getOrDefault(k, List.of()).stream().filter(m -> m > ceilingMinutes).count())
                    .sum();
            return longer >= HABIT_PER_WEEK * baseline.window().size() / 7.0;
        });
    }

    /** A silence by day longer than this (minutes) is a long one: what the person's own ceiling is learned from. */
    static final double LONG_SILENCE = 60;
    /** Fewer long silences by day than this on the learned days say too little to lower the ceiling. */
    static final int MIN_LONG_SILENCES = 5;

    /**
     * The day ceiling this person's own long silences by day call for in {@code key}'s room and time band: the
     * length that their silences of over an hour begun there would outlast at the rule's {@code budget}, never above
     * {@code ceiling}.
     *
     * <p>Why: the per-context tails ({@link InactivityModel}) are fitted to each context's top tenth and read far
     * beyond it (one silence in several hundred), where a mixture of sitting and napping makes an exponential too
     * heavy: on the shared real home the living room's afternoon limit read 254 min from four weeks whose longest
     * silence there was 108 min, so 15 of its 27 emergencies waited for the fixed 150 min ceiling. Here the tail is
     * fitted where the alerts are, to the silences of over an hour only (silences begun by day, in the morning and
     * afternoon bands; silences of {@link #EMERGENCY_LENGTH} times the ceiling or more
     * are past emergencies, not the person's habit): beyond an hour, exponential with the mean excess as its
     * scale. The time band's scale (all rooms) is shrunk by {@link InactivityModel#SHRINK} pseudo-silences towards
     * the scale that puts the ceiling itself at the budget, and the room's towards the band's, as the inactivity
     * model shrinks its contexts: a room with few long silences of its own takes the band's. Every long silence of
     * both day bands gets the same chance of outliving its ceiling, as every silence does in the inactivity
     * model, so the ceilings alone would raise about the rule's budget over days like the learned ones. A person
     * whose long silences in a room are few and end soon after the hour gets a lower ceiling there; a room where
     * they nap two hours, or a kit that sees less of them (more long silences), keeps {@code ceiling}. Fewer than
     * {@link #MIN_LONG_SILENCES} long silences by day keep it everywhere. Judged per band alone (all rooms
     * together), a room's short long silences lowered the ceiling of the room where the person naps longest: on
     * the shared real home one more false alert (a living-room silence of 2 h 22 min) and 5 min more of median.
     */
    static double ownCeiling(List<DayProfile> window, RoomBand key, double ceiling, double budget,
            java.util.function.Predicate<RoomBand> judged) {
        if (budget <= 0 || window.isEmpty()) {
            return ceiling;
        }
        return LongSilences.of(window, ceiling, judged).ownCeiling(key, budget);
    }

    /**
     * The long silences by day of a window under one {@code ceiling} ({@link #ownCeiling}): their number, and their
     * number and summed excess over the hour per time band and per room and band, counted in one pass for every room
     * (each room and band's ceiling went through the whole window again). Each sum takes its silences in the order
     * the window holds them, as before.
     */
    private static final class LongSilences {
        final double ceiling;
        final int windowDays;
        int all;
        final java.util.Map<TimeBand, double[]> byBand = new java.util.EnumMap<>(TimeBand.class); // {count, excess}
        final java.util.Map<RoomBand, double[]> byRoom = new java.util.HashMap<>();

        private LongSilences(double ceiling, int windowDays) {
            this.ceiling = ceiling;
            this.windowDays = windowDays;
        }

        static LongSilences of(List<DayProfile> window, double ceiling, java.util.function.Predicate<RoomBand> judged) {
            LongSilences out = new LongSilences(ceiling, window.size());
            for (DayProfile d : window) {
                for (var e : d.silences().entrySet()) {
                    if (!CEILING_BANDS.contains(e.getKey().band()) || !judged.test(e.getKey())) {
                        continue;
                    }
                    for (int m : e.getValue()) {
                        if (m <= LONG_SILENCE || m >= EMERGENCY_LENGTH * ceiling) {
                            continue;
                        }
                        out.all++;
                        double[] band = out.byBand.computeIfAbsent(e.getKey().band(), b -> new double[2]);
                        band[0]++;
                        band[1] += m - LONG_SILENCE;
                        double[] room = out.byRoom.computeIfAbsent(e.getKey(), k -> new double[2]);
                        room[0]++;
                        room[1] += m - LONG_SILENCE;
                    }
                }
            }
            return out;
        }

        double ownCeiling(RoomBand key, double budget) {
            double[] band = byBand.get(key.band());
            if (all < MIN_LONG_SILENCES || band == null) {
                return ceiling; // none in this band: the prior's scale, which gives the ceiling itself
            }
            double[] room = byRoom.getOrDefault(key, new double[2]);
            double perLongSilence = Math.min(0.5, budget / 30.0 * windowDays / all);
            double reach = Math.log(1 / perLongSilence);
            double prior = (ceiling - LONG_SILENCE) / reach;
            double bandScale = shrunk(band[1], (int) band[0], prior);
            double scale = shrunk(room[1], (int) room[0], bandScale);
            return Math.min(ceiling, LONG_SILENCE + scale * reach);
        }
    }

    /** The mean excess of {@code n} long silences, shrunk towards {@code parent} by {@link InactivityModel#SHRINK} pseudo-silences. */
    private static double shrunk(double excess, int n, double parent) {
        return Math.max(1, (excess + InactivityModel.SHRINK * parent) / (n + InactivityModel.SHRINK));
    }

    /** Silences beyond the day ceiling, per week of learned days, that make them this person's habit. */
    static final double HABIT_PER_WEEK = 1;


    /*
     * Why a ceiling on what was learned: a silence begun by day (06:00-18:00), at home and out of bed,
     * is not left longer than `dayCeiling` whatever the person's history. Learned limits by day are
     * read from a tail fitted to a few weeks of silences, and a few long ones (a past emergency, a
     * visitor's afternoon, a nap now and then) stretch it: on the real home, living-room limits of
     * 3 h 3 min to 4 h 11 min left 6 of its 27 inserted six-hour emergencies unfound after 3 hours,
     * while its silences by day at home longer than 2 h 30 min came 3 times in 285 days. A carer
     * would call after two and a half hours of no movement by day whatever the history says; nights
     * (and bedrooms without a bed sensor in the sleep hours) keep their learned limits and the 12 h floor.
     * A person whose own long silences by day are few and short gets a lower ceiling ({@link #ownCeiling}).
     */

    /**
     * A room this person walks into on at least {@code minDays} of their learned days and was never
     * silent in for {@link org.hearth.models.day.DayProfile#SILENCE_MINUTES} at any time of day (a
     * kitchen or hall they pass through or work in): like a bathroom, where a long silence is least
     * likely to be normal, it is judged with the {@code bathroomMargin} over their usual, not with its
     * time band's tail, which is the other rooms' (the afternoon nap in the lounge) and left falls in
     * the simulator's kitchens unfound for 73-87 min. A room where they sit still now and then, at any
     * time of day, keeps its fitted tails (every room of the shared real home: judged per time band,
     * its contexts without a silence added two false alerts there). Never the front door's room (nor a
     * learned exit door's) nor a bedroom: the last room a person is seen in before going out or on into a room whose sensor
     * missed them, and where they may lie down unseen by the pad (on the simulator, judged so, a hall
     * before an afternoon nap the lounge PIR missed raised 6 false alerts per 3,000 home-days).
     */
    private boolean neverStillInModel(InactivityModel model, Calibration c, String room) {
        if (c.passageRooms().contains(room) || sleepRooms.contains(room)) {
            return false;
        }
        for (TimeBand b : TimeBand.values()) {
            if (model.limit(room, b).silences() > 0) {
                return false;
            }
        }
        return c.daysEntered(room) >= Math.max(1, (int) settings.param("minDays", 5));
    }

    private Limit learnedOrFallback(Calibration c, String room, TimeBand band) {
        Baseline baseline = c.baseline;
        boolean bathroom = bathrooms.contains(room);
        double budget = settings.param("budget", 0);
        if (budget > 0) {
            Optional<InactivityModel> model = c.model(budget);
            if (model.isPresent()) {
                InactivityModel.Limit l = model.get().limit(room, band);
                boolean neverStill = c.neverStill.computeIfAbsent(room, r -> neverStillInModel(model.get(), c, r));
                // never closer to the person's usual than the margin: a tail fitted to a room where they
                // are rarely still 10 min gave 20 min limits, and every chat in the armchair an alert
                // (the simulator's living rooms: 147 stillness alerts in 3,000 home-days)
                double margin = bathroom || neverStill ? settings.param("bathroomMargin", settings.margin()) : settings.margin();
                double minutes = neverStill ? l.usualMinutes() + margin : Math.max(l.minutes(), l.usualMinutes() + margin);
                return new Limit(room, minutes(minutes), OptionalDouble.of(l.usualMinutes()));
            }
        }
        int minDays = (int) settings.param("minDays", 5);
        OptionalDouble usualSeconds = baseline.stillnessQuantile(room, band, settings.quantile(), minDays);
        if (usualSeconds.isEmpty()) {
            usualSeconds = neverStillThere(baseline, room, band, minDays);
        }
        if (usualSeconds.isEmpty()) {
            double fallback = bathroom ? settings.param("bathroomFallback", 60) : settings.param("fallback", 180);
            return new Limit(room, minutes(fallback), OptionalDouble.empty());
        }
        double margin = bathroom ? settings.param("bathroomMargin", settings.margin()) : settings.margin();
        double usualMinutes = usualSeconds.getAsDouble() / 60;
        return new Limit(room, minutes(usualMinutes + margin), OptionalDouble.of(usualMinutes));
    }


    /**
     * A room the person walks into on most days but is never still in for the tracker's minimum
     * stillness (5 min: a kitchen where the PIR fires every minute, a hall) has a learned usual: under
     * that minimum. Without this it would get the long fallback, and a fall there would wait 3 h
     * (found on the simulator: a fall in a kitchen, silent 2 h 26 min, not raised). The q-quantile
     * over the days the room was entered, counting a day without a recorded stillness there (in any
     * time band: a lounge sat in every evening but never at night stays unknown at night) as the minimum.
     */
    private OptionalDouble neverStillThere(Baseline baseline, String room, TimeBand band, int minDays) {
        RoomBand key = new RoomBand(room, band);
        List<Double> values = new ArrayList<>();
        for (DayProfile d : baseline.window()) {
            Integer still = d.stillness().get(key);
            if (still != null) {
                values.add(still.doubleValue());
            } else if (d.transitions().keySet().stream().anyMatch(t -> room.equals(t.to()))
                    && d.stillness().keySet().stream().noneMatch(k -> room.equals(k.room()))) {
                values.add((double) minStillness.toSeconds());
            }
        }
        return values.size() < Math.max(1, minDays) ? OptionalDouble.empty()
                : OptionalDouble.of(Quantiles.of(values.stream().mapToDouble(Double::doubleValue).toArray(),
                        settings.quantile()));
    }

    /**
     * Whether silences of this context can raise: not a bedroom's by night or in the evening without a
     * bed sensor, which are left to the safety floor as sleep ({@link #goneToBed}).
     */
    private boolean judged(RoomBand key) {
        return bedRoom != null || !sleepRooms.contains(key.room())
                || (key.band() != TimeBand.NIGHT && key.band() != TimeBand.EVENING);
    }

    /** Judges the episode whose deadline has passed; while monitoring is off, only moves the start on. */
    void advanceTo(WatchState s, Limits limits, HomeStatus status, Optional<SleepWindow> night, Instant now,
            boolean monitoring, List<RuleOutcome> out) {
        if (!monitoring) {
            s.unmonitoredUntil = now; // no data proves nothing: count again from when it resumes
            return;
        }
        Instant due = deadline(s, limits, status, night);
        if (due == null || now.isBefore(due)) {
            return;
        }
        Instant since = status.lastSignOfLife();
        s.stillnessDecided = since;
        if (now.isBefore(due.plus(STALE))) {
            s.stillnessRaisedFor = since;
            Limit limit = limit(limits, status.lastSeenRoom(), since);
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
