package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.hearth.models.encoding.StringTable;
import org.hearth.models.encoding.Varints;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Turns one home's sensor events into {@link Activity activities}.
 *
 * <h2>Time and lateness</h2>
 * Events may arrive out of order by up to {@link ActivityConfig#allowedLateness()}. The tracker
 * buffers them and applies them in a canonical order (event time, then sensor id, kind and value)
 * only once its watermark has passed them; debounce and "away after" deadlines fire in time order
 * as the watermark passes them. The watermark is either driven by the events themselves
 * ({@link #accept} moves it to the latest event time minus the allowed lateness) or by the caller
 * ({@link #advanceTo}, e.g. from a Flink watermark or a wall-clock timer during silence). So any
 * arrival order within the allowed lateness gives the same activities, and an activity is decided
 * at most {@code allowedLateness} plus its own debounce after it happened (for the defaults: a bed
 * exit is known 4 minutes after the person stood up, an outing 17 minutes after the door).
 *
 * <p>Events at or before the watermark are late; events for another home, from sensors the
 * registry does not know, or with implausible values are rejected. None is dropped silently: they
 * are counted and kept until {@link #drainRejected()}.
 *
 * <p>Not thread-safe: one tracker per home, fed by one thread (one Flink key).
 */
public final class ActivityTracker {

    /** The canonical order in which buffered events are applied. */
    public static final Comparator<SensorEvent> CANONICAL = Comparator.comparing(SensorEvent::ts)
            .thenComparing(SensorEvent::sensorId)
            .thenComparing(SensorEvent::kind)
            .thenComparingDouble(SensorEvent::value);

    private final Home home;
    private final ActivityConfig config;
    private final KettleDetector kettle;
    private final BedDetector bed;
    private final DoorDetector doors = new DoorDetector();
    private final PresenceDetector presence;
    private final AwayDetector away;
    private final BathroomDetector bathroom;
    private final StillnessDetector stillness;
    private final List<Detector> timed;
    private final PriorityQueue<SensorEvent> buffer = new PriorityQueue<>(CANONICAL);
    private final List<SensorEvent> rejected = new ArrayList<>();
    private Instant watermark = Instant.MIN;
    private Instant maxSeen = Instant.MIN;
    private long lateEvents;
    private long unknownEvents;
    /**
     * Contacts learned as exit doors from the resident's days ({@link #learnExitDoors}); none until told, and
     * none for a tracker restored from a format that did not keep them: its home's next day close learns them.
     */
    private java.util.SortedSet<String> exitDoors = java.util.Collections.emptySortedSet();

    public ActivityTracker(Home home, ActivityConfig config) {
        this(TrackedHome.of(Objects.requireNonNull(home, "home")), config);
    }

    /** A tracker for {@code home}'s kit with the rooms already derived from it (a tracker restored at every event). */
    public ActivityTracker(TrackedHome home, ActivityConfig config) {
        this.home = home.home();
        this.config = Objects.requireNonNull(config, "config");
        this.kettle = new KettleDetector(config);
        this.bed = new BedDetector(config);
        this.presence = new PresenceDetector(config);
        this.away = new AwayDetector(config, home.frontDoorRooms());
        this.bathroom = new BathroomDetector(config, this.home.zone(), home.bathroomRooms());
        this.stillness = new StillnessDetector(config);
        this.timed = List.of(kettle, bed, doors, presence, away);
    }

    /**
     * The contacts (registered without the front-door role) that the resident's own days show to be ways
     * out ({@code rules.ExitDoors}): from now on each is used as the front door is for outings (an
     * outing begins at its use; a silence it ends is no stillness). Contacts the kit does not list, or
     * that are not contacts, are ignored. Kept with the tracker's state.
     */
    public void learnExitDoors(java.util.Collection<String> sensorIds) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        Set<String> rooms = new HashSet<>();
        for (String id : sensorIds) {
            home.sensor(id).filter(s -> s.kind() == SensorKind.CONTACT).ifPresent(s -> {
                ids.add(s.id());
                if (s.room() != null) {
                    rooms.add(s.room());
                }
            });
        }
        exitDoors = java.util.Collections.unmodifiableSortedSet(ids);
        away.learnedDoors(ids, rooms);
    }

    /** The contacts learned as exit doors (sorted ids; the front door by its role is not among them). */
    public java.util.SortedSet<String> exitDoors() {
        return exitDoors;
    }

    /** The rooms of the home's front doors (contacts with the front-door role). */
    static Set<String> frontDoorRooms(Home home) {
        return roomsWithRole(home, SensorRole.FRONT_DOOR);
    }

    /** The rooms of the home's sensors that have {@code role}. */
    public static Set<String> roomsWithRole(Home home, SensorRole role) {
        Set<String> rooms = new HashSet<>();
        for (Sensor s : home.sensors()) {
            if (s.role() == role && s.room() != null) {
                rooms.add(s.room());
            }
        }
        return Set.copyOf(rooms);
    }

    /** Rooms that count as a bathroom: rooms of sensors with the bathroom role, else rooms named so. */
    public static Set<String> bathroomRooms(Home home) {
        Set<String> rooms = new HashSet<>(roomsWithRole(home, SensorRole.BATHROOM));
        if (rooms.isEmpty()) {
            for (Sensor s : home.sensors()) {
                String r = s.room() == null ? "" : s.room().toLowerCase(Locale.ROOT);
                if (r.contains("bath") || r.contains("toilet") || r.equals("wc")) {
                    rooms.add(s.room());
                }
            }
        }
        return Set.copyOf(rooms);
    }

    /**
     * Takes one event and returns the activities that became certain, moving the watermark to the
     * latest event time seen minus the allowed lateness.
     */
    public List<Activity> accept(SensorEvent event) {
        Objects.requireNonNull(event, "event");
        if (!event.homeId().equals(home.id()) || home.sensor(event.sensorId()).isEmpty()
                || !event.kind().accepts(event.value())) {
            unknownEvents++;
            rejected.add(event);
            return List.of();
        }
        if (!event.ts().isAfter(watermark)) {
            lateEvents++;
            rejected.add(event);
            return List.of();
        }
        buffer.add(event);
        if (event.ts().isAfter(maxSeen)) {
            maxSeen = event.ts();
        }
        return advanceTo(maxSeen.minus(config.allowedLateness()));
    }

    /**
     * Declares that no event at or before {@code newWatermark} is still to come: applies the
     * buffered events up to it and fires the deadlines it passes. Moving the watermark backwards
     * does nothing.
     */
    public List<Activity> advanceTo(Instant newWatermark) {
        List<Activity> out = new ArrayList<>();
        if (!newWatermark.isAfter(watermark)) {
            return out;
        }
        Consumer<Activity> emit = a -> dispatch(a, out);
        while (!buffer.isEmpty() && !buffer.peek().ts().isAfter(newWatermark)) {
            SensorEvent e = buffer.poll();
            fireDeadlines(e.ts(), false, emit);
            apply(e, emit);
        }
        fireDeadlines(newWatermark, true, emit);
        watermark = newWatermark;
        return out;
    }

    /**
     * Declares the input finished (end of a replay): applies everything buffered and lets every
     * pending debounce run out, as if time had moved on a day without further events.
     */
    public List<Activity> flush() {
        return maxSeen == Instant.MIN ? List.of() : advanceTo(maxSeen.plus(java.time.Duration.ofDays(1)));
    }

    private void apply(SensorEvent e, Consumer<Activity> emit) {
        Sensor sensor = home.sensor(e.sensorId()).orElseThrow();
        if (e.kind() != sensor.kind()) {
            // A device's reports about itself (heartbeat, availability) or a second quantity it
            // measures (a motion sensor's temperature) say nothing of the person: the detectors
            // read the value as the sensor's own kind, so a bed's hourly heartbeat (value 1) would
            // put the resident back to bed, and a plug's would start a kettle boil that never ends.
            return;
        }
        if (sensor.kind() == SensorKind.CONTACT && doors.repeats(sensor.id(), e.isOn())) {
            // A contact's report of the state it is already in is no hand on a door: Zigbee2MQTT
            // republishes `contact` with every check-in and battery report, and the shared real home's
            // front door sent 106 lone "closed" readings an hour or more after the last. Taken as a
            // door use, one at 01:39 made a sleeper "out" and raised not-home at 02:39; taken as a sign
            // of life, a cupboard's hourly report would hold off stillness for a person on the floor.
            return;
        }
        for (Detector d : timed) {
            d.onEvent(e, sensor, emit);
        }
        if (stillness.isSign(e, sensor)) {
            stillness.onSign(e, presence.lastSeenRoom(), bed.rawOccupied(), away.isExit(sensor),
                    sensor.kind() == SensorKind.CONTACT ? sensor.id() : null, emit);
        }
    }

    private void dispatch(Activity a, List<Activity> out) {
        out.add(a);
        if (a instanceof DoorOpened opened) {
            away.onOpened(opened, b -> dispatch(b, out));
        }
        stillness.onActivity(a);
        bathroom.onActivity(a, b -> dispatch(b, out));
    }

    /** Fires pending deadlines before {@code t} (or at it, when inclusive) in time order. */
    private void fireDeadlines(Instant t, boolean inclusive, Consumer<Activity> emit) {
        while (true) {
            Detector next = null;
            Instant nextAt = null;
            for (Detector d : timed) {
                Instant at = d.nextDeadline();
                if (at != null && (nextAt == null || at.isBefore(nextAt))) {
                    next = d;
                    nextAt = at;
                }
            }
            if (next == null || nextAt.isAfter(t) || (!inclusive && nextAt.equals(t))) {
                return;
            }
            next.fire(emit);
        }
    }

    /** The tracker's current belief, for live rules' timers. */
    public HomeStatus status() {
        return new HomeStatus(watermark == Instant.MIN ? null : watermark, stillness.lastSign(),
                presence.lastSeenRoom(), presence.current(), bed.rawOccupied(), bed.rawChangedAt(), away.awaySince(),
                kettle.onSince());
    }

    /** The event time up to which events have been applied (null before the first). */
    public Instant watermark() {
        return watermark == Instant.MIN ? null : watermark;
    }

    public Home home() {
        return home;
    }

    public ActivityConfig config() {
        return config;
    }

    /** Events that arrived at or before the watermark. */
    public long lateEvents() {
        return lateEvents;
    }

    /** Events for another home, an unregistered sensor, or with an implausible value. */
    public long unknownEvents() {
        return unknownEvents;
    }

    /** Power spells on the kettle plug too short or too long to be a boil. */
    public long rejectedKettleSpells() {
        return kettle.rejectedSpells();
    }

    /**
     * Writes everything the tracker remembers (detectors, buffered events, watermark, counters) so
     * that {@link #restore} gives a tracker that continues exactly as this one would: the keyed state
     * of a streaming job stores it instead of replaying past events after each read. The caller
     * ({@link org.hearth.models.state.StateCodec}) owns the format version ({@code version} 2, or 3 and after:
     * compact, its strings in {@code strings}, see {@code TrackerIO}).
     */
    public void writeState(DataOutput out, int version, StringTable strings) throws IOException {
        if (version < 2) {
            throw new IllegalArgumentException("the tracker writes format 2 and after, not " + version);
        }
        TrackerIO io = new TrackerIO(version, strings);
        Instant latest = maxSeen == Instant.MIN ? null : maxSeen;
        if (version >= TrackerIO.COMPACT) { // the latest event first, the rest relative to it
            io.writeInstant(out, latest);
            io.base(latest);
            io.writeInstant(out, watermark == Instant.MIN ? null : watermark);
        } else {
            io.writeInstant(out, watermark == Instant.MIN ? null : watermark);
            io.writeInstant(out, latest);
        }
        Varints.writeUnsigned(out, lateEvents);
        Varints.writeUnsigned(out, unknownEvents);
        // usually empty when written (the job advances the watermark past each event): no stream for that
        writeEvents(out, buffer.isEmpty() ? List.of() : buffer.stream().sorted(CANONICAL).toList(), io);
        writeEvents(out, rejected, io);
        kettle.write(out, io);
        bed.write(out, io);
        doors.write(out, io);
        presence.write(out, io);
        away.write(out, io);
        bathroom.write(out, io);
        stillness.write(out, io);
        if (version >= TrackerIO.EXITS) {
            Varints.writeUnsigned(out, exitDoors.size());
            for (String id : exitDoors) {
                io.writeId(out, id);
            }
        }
    }

    /**
     * A tracker for {@code home} in the state {@link #writeState} wrote, in format {@code version}
     * (the caller, {@link org.hearth.models.state.StateCodec}, owns the version: this package does not
     * depend on it, so that the codec can depend on the tracker without a package cycle).
     */
    public static ActivityTracker restore(Home home, ActivityConfig config, DataInput in, int version,
            StringTable strings) throws IOException {
        return restore(TrackedHome.of(home), config, in, version, strings);
    }

    /** As {@link #restore(Home, ActivityConfig, DataInput, int, StringTable)}, the home's rooms already derived. */
    public static ActivityTracker restore(TrackedHome home, ActivityConfig config, DataInput in, int version,
            StringTable strings) throws IOException {
        ActivityTracker t = new ActivityTracker(home, config);
        TrackerIO io = new TrackerIO(version, strings);
        Instant w;
        Instant m;
        if (version >= TrackerIO.COMPACT) {
            m = io.readInstant(in);
            io.base(m);
            w = io.readInstant(in);
        } else {
            w = io.readInstant(in);
            m = io.readInstant(in);
        }
        t.watermark = w == null ? Instant.MIN : w;
        t.maxSeen = m == null ? Instant.MIN : m;
        t.lateEvents = Varints.readUnsigned(in);
        t.unknownEvents = Varints.readUnsigned(in);
        t.buffer.addAll(readEvents(in, io));
        t.rejected.addAll(readEvents(in, io));
        t.kettle.read(in, io);
        t.bed.read(in, io);
        t.doors.read(in, io);
        t.presence.read(in, io);
        t.away.read(in, io);
        t.bathroom.read(in, io);
        t.stillness.read(in, io);
        if (version >= TrackerIO.EXITS) {
            int n = Varints.readInt(in);
            List<String> doors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                doors.add(io.readId(in));
            }
            t.learnExitDoors(doors);
        }
        return t;
    }

    private static void writeEvents(DataOutput out, List<SensorEvent> events, TrackerIO io) throws IOException {
        Varints.writeUnsigned(out, events.size());
        for (SensorEvent e : events) {
            io.writeEvent(out, e);
        }
    }

    private static List<SensorEvent> readEvents(DataInput in, TrackerIO io) throws IOException {
        int n = Varints.readInt(in);
        List<SensorEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(io.readEvent(in));
        }
        return events;
    }

    /** Hands over the rejected events (late or unknown) kept since the last call. */
    public List<SensorEvent> drainRejected() {
        List<SensorEvent> copy = List.copyOf(rejected);
        rejected.clear();
        return copy;
    }
}
