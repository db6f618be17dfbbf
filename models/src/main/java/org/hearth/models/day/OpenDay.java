package org.hearth.models.day;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.BathroomVisit;
import org.hearth.models.activity.BedEntered;
import org.hearth.models.activity.BedExited;
import org.hearth.models.activity.ContactSilence;
import org.hearth.models.activity.DoorOpened;
import org.hearth.models.activity.KettleBoil;
import org.hearth.models.activity.LeftHome;
import org.hearth.models.activity.Motion;
import org.hearth.models.activity.ReturnedHome;
import org.hearth.models.activity.RoomChanged;
import org.hearth.models.activity.Stillness;

/**
 * The care day being built: accepts the day's activities in any order and closes into a
 * {@link DayProfile}. It keeps only what the profile needs (sets, maxima, counts), never the
 * activities themselves, so that it stays small in keyed state and the result does not depend on
 * the order in which activities arrived.
 */
public final class OpenDay {

    private final CareDay day;
    private final ZoneId zone;
    private final DayConfig config;
    final TreeMap<Instant, Boolean> bedChanges = new TreeMap<>();
    final TreeSet<Instant> boilStarts = new TreeSet<>();
    Instant firstMorningMotion;
    int bathroomDay;
    int bathroomNight;
    int longestBathroomSeconds;
    int totalBathroomSeconds;
    final TreeSet<Instant> leftAt = new TreeSet<>();
    final TreeMap<Instant, Instant> returns = new TreeMap<>();
    int nightDoorOpenings;
    long activeSlots;
    final Map<RoomBand, Integer> stillness = new HashMap<>();
    final Map<Transition, Integer> transitions = new HashMap<>();
    final Map<RoomBand, List<Integer>> silences = new HashMap<>();
    final Map<String, ContactSilences> contactSilences = new TreeMap<>();

    public OpenDay(CareDay day, ZoneId zone, DayConfig config) {
        this.day = Objects.requireNonNull(day, "day");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.config = Objects.requireNonNull(config, "config");
    }

    public CareDay day() {
        return day;
    }

    public ZoneId zone() {
        return zone;
    }

    public DayConfig config() {
        return config;
    }

    /**
     * Adds one activity that began in this care day. Returns false when the day is as it was (a movement in a half hour
     * already active, after the morning's first; a contact's silence at night), true otherwise: it may have changed.
     */
    public boolean accept(Activity a) {
        int minute = CareDay.localMinuteOf(a.at(), zone);
        if (a instanceof ContactSilence c) {
            // Not an activity of its own (its contact's opening or closing was): no active slot. Begun in
            // the night, a silence after a door is more likely sleep behind a bedroom door than an outing.
            if (!config.isNight(a.at().atZone(zone).toLocalTime())) {
                contactSilences.merge(c.sensorId(), new ContactSilences(1, c.roundTrip() ? 1 : 0), ContactSilences::plus);
                return true;
            }
            return false;
        }
        long slots = activeSlots;
        activeSlots |= 1L << (minute / 30);
        if (a instanceof BedEntered) {
            bedChanges.put(a.at(), Boolean.TRUE);
        } else if (a instanceof BedExited) {
            bedChanges.put(a.at(), Boolean.FALSE);
        } else if (a instanceof KettleBoil) {
            boilStarts.add(a.at());
        } else if (a instanceof Motion) {
            int care = CareDay.careMinute(minute, config.boundary());
            int earliest = CareDay.careMinute(minuteOf(config.earliestRise()), config.boundary());
            if (care >= earliest && (firstMorningMotion == null || a.at().isBefore(firstMorningMotion))) {
                firstMorningMotion = a.at();
                return true;
            }
            return activeSlots != slots;
        } else if (a instanceof BathroomVisit v) {
            int seconds = (int) Math.min(Integer.MAX_VALUE, v.duration().toSeconds());
            if (v.night()) {
                bathroomNight++;
            } else {
                bathroomDay++;
            }
            longestBathroomSeconds = Math.max(longestBathroomSeconds, seconds);
            totalBathroomSeconds += seconds;
        } else if (a instanceof LeftHome) {
            leftAt.add(a.at());
        } else if (a instanceof ReturnedHome r) {
            returns.put(r.leftAt(), r.at());
        } else if (a instanceof DoorOpened) {
            if (config.isNight(a.at().atZone(zone).toLocalTime())) {
                nightDoorOpenings++;
            }
        } else if (a instanceof Stillness s) {
            int seconds = (int) Math.min(Integer.MAX_VALUE, s.duration().toSeconds());
            RoomBand key = new RoomBand(s.room(), TimeBand.ofMinute(minute));
            stillness.merge(key, seconds, Math::max);
            if (seconds >= DayProfile.SILENCE_MINUTES * 60) {
                silences.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(seconds / 60);
            }
        } else if (a instanceof RoomChanged c) {
            if (c.from() != null) {
                transitions.merge(new Transition(c.from(), c.to()), 1, Integer::sum);
            }
        }
        return true;
    }

