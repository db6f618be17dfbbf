package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;

/**
 * The fixed safety rules, which run from day one before any baseline: {@code help-button} at once,
 * {@code stillness} (no movement at all for 12 h while at home), {@code hub-offline},
 * {@code sensor-offline} and {@code battery-low}.
 *
 * <p>Time only moves through {@link #onEvent} and {@link #advanceTo}: the caller (the Flink
 * function, a test, the backtest) decides what "now" is, so silence is judged on event time and the
 * same history always gives the same decisions. {@link #nextDeadline} says when the caller must call
 * {@code advanceTo} again even if no event comes: that is what makes a fall, which produces no
 * events, visible.
 *
 * <p>A sensor's silence is judged on the wall clock against its own longest gap (sensors that check in,
 * contacts, appliances), except a motion sensor that does not check in: its silence, and any motion sensor's
 * near-dead spell, are counted in the home's lived-in readings ({@link QuietSensors}), so that the resident's
 * days away are not taken for a sensor's usual gap.
 *
 * <p>A home whose hub has gone silent gets {@code hub-offline} for the installer and no inactivity
 * alert for the carer: without data, stillness proves nothing. When the hub comes back, stillness
 * counts from that moment at the earliest.
 */
public final class SafetyRules {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Home home;
    private final SafetySettings settings;
    private final ZoneId zone;
    private final QuietSensors quiet;
    /**
     * Per registered sensor id, whether it is the hub ({@link #isHub}: registered with kind heartbeat), the first
     * sensor of an id deciding as {@link Home#sensor} does: asked at every heartbeat, once here instead of a walk
     * through the kit each time.
     */
    private final Map<String, Boolean> registeredIsHub = new java.util.HashMap<>();
    /** The silence floors in seconds ({@link #silenceLimitSeconds}, per sensor several times per event). */
    private final long floorSeconds;
    private final long floorRareSeconds;

    public SafetyRules(Home home, SafetySettings settings) {
        this.home = home;
        this.settings = settings;
        this.zone = home.zone();
        this.quiet = new QuietSensors(settings.quiet(), zone);
        for (Sensor s : home.sensors()) {
            registeredIsHub.putIfAbsent(s.id(), s.kind() == SensorKind.HEARTBEAT);
        }
        this.floorSeconds = settings.sensorSilenceFloor().toSeconds();
        this.floorRareSeconds = settings.sensorSilenceFloorRare().toSeconds();
    }

    /** Takes one event, in event-time order, after {@code advanceTo(event.ts())} has run. */
    public List<RuleOutcome> onEvent(SafetyState state, SensorEvent event) {
        return onEvent(state, event, java.util.Set.of());
    }

    /**
     * As {@link #onEvent(SafetyState, SensorEvent)}, with the contacts learned as exit doors
     * ({@link ExitDoors}): a use of one is a use of the front door, so that the 12 h floor knows the person
     * went out (on the shared real home without the door's role, a 41-hour absence raised it).
     */
    public List<RuleOutcome> onEvent(SafetyState state, SensorEvent event, java.util.Set<String> exitDoors) {
        List<RuleOutcome> out = new ArrayList<>(1);
        Instant ts = event.ts();
        if (isHubAvailability(event)) {
            hubAvailability(state, event, out);
            return out; // the hub's own state: neither a sensor's report nor a reading
        }
        hubHeard(state, event, out);
        sensorHeard(state, event, out);
        battery(state, event, out);
        Movement.Place place = repeatsItsState(state.sensors.get(event.sensorId()), event)
                ? Movement.Place.NONE : Movement.of(event, home, exitDoors);
        switch (place) {
            case INSIDE -> {
                if (event.kind() == org.hearth.models.event.SensorKind.MOTION) {
                    state.lastMotion = ts;
                }
                state.lastInside = ts;
                state.lastInsideRoom = Movement.room(event, home);
                if (state.stillnessRaised) {
                    state.stillnessRaised = false;
                    out.add(RuleOutcome.clear(Rule.STILLNESS, ts, Explanation.of(
                            "movement at least every " + hours(settings.stillness()),
                            "movement again in the " + state.lastInsideRoom + " at " + clock(ts))));
                }
            }
            case FRONT_DOOR -> state.lastDoor = ts;
            case NONE -> { }
        }
        quiet.onEvent(state, event, place, out);
        if (HelpPress.isHelpPress(event, home)) {
            state.lastPress = ts;
            if (!state.helpRaised) {
                state.helpRaised = true;
                out.add(HelpPress.raise(ts, zone)); // the job's urgent path sends the same outcome on arrival
            }
        }
        return out;
    }

