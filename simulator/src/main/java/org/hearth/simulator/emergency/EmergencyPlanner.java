package org.hearth.simulator.emergency;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hearth.simulator.seed.Seeds;

/**
 * Chooses when each inserted emergency starts. Plain and deterministic: the same recording,
 * settings and seed give the same emergencies, and each home-day draws from its own random stream
 * (seed, home, day), so one home's choices do not depend on the others.
 *
 * <p>Days are local days of the home's time zone, counted from the local date of the recording's
 * first event (day 0). Due days are {@code learnDays}, {@code learnDays + everyDays}, ... up to the
 * last event. On a due day every whole local minute of the window is a candidate when (a) the
 * resident moved ("motion on") in the {@code movedWithin} before it and is at home, not at the front
 * door: no front-door reading in that time that nothing moved past the door's room after
 * ({@link Doorways}; the judge's emergencies begin at home), (b) the recording goes on at
 * least until the emergency ends, (c) the emergency does not touch one of the recording's outages,
 * and (d) it keeps clear of any emergency already labelled (from one hour before it to twelve after,
 * the judge's own margins), so each is judged on its own. One candidate is drawn uniformly. Minutes
 * are stepped as instants from the window's start, so a clock change inside the window neither
 * repeats nor invents a minute.
 */
public final class EmergencyPlanner {

    /** The judge's margins around a labelled emergency (an alert in them is not false). */
    static final Duration BEFORE = Duration.ofHours(1);
    static final Duration AFTER = Duration.ofHours(12);
    private static final long HOME_STREAM = 0x454D4552L; // "EMER": a purpose of its own among the seeds

    private final InsertionSettings settings;

    public EmergencyPlanner(InsertionSettings settings) {
        this.settings = settings;
    }

    /**
     * @param zones each home's time zone (homes without one are an error for the caller to report)
     * @param labelled emergencies already in the recording (kept clear of); may be empty
     */
    public List<CandidateDay> plan(Recording recording, Map<String, ZoneId> zones, List<Outage> outages, List<Emergency> labelled) {
        List<CandidateDay> days = new ArrayList<>();
        for (Recording.HomeTrace home : recording.homes().values()) {
            ZoneId zone = zones.get(home.homeId());
            if (zone == null) {
                throw new IllegalArgumentException("home " + home.homeId() + " has events but no time zone (not in homes.yaml)");
            }
            List<Emergency> taken = new ArrayList<>(labelled.stream().filter(l -> l.homeId().equals(home.homeId())).toList());
            LocalDate day0 = recording.first().atZone(zone).toLocalDate();
            LocalDate lastDay = home.last().atZone(zone).toLocalDate();
            for (int d = settings.learnDays(); !day0.plusDays(d).isAfter(lastDay); d += settings.everyDays()) {
                CandidateDay day = planDay(home, zone, day0.plusDays(d), d, outages, taken);
                if (day.emergency() != null) {
                    taken.add(day.emergency());
                }
                days.add(day);
            }
        }
        return days;
    }

    private CandidateDay planDay(Recording.HomeTrace home, ZoneId zone, LocalDate date, int dayIndex, List<Outage> outages,
            List<Emergency> taken) {
        Instant from = ZonedDateTime.of(date, settings.windowStart(), zone).toInstant();
        LocalDate endDate = settings.windowEnd().isAfter(settings.windowStart()) ? date : date.plusDays(1);
        Instant to = ZonedDateTime.of(endDate, settings.windowEnd(), zone).toInstant();
        Duration length = settings.length();
        List<Instant> eligible = new ArrayList<>();
        // the first reason that ruled out a minute at which the resident had moved: the day's reason if none is left
        CandidateDay.Skip reason = CandidateDay.Skip.NO_MOVEMENT;
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            Instant m = minute;
            if (!home.movedBefore(m, settings.movedWithin()) || home.atTheDoor(m, settings.movedWithin())) {
                continue;
            }
            Instant end = m.plus(length);
            CandidateDay.Skip why = end.isAfter(home.last()) ? CandidateDay.Skip.RECORDING_ENDS
                    : outages.stream().anyMatch(o -> o.overlaps(m, end)) ? CandidateDay.Skip.OUTAGE
                    : taken.stream().anyMatch(t -> clash(t, m, end)) ? CandidateDay.Skip.OVERLAPS_LABEL
                    : CandidateDay.Skip.NONE;
            if (why == CandidateDay.Skip.NONE) {
                eligible.add(m);
            } else if (reason == CandidateDay.Skip.NO_MOVEMENT) {
                reason = why;
            }
        }
        if (eligible.isEmpty()) {
            return new CandidateDay(home.homeId(), date, dayIndex, null, 0, reason);
        }
        SplittableRandom random = Seeds.random(settings.seed(), HOME_STREAM, home.homeId().hashCode(), dayIndex);
        Instant start = eligible.get(random.nextInt(eligible.size()));
        return new CandidateDay(home.homeId(), date, dayIndex, new Emergency(home.homeId(), start, start.plus(length)),
                eligible.size(), CandidateDay.Skip.NONE);
    }

    /** Whether a new emergency {@code [start, end]} comes within the judge's margins of one already there. */
    private static boolean clash(Emergency existing, Instant start, Instant end) {
        Instant lo = existing.start().minus(BEFORE).minus(Duration.between(start, end));
        Instant hi = existing.end().plus(AFTER);
        return !start.isBefore(lo) && !start.isAfter(hi);
    }
}
