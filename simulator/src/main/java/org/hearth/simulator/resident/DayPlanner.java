package org.hearth.simulator.resident;

import static org.hearth.simulator.resident.RoutineSampler.clamp;
import static org.hearth.simulator.resident.RoutineSampler.uniform;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hearth.simulator.anomaly.AnomalyType;
import org.hearth.simulator.anomaly.DayConditions;
import org.hearth.simulator.anomaly.Label;
import org.hearth.simulator.calibration.KettleParameters;

/**
 * Turns a resident's {@link Routine} into one day's {@link DayPlan}, from this morning's rise to
 * tomorrow's, injecting today's acute anomaly if there is one.
 *
 * <p>The day is first a list of episodes anchored at local times (kettle, meals, bathroom, nap,
 * outings, visitors, bedtime); they are then laid end to end. An episode whose anchor has already
 * passed by more than its tolerance is dropped rather than shifted, so a long outing or a fall
 * removes the boils and visits it overlaps instead of bunching them up afterwards. Anchors are
 * local times (so DST does not move anyone's routine); durations are real time.
 */
public final class DayPlanner {

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long NEVER_DROP = Long.MAX_VALUE / 4;
    /** Share of days with breakfast in the kitchen (an assumption, like the other meals). */
    static final double BREAKFAST_DAYS = 0.85;

    private final KettleParameters kettle;

    public DayPlanner(KettleParameters kettle) {
        this.kettle = kettle;
    }

    /** Local minute of the planned rise on {@code date}, before any anomaly. */
    public double riseMinute(Routine routine, LocalDate date, DayConditions conditions, RandomGenerator random) {
        double shift = isWeekend(date) ? routine.weekendShiftMinutes() : 0;
        return clamp(routine.riseMinute() + shift + routine.riseSdMinutes() * random.nextGaussian()
                + conditions.riseDelayMinutes(), 270, 720);
    }

    /** Converts a local minute of {@code date} (may exceed 1440) into epoch milliseconds. */
    public static long at(LocalDate date, ZoneId zone, double localMinute) {
        return date.atStartOfDay().plusSeconds(Math.round(localMinute * 60)).atZone(zone).toInstant().toEpochMilli();
    }

    /** A night with nothing in it, from the start of a simulation to the first rise. */
    public static DayPlan firstNight(long start, long rise) {
        return new DayPlan(start, rise, List.of(new Stay(start, rise, Place.BED, Level.ASLEEP)),
                List.of(), List.of(), List.of(), List.of(), List.of(), 1);
    }