    /**
     * Whether a contact's reading only repeats the state it was last read in, and keeps that state: the
     * sensor's own report, no hand on a door (Zigbee2MQTT republishes {@code contact} with every check-in and
     * battery report; the shared real home's front door sent 106 lone "closed" readings an hour or more after
     * the last). Taken for movement inside, a cupboard checking in every 50 minutes would hold off this
     * 12 h floor for ever; taken for the front door, it would start an outing. Unknown before a contact's
     * first reading, which counts as before.
     */
    private static boolean repeatsItsState(SafetyState.SensorTrack track, SensorEvent event) {
        if (track == null || event.kind() != SensorKind.CONTACT) {
            return false;
        }
        boolean open = event.isOn();
        boolean repeat = track.contactKnown && track.contactOpen == open;
        track.contactKnown = true;
        track.contactOpen = open;
        return repeat;
    }

    /** Fires every deadline at or before {@code now}, in time order, each at its own instant. */
    public List<RuleOutcome> advanceTo(SafetyState state, Instant now) {
        List<RuleOutcome> out = new ArrayList<>(0);
        Instant due;
        while ((due = next(state)) != null && !due.isAfter(now)) {
            fire(state, due, out);
        }
        return out;
    }

    /** The earliest instant at which a decision may change without a new event, if any. */
    public Optional<Instant> nextDeadline(SafetyState state) {
        return Optional.ofNullable(next(state));
    }

    /** {@link #nextDeadline}, or null: without an {@code Optional} where it runs three times per event. */
    Instant next(SafetyState state) {
        Instant next = null;
        next = earliest(next, hubDeadline(state));
        next = earliest(next, stillnessDeadline(state));
        next = earliest(next, helpClearDeadline(state));
        next = earliest(next, earliestSilence(state));
        return next;
    }

    /**
     * The earliest of {@link #silenceDeadline} over every sensor, or null. It runs several times per
     * event (each {@code advanceTo}, each {@code nextDeadline}) over every sensor of the kit, so it
     * compares seconds and builds one {@link Instant}, not one per sensor.
     */
    private Instant earliestSilence(SafetyState state) {
        if (state.hubOffline) {
            return null;
        }
        boolean anyOffline = !state.offline.isEmpty();
        Instant best = null;
        long bestSecond = 0;
        for (Map.Entry<String, SafetyState.SensorTrack> e : state.sensors.entrySet()) {
            SafetyState.SensorTrack track = e.getValue();
            if (track.reports < settings.sensorMinReports() || (anyOffline && state.offline.containsKey(e.getKey()))
                    || QuietSensors.judgesSilence(track)) {
                continue; // as silenceDeadline: a sensor judged in lived-in time has no wall-clock deadline
            }
            Instant from = heardFrom(state, track);
            long second = from.getEpochSecond() + silenceLimitSeconds(track);
            if (best == null || second < bestSecond || (second == bestSecond && from.getNano() < best.getNano())) {
                bestSecond = second;
                best = from;
            }
        }
        return best == null ? null : Instant.ofEpochSecond(bestSecond, best.getNano());
    }