    /**
     * Takes in a later part of the same care day, built from activities accepted after this one's (the day's
     * accumulators kept apart, {@link DayTracker#spill}): afterwards this day is as if it had accepted them itself. Every
     * accumulator is a set, a maximum, a minimum, a sum or a map written in order, so the parts fold exactly.
     */
    public void absorb(OpenDay later) {
        if (!later.day.equals(day)) {
            throw new IllegalArgumentException("a part of " + later.day + " cannot be folded into " + day);
        }
        bedChanges.putAll(later.bedChanges); // a later reading at the same instant wins, as in accept
        boilStarts.addAll(later.boilStarts);
        if (later.firstMorningMotion != null
                && (firstMorningMotion == null || later.firstMorningMotion.isBefore(firstMorningMotion))) {
            firstMorningMotion = later.firstMorningMotion;
        }
        bathroomDay += later.bathroomDay;
        bathroomNight += later.bathroomNight;
        longestBathroomSeconds = Math.max(longestBathroomSeconds, later.longestBathroomSeconds);
        totalBathroomSeconds += later.totalBathroomSeconds;
        leftAt.addAll(later.leftAt);
        returns.putAll(later.returns);
        nightDoorOpenings += later.nightDoorOpenings;
        activeSlots |= later.activeSlots;
        later.stillness.forEach((k, v) -> stillness.merge(k, v, Math::max));
        later.transitions.forEach((k, v) -> transitions.merge(k, v, Integer::sum));
        later.silences.forEach((k, v) -> silences.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        later.contactSilences.forEach((k, v) -> contactSilences.merge(k, v, ContactSilences::plus));
    }

    /**
     * How many entries its accumulators hold (instants, map entries, silences, counts that are not zero): what its
     * stored form grows with, a few bytes each.
     */
    public int entries() {
        int n = bedChanges.size() + boilStarts.size() + leftAt.size() + returns.size() + stillness.size()
                + transitions.size();
        for (List<Integer> s : silences.values()) {
            n += s.size();
        }
        n += contactSilences.size();
        n += firstMorningMotion != null ? 1 : 0;
        n += (bathroomDay != 0 ? 1 : 0) + (bathroomNight != 0 ? 1 : 0) + (nightDoorOpenings != 0 ? 1 : 0);
        return n;
    }

    private static int minuteOf(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    /** The profile of this day as it stands; call at the close (or any time, for a day so far). */
    public DayProfile close() {
        Instant start = day.start(zone, config.boundary());
        Instant end = day.end(zone, config.boundary());
        List<Instant[]> episodes = bedEpisodes(start, end);
        long inBedSeconds = 0;
        for (Instant[] e : episodes) {
            inBedSeconds += Duration.between(e[0], e[1]).toSeconds();
        }

        int rise = DayProfile.UNKNOWN;
        int bedtime = DayProfile.UNKNOWN;
        int nightExits = 0;
        Instant riseAt = null;
        Instant[] main = mainSleep(episodes);
        if (main != null) {
            if (main[0].isAfter(start)) {
                bedtime = CareDay.localMinuteOf(main[0], zone);
            }
            if (main[1].isBefore(end)) {
                riseAt = main[1];
                rise = CareDay.localMinuteOf(main[1], zone);
            }
            nightExits = (int) main[2].getEpochSecond();
        } else if (bedChanges.isEmpty() && firstMorningMotion != null) {
            riseAt = firstMorningMotion;
            rise = CareDay.localMinuteOf(firstMorningMotion, zone);
        }

        int firstKettle = DayProfile.UNKNOWN;
        Instant earliestKettle = riseAt != null ? riseAt
                : day.instantAt(minuteOf(config.earliestRise()), zone, config.boundary());
        Instant boil = boilStarts.ceiling(earliestKettle);
        if (boil != null) {
            firstKettle = CareDay.localMinuteOf(boil, zone);
        }

        return new DayProfile(day.date(), (int) Duration.between(start, end).toMinutes(), rise, bedtime,
                (int) (inBedSeconds / 60), nightExits, firstKettle, boilStarts.size(), bathroomDay,
                bathroomNight, longestBathroomSeconds, totalBathroomSeconds,
                (int) (outOfHomeSeconds(start, end) / 60), nightDoorOpenings, activeSlots, stillness,
                transitions, silences, contactSilences);
    }

    /** In-bed episodes clipped to the day; an exit with no entry before it was in bed since the start. */
    private List<Instant[]> bedEpisodes(Instant start, Instant end) {
        List<Instant[]> episodes = new ArrayList<>();
        Instant since = null;
        boolean first = true;
        for (Map.Entry<Instant, Boolean> change : bedChanges.entrySet()) {
            if (change.getValue()) {
                if (since == null) {
                    since = change.getKey();
                }
            } else {
                if (since == null && first) {
                    since = start;
                }
                if (since != null) {
                    episodes.add(new Instant[] {since, change.getKey()});
                }
                since = null;
            }
            first = false;
        }
        if (since != null) {
            episodes.add(new Instant[] {since, end});
        }
        return episodes;
    }

    /**
     * The longest run of bed episodes separated by gaps shorter than the merge gap, as
     * {start, end, number of gaps (as epoch seconds)}, or null when none lasts the minimum.
     */
    private Instant[] mainSleep(List<Instant[]> episodes) {
        Instant[] best = null;
        long bestLength = -1;
        int i = 0;
        while (i < episodes.size()) {
            Instant runStart = episodes.get(i)[0];
            Instant runEnd = episodes.get(i)[1];
            int gaps = 0;
            int j = i + 1;
            while (j < episodes.size()
                    && Duration.between(runEnd, episodes.get(j)[0]).compareTo(config.sleepMergeGap()) < 0) {
                runEnd = episodes.get(j)[1];
                gaps++;
                j++;
            }
            long length = Duration.between(runStart, runEnd).toSeconds();
            if (length >= config.minMainSleep().toSeconds() && length > bestLength) {
                best = new Instant[] {runStart, runEnd, Instant.ofEpochSecond(gaps)};
                bestLength = length;
            }
            i = j;
        }
        return best;
    }

    private long outOfHomeSeconds(Instant start, Instant end) {
        long seconds = 0;
        for (Instant left : leftAt) {
            Instant back = returns.getOrDefault(left, end);
            seconds += clipped(left, back, start, end);
        }
        for (Map.Entry<Instant, Instant> r : returns.entrySet()) {
            if (!leftAt.contains(r.getKey())) {
                seconds += clipped(r.getKey(), r.getValue(), start, end);
            }
        }
        return seconds;
    }

    private static long clipped(Instant from, Instant to, Instant start, Instant end) {
        Instant a = from.isBefore(start) ? start : from;
        Instant b = to.isAfter(end) ? end : to;
        return b.isAfter(a) ? Duration.between(a, b).toSeconds() : 0;
    }

    /** For the state codec: read-only views of the accumulators. */
    NavigableMap<Instant, Boolean> bedChanges() {
        return bedChanges;
    }

    NavigableSet<Instant> boilStarts() {
        return boilStarts;
    }
}