    /**
     * Plans {@code date} from its planned rise to {@code nextRise}.
     *
     * @param rise the planned rise of this date (epoch ms); the resident is in bed until then
     * @param nextRise the planned rise of the next date; the plan ends there, in bed
     */
    public DayPlan plan(String homeId, Routine routine, boolean hasDining, LocalDate date, ZoneId zone,
                        long rise, long nextRise, DayConditions conditions, RandomGenerator random) {
        return new Day(homeId, routine, hasDining, date, zone, rise, nextRise, conditions, random).build();
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private enum Kind { ROUTINE, KETTLE, VISIT, OUTING, NOT_HOME, FALL, BEDTIME }

    private record Step(Place place, Level level, long duration) {}

    private record Episode(long start, long tolerance, Kind kind, List<Step> steps, long extra) {}

    /** The working state of one day's plan. */
    private final class Day {
        final String homeId;
        final Routine routine;
        final boolean hasDining;
        final LocalDate date;
        final ZoneId zone;
        final long rise;
        final long nextRise;
        final DayConditions conditions;
        final RandomGenerator random;

        final List<Stay> stays = new ArrayList<>();
        final List<Visit> visits = new ArrayList<>();
        final List<Boil> boils = new ArrayList<>();
        final List<DoorSwing> doors = new ArrayList<>();
        final List<Long> presses = new ArrayList<>();
        final List<Label> labels = new ArrayList<>();
        /** Today's labelled no-kettle: off their tea and their breakfast all morning. */
        boolean offTheirFood;
        long cursor;
        Place here = Place.BED;

        Day(String homeId, Routine routine, boolean hasDining, LocalDate date, ZoneId zone, long rise, long nextRise,
            DayConditions conditions, RandomGenerator random) {
            this.homeId = homeId;
            this.routine = routine;
            this.hasDining = hasDining;
            this.date = date;
            this.zone = zone;
            this.rise = rise;
            this.nextRise = nextRise;
            this.conditions = conditions;
            this.random = random;
            this.cursor = rise;
        }

        long local(double minute) {
            return at(date, zone, minute);
        }

        long minutes(double lo, double hi) {
            return Math.round(uniform(random, lo, hi) * MINUTE);
        }

        long seconds(double lo, double hi) {
            return Math.round(uniform(random, lo, hi) * SECOND);
        }

        AnomalyType acute() {
            return conditions.acute();
        }

        DayPlan build() {
            long up = rise;
            if (acute() == AnomalyType.NOT_UP) {
                up = Math.min(rise + minutes(120, 300), nextRise - 14 * HOUR);
                if (up > rise + HOUR) {
                    stay(Place.BED, Level.ASLEEP, up - rise);
                    labels.add(label(AnomalyType.NOT_UP, rise, up));
                }
            }
            long bedtime = Math.max(up + 8 * HOUR, local(clamp(routine.bedMinute() + routine.bedSdMinutes() * random.nextGaussian()
                    + conditions.sleepDelayMinutes(), 1170, 1530)));
            bedtime = Math.min(bedtime, nextRise - 5 * HOUR);

            List<Episode> episodes = new ArrayList<>();
            episodes.add(new Episode(up, NEVER_DROP, Kind.ROUTINE, List.of(
                    new Step(Place.BEDROOM, Level.ACTIVE, minutes(1, 4)),
                    new Step(Place.BATHROOM, Level.ACTIVE, minutes(5, 15))), 0));
            planKettle(episodes, up, bedtime);
            planMeals(episodes, up);
            planBathroom(episodes, up, bedtime);
            planNap(episodes);
            planOutings(episodes);
            planVisits(episodes, up);
            if (acute() == AnomalyType.FALL) {
                planFall(episodes, up, bedtime);
            }
            if (acute() == AnomalyType.NOT_HOME) {
                long leave = local(uniform(random, 600, 900));
                long planned = minutes(60, 120);
                episodes.add(new Episode(leave, 30 * MINUTE, Kind.NOT_HOME, List.of(
                        new Step(Place.HALL, Level.ACTIVE, seconds(60, 180)),
                        new Step(Place.OUT, Level.ACTIVE, planned + minutes(240, 540))), planned));
            }
            episodes.add(new Episode(bedtime, NEVER_DROP, Kind.BEDTIME, bedtimeSteps(), 0));
            episodes.sort(Comparator.comparingLong(Episode::start).thenComparing(Episode::kind));

            for (Episode episode : episodes) {
                if (episode.kind() != Kind.BEDTIME && (episode.start() >= bedtime || cursor > bedtime - 10 * MINUTE)) {
                    continue;
                }
                if (cursor > episode.start() + episode.tolerance()) {
                    continue;
                }
                idleUntil(episode.start());
                place(episode);
            }
            night();
            return new DayPlan(rise, Math.max(nextRise, cursor), stays, visits, boils, doors, presses, labels, conditions.restlessFactor());
        }

        // ---- planning ----

        void planKettle(List<Episode> episodes, long up, long bedtime) {
            if (random.nextDouble() < kettle.noBoilDayRate()) {
                return;
            }
            double mean = routine.boilsPerDay() * conditions.kettleFactor();
            int count = (int) Math.max(1, Math.round(mean + routine.boilCv() * mean * random.nextGaussian()));
            long first = up + 3 * MINUTE + Math.round(-Math.log(1 - random.nextDouble()) * routine.firstBoilDelayMinutes() * MINUTE);
            first = Math.min(first, up + 3 * HOUR);
            List<Long> times = new ArrayList<>(List.of(first));
            List<Double> shares = kettle.hourShareAfterFirst();
            long from = first + 8 * MINUTE;
            long to = bedtime - 15 * MINUTE;
            for (int i = 1; i < count && to > from; i++) {
                for (int attempt = 0; attempt < 30; attempt++) {
                    long t = sampleByHour(shares, from, to);
                    if (times.stream().allMatch(o -> Math.abs(o - t) >= 8 * MINUTE)) {
                        times.add(t);
                        break;
                    }
                }
            }
            long noon = local(720);
            boolean noKettle = acute() == AnomalyType.NO_KETTLE && first < noon - 30 * MINUTE;
            if (noKettle) {
                labels.add(label(AnomalyType.NO_KETTLE, first, noon));
                offTheirFood = true;
            }
            for (long t : times) {
                if (noKettle && t < noon) {
                    continue;
                }
                episodes.add(new Episode(t, 2 * HOUR, Kind.KETTLE, List.of(), 0));
            }
        }

        /** A time in [from, to) drawn from the UK hour-of-day profile of boils. */
        long sampleByHour(List<Double> shares, long from, long to) {
            double total = 0;
            double[] weight = new double[64];
            long hourStart = from - Math.floorMod(from, HOUR);
            int n = 0;
            for (long h = hourStart; h < to && n < weight.length; h += HOUR, n++) {
                int localHour = Instant.ofEpochMilli(h).atZone(zone).getHour();
                weight[n] = shares.get(localHour) + 1e-4;
                total += weight[n];
            }
            double u = random.nextDouble() * total;
            int pick = 0;
            while (pick < n - 1 && u >= weight[pick]) {
                u -= weight[pick];
                pick++;
            }
            long lo = Math.max(from, hourStart + pick * HOUR);
            long hi = Math.min(to, hourStart + (pick + 1) * HOUR);
            return lo + (long) (random.nextDouble() * Math.max(1, hi - lo));
        }

        void planMeals(List<Episode> episodes, long up) {
            // Breakfast in the kitchen on most days (older people living alone mostly eat it at
            // home). Without it the kitchen was visited in the morning only for the kettle, so a
            // skipped cup of tea (2.9 % of days in the UK data) left a morning with no kitchen at
            // all. A labelled no-kettle morning is the resident off their tea and their food.
            boolean breakfast = random.nextDouble() < BREAKFAST_DAYS;
            if (breakfast && !offTheirFood) {
                episodes.add(new Episode(up + minutes(20, 70), HOUR, Kind.ROUTINE,
                        List.of(new Step(Place.KITCHEN, Level.ACTIVE, minutes(8, 20))), 0));
            }
            episodes.add(new Episode(local(uniform(random, 720, 795)), HOUR, Kind.ROUTINE,
                    List.of(new Step(Place.KITCHEN, Level.ACTIVE, minutes(15, 30))), 0));
            List<Step> dinner = new ArrayList<>(List.of(new Step(Place.KITCHEN, Level.ACTIVE, minutes(20, 40))));
            if (hasDining) {
                dinner.add(new Step(Place.DINING, Level.SEDENTARY, minutes(15, 30)));
            }
            episodes.add(new Episode(local(uniform(random, 1020, 1110)), HOUR, Kind.ROUTINE, dinner, 0));
        }

        void planBathroom(List<Episode> episodes, long up, long bedtime) {
            int visits = poisson(Math.max(0, routine.bathroomPerDay() * conditions.bathroomFactor() - 1));
            for (int i = 0; i < visits; i++) {
                long t = up + HOUR + (long) (random.nextDouble() * Math.max(1, bedtime - up - 90 * MINUTE));
                episodes.add(new Episode(t, 20 * MINUTE, Kind.ROUTINE,
                        List.of(new Step(Place.BATHROOM, Level.ACTIVE, minutes(3, 10))), 0));
            }
        }

        void planNap(List<Episode> episodes) {
            if (random.nextDouble() >= routine.napProbability()) {
                return;
            }
            long length = minutes(20, 60);
            List<Step> steps = routine.napInBed()
                    ? List.of(new Step(Place.BEDROOM, Level.ACTIVE, seconds(20, 60)), new Step(Place.BED, Level.ASLEEP, length),
                            new Step(Place.BEDROOM, Level.ACTIVE, seconds(30, 90)))
                    : List.of(new Step(Place.LIVING, Level.ASLEEP, length));
            episodes.add(new Episode(local(uniform(random, 810, 930)), 45 * MINUTE, Kind.ROUTINE, steps, 0));
        }

        void planOutings(List<Episode> episodes) {
            if (routine.dayCentreDays().contains(date.getDayOfWeek())) {
                long leave = local(uniform(random, 585, 615));
                long back = local(uniform(random, 915, 945));
                episodes.add(outing(leave, back - leave, 30 * MINUTE));
            } else if (date.getDayOfWeek() != DayOfWeek.SUNDAY && random.nextDouble() < routine.shoppingProbability()) {
                episodes.add(outing(local(uniform(random, 600, 870)), minutes(45, 120), HOUR));
            }
        }

        Episode outing(long leave, long length, long tolerance) {
            return new Episode(leave, tolerance, Kind.OUTING, List.of(
                    new Step(Place.HALL, Level.ACTIVE, seconds(60, 180)),
                    new Step(Place.OUT, Level.ACTIVE, length),
                    new Step(Place.HALL, Level.ACTIVE, seconds(30, 90)),
                    new Step(Place.KITCHEN, Level.ACTIVE, minutes(3, 8))), 0);
        }

        void planVisits(List<Episode> episodes, long up) {
            if (routine.morningCarer()) {
                episodes.add(new Episode(up + minutes(30, 90), 30 * MINUTE, Kind.VISIT, List.of(), minutes(20, 40)));
            }
            if (random.nextDouble() < routine.visitorProbability()) {
                episodes.add(new Episode(local(uniform(random, 660, 1080)), 20 * MINUTE, Kind.VISIT, List.of(), minutes(30, 120)));
            }
        }

        void planFall(List<Episode> episodes, long up, long bedtime) {
            long t = up + HOUR + (long) (random.nextDouble() * Math.max(1, bedtime - up - 2 * HOUR));
            double u = random.nextDouble();
            Place where = u < 0.4 ? Place.BATHROOM : u < 0.6 ? Place.KITCHEN : u < 0.9 ? Place.LIVING : Place.HALL;
            episodes.add(new Episode(t, NEVER_DROP, Kind.FALL, List.of(new Step(where, Level.ACTIVE, seconds(20, 60))),
                    minutes(60, 480)));
        }

        List<Step> bedtimeSteps() {
            List<Step> steps = new ArrayList<>();
            if (random.nextDouble() < 0.5) {
                steps.add(new Step(Place.KITCHEN, Level.ACTIVE, minutes(2, 5)));
            }
            steps.add(new Step(Place.BATHROOM, Level.ACTIVE, minutes(5, 10)));
            steps.add(new Step(Place.BEDROOM, Level.ACTIVE, minutes(2, 5)));
            return steps;
        }

        // ---- laying out ----

        void stay(Place place, Level level, long duration) {
            if (here.needsHallBetween(place)) {
                long hall = seconds(4, 12);
                stays.add(new Stay(cursor, cursor + hall, Place.HALL, Level.ACTIVE));
                cursor += hall;
                here = Place.HALL;
            }
            if (here == Place.HALL && place == Place.OUT) {
                long open = cursor - seconds(2, 6);
                doors.add(new DoorSwing(open, cursor + seconds(2, 8)));
            } else if (here == Place.OUT && place != Place.OUT) {
                doors.add(new DoorSwing(cursor, cursor + seconds(3, 10)));
            }
            stays.add(new Stay(cursor, cursor + duration, place, level));
            cursor += duration;
            here = place;
        }

        void idleUntil(long t) {
            Place seat = hasDining && random.nextDouble() < 0.2 ? Place.DINING : Place.LIVING;
            while (t - cursor > 45 * MINUTE) {
                stay(seat, Level.SEDENTARY, minutes(30, 90));
                if (t - cursor > 10 * MINUTE && random.nextDouble() < 0.5) {
                    stay(random.nextDouble() < 0.5 ? Place.BEDROOM : Place.HALL, Level.ACTIVE, minutes(1, 3));
                }
            }
            if (t > cursor) {
                stay(seat, Level.SEDENTARY, t - cursor);
            }
        }

        void place(Episode episode) {
            switch (episode.kind()) {
                case KETTLE -> {
                    long boil = boilLength();
                    long before = seconds(15, 45);
                    stay(Place.KITCHEN, Level.ACTIVE, before + boil + seconds(60, 180));
                    boils.add(new Boil(stays.get(stays.size() - 1).start() + before, boil, watts()));
                }
                case VISIT -> visit(episode.extra(), false, null);
                case FALL -> fall(episode);
                case NOT_HOME -> {
                    for (Step step : episode.steps()) {
                        if (step.place() == Place.OUT) {
                            long plannedReturn = cursor + episode.extra();
                            stay(step.place(), step.level(), Math.max(MINUTE, Math.min(step.duration(), nextRise - 3 * HOUR - cursor)));
                            if (cursor > plannedReturn + HOUR) {
                                labels.add(label(AnomalyType.NOT_HOME, plannedReturn, cursor));
                            }
                        } else {
                            stay(step.place(), step.level(), step.duration());
                        }
                    }
                    stay(Place.HALL, Level.ACTIVE, seconds(30, 90));
                }
                default -> episode.steps().forEach(s -> stay(s.place(), s.level(), s.duration()));
            }
        }

        long boilLength() {
            double u = random.nextDouble();
            List<Double> share = kettle.durationMinuteShare();
            int minutes = 1;
            while (minutes < share.size() && u >= share.get(minutes - 1)) {
                u -= share.get(minutes - 1);
                minutes++;
            }
            return Math.max(45 * SECOND, Math.round((minutes - 0.5 + random.nextDouble()) * MINUTE));
        }

        double watts() {
            return routine.kettleWatts() * (1 + 0.015 * random.nextGaussian());
        }

        /**
         * A visitor arrives now and stays {@code length}; the resident hosts them in the living room
         * (or, when {@code rescue}, is helped up where they fell). Visitors often make tea.
         */
        void visit(long length, boolean rescue, Place fallenAt) {
            long arrive = cursor;
            doors.add(new DoorSwing(arrive - seconds(5, 10), arrive + seconds(3, 8)));
            List<Stay> guest = new ArrayList<>();
            long g = arrive;
            long hall = seconds(30, 60);
            guest.add(new Stay(g, g + hall, Place.HALL, Level.ACTIVE));
            g += hall;
            if (rescue) {
                long help = minutes(15, 30);
                guest.add(new Stay(g, g + help, fallenAt, Level.ACTIVE));
                g += help;
                stay(fallenAt, Level.SEDENTARY, g - cursor);
            } else {
                stay(Place.HALL, Level.ACTIVE, hall);
            }
            long end = Math.max(g + 10 * MINUTE, arrive + length);
            long tea = random.nextDouble() < 0.6 ? g + (end - g) / 3 : -1;
            if (tea > 0 && acute() == AnomalyType.NO_KETTLE && tea < local(720)) {
                tea = -1; // the label promises no kettle all morning
            }
            if (tea > 0) {
                long sit = tea - g;
                guest.add(new Stay(g, g + sit, Place.LIVING, Level.SEDENTARY));
                long kitchen = minutes(4, 7);
                guest.add(new Stay(tea, tea + kitchen, Place.KITCHEN, Level.ACTIVE));
                long boil = boilLength();
                boils.add(new Boil(tea + seconds(20, 40), boil, watts()));
                g = tea + kitchen;
            }
            long leave = end - seconds(20, 40);
            if (leave > g) {
                guest.add(new Stay(g, leave, Place.LIVING, Level.SEDENTARY));
                g = leave;
            }
            guest.add(new Stay(g, g + seconds(20, 40), Place.HALL, Level.ACTIVE));
            visits.add(new Visit(guest));
            long goodbye = guest.get(guest.size() - 1).start();
            if (goodbye > cursor) {
                stay(Place.LIVING, Level.SEDENTARY, goodbye - cursor);
            }
            stay(Place.HALL, Level.ACTIVE, Math.max(SECOND, guest.get(guest.size() - 1).end() - cursor));
            doors.add(new DoorSwing(guest.get(guest.size() - 1).end() - seconds(8, 15), guest.get(guest.size() - 1).end() + seconds(2, 6)));
        }

        void fall(Episode episode) {
            Step walk = episode.steps().get(0);
            stay(walk.place(), Level.ACTIVE, walk.duration());
            long fell = cursor;
            long found = fell + episode.extra();
            if (random.nextDouble() < routine.pendantOnFall()) {
                long press = fell + minutes(1, 15);
                presses.add(press);
                found = Math.min(found, press + minutes(20, 60));
            }
            found = Math.min(found, nextRise - 6 * HOUR);
            found = Math.max(found, fell + 30 * MINUTE);
            stay(walk.place(), Level.MOTIONLESS, found - fell);
            labels.add(label(AnomalyType.FALL, fell, found));
            visit(minutes(45, 90), true, walk.place());
        }

        void night() {
            long sleep = cursor;
            List<Long> wakes = new ArrayList<>();
            int trips = poisson(routine.nightTrips() + conditions.extraNightTrips());
            long from = sleep + 30 * MINUTE;
            long to = nextRise - 20 * MINUTE;
            for (int i = 0; i < trips && to > from; i++) {
                wakes.add(from + (long) (random.nextDouble() * (to - from)));
            }
            long wander = -1;
            if (acute() == AnomalyType.NIGHT_WANDERING) {
                long lo = Math.max(local(1500), sleep + HOUR);
                long hi = Math.min(local(1710), nextRise - 2 * HOUR);
                if (hi > lo) {
                    wander = lo + (long) (random.nextDouble() * (hi - lo));
                }
            }
            wakes.sort(null);
            for (long wake : wakes) {
                if (wake < cursor + 30 * MINUTE || (wander > 0 && Math.abs(wake - wander) < HOUR)) {
                    continue;
                }
                stay(Place.BED, Level.ASLEEP, wake - cursor);
                stay(Place.BEDROOM, Level.ACTIVE, seconds(10, 30));
                stay(Place.BATHROOM, Level.ACTIVE, minutes(2, 6));
                stay(Place.BEDROOM, Level.ACTIVE, seconds(10, 20));
                if (wander > 0 && wander < cursor + 30 * MINUTE) {
                    wander = cursor + 30 * MINUTE;
                }
            }
            if (wander > 0 && wander > cursor && wander < Math.min(nextRise - 90 * MINUTE, local(1710))) {
                // Wandering may come after the last trip only if that leaves room before rise.
                stay(Place.BED, Level.ASLEEP, wander - cursor);
                stay(Place.BEDROOM, Level.ACTIVE, seconds(20, 60));
                stay(Place.HALL, Level.ACTIVE, seconds(30, 120));
                long out = random.nextDouble() < 0.7 ? minutes(10, 120) : Math.max(minutes(10, 30), nextRise - cursor - minutes(20, 60));
                out = Math.min(out, nextRise - cursor - 20 * MINUTE);
                stay(Place.OUT, Level.ACTIVE, out);
                long opened = doors.get(doors.size() - 1).open();
                labels.add(label(AnomalyType.NIGHT_WANDERING, opened, cursor));
                stay(Place.HALL, Level.ACTIVE, seconds(30, 90));
                stay(Place.BEDROOM, Level.ACTIVE, seconds(30, 90));
            }
            if (nextRise > cursor) {
                stay(Place.BED, Level.ASLEEP, nextRise - cursor);
            } else {
                // The day ran into tomorrow (a very late return): end in bed a moment later.
                stay(Place.BED, Level.ASLEEP, SECOND);
            }
        }

        int poisson(double mean) {
            double l = Math.exp(-mean);
            int k = 0;
            double p = random.nextDouble();
            while (p > l && k < 100) {
                k++;
                p *= random.nextDouble();
            }
            return k;
        }

        Label label(AnomalyType type, long start, long end) {
            return new Label(homeId, type, Instant.ofEpochMilli(start), Instant.ofEpochMilli(Math.max(start, end)));
        }
    }
}