    /** Whether a person is presumed at home: moved inside after the last front-door event. */
    public boolean atHome(SafetyState state) {
        if (state.lastDoor == null) {
            return true;
        }
        return state.lastInside != null && state.lastInside.isAfter(state.lastDoor.plus(settings.doorGrace()));
    }

    private void fire(SafetyState state, Instant at, List<RuleOutcome> out) {
        if (at.equals(hubDeadline(state))) {
            state.hubOffline = true;
            out.add(RuleOutcome.raise(Rule.HUB_OFFLINE, at, new Explanation(
                    "a message at least every " + minutes(settings.hubSilence()),
                    "nothing from the home since " + clock(state.lastMessage),
                    Map.of("since", clock(state.lastMessage)))));
            return;
        }
        if (at.equals(stillnessDeadline(state))) {
            state.stillnessRaised = true;
            out.add(RuleOutcome.raise(Rule.STILLNESS, at, new Explanation(
                    "movement at least every " + hours(settings.stillness()),
                    "no movement since " + clock(state.lastInside) + " (" + state.lastInsideRoom + ")",
                    Map.of("since", clock(state.lastInside), "room", String.valueOf(state.lastInsideRoom)))));
            return;
        }
        if (at.equals(helpClearDeadline(state))) {
            state.helpRaised = false;
            out.add(RuleOutcome.clear(Rule.HELP_BUTTON, at, Explanation.of(
                    "help button not pressed", "no further press since " + clock(state.lastPress))));
            return;
        }
        for (Map.Entry<String, SafetyState.SensorTrack> e : state.sensors.entrySet()) {
            if (at.equals(silenceDeadline(state, e.getKey(), e.getValue()))) {
                goOffline(state, e.getKey(), e.getValue().lastSeen, at, "silent", out);
                return;
            }
        }
        throw new IllegalStateException("no deadline at " + at);
    }

    private void hubHeard(SafetyState state, SensorEvent event, List<RuleOutcome> out) {
        if (state.lastMessage == null || event.ts().isAfter(state.lastMessage)) {
            state.lastMessage = event.ts();
        }
        // once the hub's heartbeat has been heard, which sensor beats changes nothing: no look-up per heartbeat after
        if (!state.heartbeats && event.kind() == SensorKind.HEARTBEAT && isHub(event.sensorId())) {
            state.heartbeats = true;
        }
        if (state.hubOffline) {
            state.hubOffline = false;
            state.resumedAt = event.ts();
            out.add(RuleOutcome.clear(Rule.HUB_OFFLINE, event.ts(), Explanation.of(
                    "a message at least every " + minutes(settings.hubSilence()),
                    "the home is reporting again since " + clock(event.ts()))));
        }
    }

    /**
     * The hub says itself whether it is up: Zigbee2MQTT's {@code bridge/state}, a Tasmota hub's
     * LWT, both also the broker's last will when the hub's connection dies. Offline raises
     * {@code hub-offline} at once instead of after {@code hubSilence}; online clears it like any
     * message would. A hub that is not registered as a sensor, or a registered heartbeat sensor,
     * is the hub ({@link #isHub}).
     */
    private boolean isHubAvailability(SensorEvent event) {
        return event.kind() == SensorKind.AVAILABILITY && isHub(event.sensorId());
    }

    private void hubAvailability(SafetyState state, SensorEvent event, List<RuleOutcome> out) {
        if (event.isOn()) {
            hubHeard(state, event, out);
            return;
        }
        if (!state.hubOffline) {
            state.hubOffline = true;
            out.add(RuleOutcome.raise(Rule.HUB_OFFLINE, event.ts(), new Explanation(
                    "the hub connected",
                    "the hub reported itself offline at " + clock(event.ts()),
                    Map.of("since", clock(event.ts())))));
        }
    }

