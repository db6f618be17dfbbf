package org.hearth.models.day;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.BathroomVisit;
import org.hearth.models.activity.KettleBoil;
import org.hearth.models.activity.Stillness;

/**
 * Routes one resident's activities to their care days and closes each day once the watermark is
 * {@link DayConfig#closeDelay()} past its end. An activity belongs to the care day in which it
 * began. An activity for a day already closed is late: counted and kept, not applied.
 *
 * <p>Days with no activity at all produce no profile (nobody home, or the kit was silent); the
 * baseline simply has fewer days.
 */
public final class DayTracker {

    private final ZoneId zone;
    private final DayConfig config;
    private final TreeMap<CareDay, OpenDay> open = new TreeMap<>();
    private final List<Activity> late = new ArrayList<>();
    private CareDay closedThrough;
    private long lateActivities;
    /**
     * Moves on every change to what the days' stored form holds (the open days, the last day closed), so that a
     * holder of the bytes these were decoded from can tell they are still those bytes ({@link #changes}).
     */
    private long changes;

    public DayTracker(ZoneId zone, DayConfig config) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adds an activity to its care day (opening it if needed): the day in which it began, except
     * that a spell (stillness, bathroom visit, boil) still running well past that day's close
     * (half the close delay after its end) goes to the day in which it ended, since it is only
     * decided then. The rule depends on the activity alone, so the result does not depend on when
     * the watermark happened to move.
     */
    public void accept(Activity a) {
        CareDay day = dayOf(a);
        if (closedThrough != null && day.compareTo(closedThrough) <= 0) { // not kept with the days: no change
            lateActivities++;
            late.add(a);
            return;
        }
        OpenDay open = this.open.get(day);
        if (open == null) {
            open = new OpenDay(day, zone, config);
            this.open.put(day, open);
            changes++;
        }
        if (open.accept(a)) {
            changes++;
        }
    }

    private CareDay dayOf(Activity a) {
        CareDay start = CareDay.containing(a.at(), zone, config.boundary());
        Instant end = a instanceof Stillness s ? s.end()
                : a instanceof BathroomVisit v ? v.end()
                : a instanceof KettleBoil k ? k.end()
                : a instanceof org.hearth.models.activity.ContactSilence c ? c.end() : null;
        if (end != null && end.isAfter(start.end(zone, config.boundary()).plus(config.closeDelay().dividedBy(2)))) {
            return CareDay.containing(end, zone, config.boundary());
        }
        return start;
    }

    public void acceptAll(Collection<? extends Activity> activities) {
        activities.forEach(this::accept);
    }

    /** Whether {@link #advanceTo}{@code (watermark)} would close a day that has had activity. */
    public boolean closesBy(Instant watermark) {
        return !open.isEmpty() && !open.firstKey().end(zone, config.boundary()).plus(config.closeDelay()).isAfter(watermark);
    }

    /** How many entries the open days' accumulators hold ({@link OpenDay#entries}). */
    public int entries() {
        int n = 0;
        for (OpenDay d : open.values()) {
            n += d.entries();
        }
        return n;
    }

    /**
     * Moves the open days' accumulators out: returns them as a tracker of their own (the same last closed day) and
     * leaves each day open here with none, to {@link #absorb} them back before the day closes. What a day has
     * gathered so can be kept where it is not read on every event (the streaming job's list of parts).
     */
    public DayTracker spill() {
        changes++;
        DayTracker part = new DayTracker(zone, config);
        part.closedThrough = closedThrough;
        for (Map.Entry<CareDay, OpenDay> e : open.entrySet()) {
            part.open.put(e.getKey(), e.getValue());
            e.setValue(new OpenDay(e.getKey(), zone, config));
        }
        return part;
    }

    /**
     * Folds back the parts {@link #spill} moved out, oldest first, in front of what the days gathered since: each
     * day is then as if no part had left. A part's day no longer open here is opened again with it (closed by the
     * next {@link #advanceTo} as usual), so nothing it gathered is lost.
     */
    public void absorb(List<DayTracker> parts) {
        TreeMap<CareDay, OpenDay> folded = new TreeMap<>();
        for (DayTracker part : parts) {
            for (OpenDay d : part.open.values()) {
                folded.computeIfAbsent(d.day(), k -> new OpenDay(k, zone, config)).absorb(d);
            }
        }
        if (folded.isEmpty()) {
            return;
        }
        changes++;
        for (OpenDay d : open.values()) {
            folded.computeIfAbsent(d.day(), k -> new OpenDay(k, zone, config)).absorb(d);
        }
        open.clear();
        open.putAll(folded);
    }

    /** Closes every day whose end plus the close delay is at or before the watermark, oldest first. */
    public List<DayProfile> advanceTo(Instant watermark) {
        List<DayProfile> closed = new ArrayList<>();
        while (!open.isEmpty()) {
            CareDay first = open.firstKey();
            if (first.end(zone, config.boundary()).plus(config.closeDelay()).isAfter(watermark)) {
                break;
            }
            closed.add(open.pollFirstEntry().getValue().close());
            closedThrough = first;
            changes++;
        }
        // days with no activity of their own are over too: later activities for them are late
        CareDay current = CareDay.containing(watermark.minus(config.closeDelay()), zone, config.boundary());
        CareDay over = current.previous();
        if (closedThrough == null || over.compareTo(closedThrough) > 0) {
            closedThrough = over;
            changes++;
        }
        return closed;
    }

    /** Closes every open day (end of a replay). */
    public List<DayProfile> flush() {
        changes++;
        List<DayProfile> closed = new ArrayList<>();
        while (!open.isEmpty()) {
            Map.Entry<CareDay, OpenDay> e = open.pollFirstEntry();
            closed.add(e.getValue().close());
            closedThrough = e.getKey();
        }
        return closed;
    }

    /** The day being built for {@code day}, if it has any activity yet. */
    public Optional<OpenDay> openDay(CareDay day) {
        changes++; // the day is handed out as it is, which its holder may change
        return Optional.ofNullable(open.get(day));
    }

    /** All open days, oldest first. */
    public Collection<OpenDay> openDays() {
        return Collections.unmodifiableCollection(open.values());
    }

    public ZoneId zone() {
        return zone;
    }

    public DayConfig config() {
        return config;
    }

    /** The last care day closed, or null. */
    public CareDay closedThrough() {
        return closedThrough;
    }

    /** Restores bookkeeping (state codec). */
    void restore(CareDay closedThrough, Collection<OpenDay> days) {
        changes++;
        this.closedThrough = closedThrough;
        open.clear();
        days.forEach(d -> open.put(d.day(), d));
    }

    /**
     * A count that moves whenever the days change (an activity taken, a day closed or opened again, the
     * accumulators moved out or back): equal at two moments, the days are the same and encode to the same bytes.
     */
    public long changes() {
        return changes;
    }

    public long lateActivities() {
        return lateActivities;
    }

    /** Hands over the late activities kept since the last call. */
    public List<Activity> drainLate() {
        List<Activity> copy = List.copyOf(late);
        late.clear();
        return copy;
    }
}