    private void sensorHeard(SafetyState state, SensorEvent event, List<RuleOutcome> out) {
        String id = event.sensorId();
        SafetyState.SensorTrack track = state.sensors.get(id);
        if (track == null) {
            track = new SafetyState.SensorTrack(event.ts(), 0, 1);
            state.sensors.put(id, track);
        } else {
            if (event.ts().isAfter(track.lastSeen)) {
                long gap = Duration.between(heardFrom(state, track), event.ts()).toSeconds();
                track.longestGapSeconds = Math.max(track.longestGapSeconds, gap);
                track.lastSeen = event.ts();
            }
            track.reports = Math.min(track.reports + 1, SafetyState.REPORTS_KEPT);
        }
        if (event.kind() == SensorKind.HEARTBEAT) {
            track.checksIn = true;
        }
        if (event.kind() == SensorKind.AVAILABILITY && !event.isOn()) {
            state.unavailable.add(id);
            goOffline(state, id, event.ts(), event.ts(), "reported offline", out);
            return;
        }
        state.unavailable.remove(id);
        if (track.quiet) {
            return; // silent or near-dead in lived-in time: back only when it reports normally (QuietSensors)
        }
        if (state.offline.containsKey(id)) {
            quiet.restart(state, track);
            backOnline(state, id, event.ts(), Explanation.of(
                    "every sensor reporting", "all sensors reporting again since " + clock(event.ts())), out);
        }
    }

    private void goOffline(SafetyState state, String sensorId, Instant since, Instant at, String how, List<RuleOutcome> out) {
        goOffline(state, sensorId, since, at, new Explanation(
                "every sensor reporting",
                "sensor " + sensorId + " " + how + " since " + clock(since),
                Map.of("sensor", sensorId, "since", clock(since))), out);
    }

    /**
     * Counts a sensor offline since {@code since}. The first one offline raises {@code sensor-offline}; each
     * later one raises it again with its own facts and the count, which the open alert passes on to whoever
     * was texted (AlertLifecycle: updated). Raising only the first kept a second dead sensor from anyone:
     * on the shared real home the kitchen PIR's alert of February stayed open while the living room,
     * hall and bedroom PIRs died in April, and nobody was told for ten weeks.
     */
    static void goOffline(SafetyState state, String sensorId, Instant since, Instant at, Explanation why, List<RuleOutcome> out) {
        if (state.offline.putIfAbsent(sensorId, since) != null) {
            return;
        }
        int silent = state.offline.size();
        if (silent == 1) {
            out.add(RuleOutcome.raise(Rule.SENSOR_OFFLINE, at, why));
            return;
        }
        Map<String, String> facts = new TreeMap<>(why.facts());
        facts.put("silent", Integer.toString(silent));
        out.add(RuleOutcome.raise(Rule.SENSOR_OFFLINE, at,
                new Explanation(why.expected(), why.observed() + " (" + silent + " sensors silent)", facts)));
    }

    /** A sensor is back; the last one back clears {@code sensor-offline}. */
    static void backOnline(SafetyState state, String sensorId, Instant at, Explanation why, List<RuleOutcome> out) {
        if (state.offline.remove(sensorId) != null && state.offline.isEmpty()) {
            out.add(RuleOutcome.clear(Rule.SENSOR_OFFLINE, at, why));
        }
    }

    private void battery(SafetyState state, SensorEvent event, List<RuleOutcome> out) {
        Integer level = event.battery();
        if (level == null) {
            return;
        }
        String id = event.sensorId();
        if (level < settings.batteryLow()) {
            boolean first = state.lowBattery.isEmpty();
            if (state.lowBattery.put(id, level) == null && first) {
                out.add(RuleOutcome.raise(Rule.BATTERY_LOW, event.ts(), new Explanation(
                        "batteries above " + settings.batteryLow() + "%",
                        "sensor " + id + " battery at " + level + "%",
                        Map.of("sensor", id, "level", Integer.toString(level)))));
            }
        } else if (level >= settings.batteryRecovered()
                && state.lowBattery.remove(id) != null && state.lowBattery.isEmpty()) {
            out.add(RuleOutcome.clear(Rule.BATTERY_LOW, event.ts(), Explanation.of(
                    "batteries above " + settings.batteryLow() + "%", "sensor " + id + " battery at " + level + "%")));
        }
    }

    /**
     * The hub's own heartbeat arms {@code hub-offline}; a device's check-in does not (a kit whose
     * sensors check in hourly but whose hub sends no heartbeat would otherwise look offline every
     * half hour). The hub is a heartbeat sensor that is not part of the registered kit, or one
     * registered with kind {@code heartbeat}.
     */
    private boolean isHub(String sensorId) {
        Boolean hub = registeredIsHub.get(sensorId);
        return hub == null || hub;
    }

    private Instant hubDeadline(SafetyState state) {
        if (!state.heartbeats || state.hubOffline || state.lastMessage == null) {
            return null;
        }
        return state.lastMessage.plus(settings.hubSilence());
    }

    /** No motion sensor reading for this long while other signs of life come: the motion kit, not the person. */
    static final java.time.Duration MOTION_KIT_SILENT = java.time.Duration.ofHours(24);

    private Instant stillnessDeadline(SafetyState state) {
        if (state.stillnessRaised || state.hubOffline || state.lastInside == null || !atHome(state)) {
            return null;
        }
        if (state.lastMotion != null && state.lastMotion.plus(MOTION_KIT_SILENT).isBefore(state.lastInside)) {
            // Cupboards and doors still used but no motion sensor has seen anyone for a day: the motion
            // kit is down (sensor-offline tells the installer), and a 12 h gap between cupboard
            // openings says nothing of the person (on a real home, six false alarms in one week).
            return null;
        }
        Instant from = state.resumedAt != null && state.resumedAt.isAfter(state.lastInside) ? state.resumedAt : state.lastInside;
        return from.plus(settings.stillness());
    }

    private Instant helpClearDeadline(SafetyState state) {
        return state.helpRaised ? state.lastPress.plus(settings.helpButtonClear()) : null;
    }

    private Instant silenceDeadline(SafetyState state, String sensorId, SafetyState.SensorTrack track) {
        if (state.hubOffline || state.offline.containsKey(sensorId) || track.reports < settings.sensorMinReports()
                || QuietSensors.judgesSilence(track)) {
            return null; // a sensor that does not check in: its silence is counted in lived-in time (QuietSensors)
        }
        return heardFrom(state, track).plusSeconds(silenceLimitSeconds(track));
    }

    /** How long a sensor may be silent: its learned gap times the margin, never under the floor. */
    private long silenceLimitSeconds(SafetyState.SensorTrack track) {
        long floor = rarelyReports(track) ? floorRareSeconds : floorSeconds;
        long learned = (long) Math.ceil(track.longestGapSeconds * settings.sensorGapMargin());
        return Math.max(floor, learned);
    }

    /**
     * Where a sensor's silence counts from: its last report, or the hub's return if later. While the
     * hub was offline no sensor could be heard, so an outage is neither a sensor's silence nor one of
     * its usual gaps (found by the 50-home simulation: 5 of 14 false sensor-offline came at the end
     * of hub outages).
     */
    private static Instant heardFrom(SafetyState state, SafetyState.SensorTrack track) {
        return state.resumedAt != null && state.resumedAt.isAfter(track.lastSeen) ? state.resumedAt : track.lastSeen;
    }

    /**
     * A sensor that has never sent a heartbeat of its own reports only when used (a door in a
     * house where nobody goes out, a motion sensor in a spare room), so its silence is judged on
     * the long floor; one that checks in is judged on its learned gap and the short floor.
     */
    private boolean rarelyReports(SafetyState.SensorTrack track) {
        return !track.checksIn;
    }

    private String clock(Instant instant) {
        return instant == null ? "unknown" : CLOCK.format(instant.atZone(zone));
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** For tests and explanations: the sensors currently offline, sorted. */
    public static Map<String, Instant> offline(SafetyState state) {
        return new TreeMap<>(state.offline);
    }
}
