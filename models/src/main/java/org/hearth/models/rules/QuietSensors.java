package org.hearth.models.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.explain.Explanation;

/**
 * A dead or near-dead sensor, judged in the home's <em>lived-in time</em> (issue 15, real sensors).
 *
 * <p>A PIR that has died sends nothing, and a person who is away sends nothing either: on the wall clock the
 * two look alike, so a sensor's learned longest gap took in the resident's 12-day absences and a dead living-room
 * PIR of the shared real home was reported five weeks late, while its fridge contact was called offline two days
 * into an absence. Here the clock is the home's own count of readings that someone moving inside makes ({@link
 * Movement.Place#INSIDE}: motion, cupboards, appliances; {@link SafetyState#lived}). Each sensor's track keeps the
 * count at its last reading and learns its longest gap in those readings, so days away move nothing, and a room
 * or cupboard the person rarely uses (a shower used twice a week) learns a long gap of its own. Sensors that check
 * in (heartbeats) stay on the wall clock ({@link SafetyRules}): their silence is not the person's. Two ways to go
 * quiet, both telling the installer through {@code sensor-offline}:
 * <ul>
 * <li><b>silent</b> (sensors that do not check in): more than {@code margin} times its longest lived-in gap, and
 *     at least the floor, of the home's readings without one of its own (a motion sensor's: of its motion);
 * <li><b>near-dead</b> (every motion sensor): it still fires now and then, but its recent count of motion readings
 *     (decayed over about a day of the home's readings) is below a tenth of what its usual share of the home's
 *     readings (decayed over about a month) expects. Judged only for sensors expected to fire often enough.
 * </ul>
 * A quiet motion sensor counts as back only once its recent count is half its usual again, not at its first stray
 * reading, and its usual share and gap are not learned while it is quiet: no raise, clear, raise at every stray.
 * A sensor too rarely used to be judged on its share (a cupboard, a spare room) is back at its next reading, and
 * its learned gap grows towards the gap that made it look silent (at most {@code margin}-fold per time: a
 * cupboard's habit is learned in a few alerts; a dead sensor repaired months later is not taken for one).
 *
 * <p>The tracks are looked at every {@link #CHECK_EVERY} readings of the home, not at every event (the lived-in
 * clock moves only with events, so there is no deadline to keep). The decayed counts are fixed point
 * ({@link #ONE}) and decayed with {@link StrictMath}, so that the state a restore reads back gives the same
 * decisions as the state that was never written.
 */
final class QuietSensors {

    /** Fixed point of the decayed counts: sixteenths of a reading. */
    static final int ONE = 16;
    /** The home's readings between two looks at every track (a delay of at most as many readings). */
    static final int CHECK_EVERY = 16;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);

    private final QuietSensorSettings settings;
    private final ZoneId zone;

    QuietSensors(QuietSensorSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** Whether a track's silence is judged here rather than on the wall clock: a sensor that does not check in. */
    static boolean judgesSilence(SafetyState.SensorTrack track) {
        return track.onClock && !track.checksIn;
    }

    /**
     * One reading, after {@code SafetyRules} has noted the sensor: a reading of someone moving inside ticks the
     * lived-in clock, the sensor's own track learns, and every {@link #CHECK_EVERY} ticks each track is judged.
     */
    void onEvent(SafetyState state, SensorEvent event, Movement.Place place, List<RuleOutcome> out) {
        boolean tick = place == Movement.Place.INSIDE;
        if (tick) {
            state.lived++;
        }
        SafetyState.SensorTrack track = state.sensors.get(event.sensorId());
        if (track != null) {
            if (event.kind() == SensorKind.MOTION) {
                if (event.isOn()) {
                    motion(state, event.sensorId(), track, tick, event.ts(), out);
                }
            } else if (!track.motion) {
                seen(state, event.sensorId(), track, tick, event.ts(), out);
            }
        }
        if (tick && state.lived % CHECK_EVERY == 0) {
            judge(state, event.ts(), out);
        }
    }

    /**
     * A sensor is back after the wall clock's silence or its own "unavailable": its gap counts from now (as the
     * hub's return restarts the wall-clock gaps) and a motion sensor's recent count starts again at what its usual
     * share expects, so the time it could not be heard is not taken for a dead or near-dead sensor.
     */
    void restart(SafetyState state, SafetyState.SensorTrack track) {
        if (!track.onClock || track.quiet) {
            return;
        }
        if (track.motion) {
            track.usual = decay(track.usual, state.lived - track.livedAt, settings.usualHorizon());
            track.recent = (int) Math.round(expected(state, track, track.usual, false));
        }
        track.livedAt = state.lived;
    }

    /** A reading of a sensor that does not read motion (a contact, an appliance, a thermometer). */
    private void seen(SafetyState state, String id, SafetyState.SensorTrack t, boolean tick, Instant ts,
            List<RuleOutcome> out) {
        if (!t.onClock) {
            start(state, t);
            return;
        }
        long gap = state.lived - t.livedAt - (tick ? 1 : 0); // the home's readings in between
        if (!t.quiet) {
            t.livedGap = Math.max(t.livedGap, gap);
        } else {
            backAsUsed(state, id, t, gap, ts, out);
        }
        t.livedAt = state.lived;
    }

    private void motion(SafetyState state, String id, SafetyState.SensorTrack t, boolean tick, Instant ts,
            List<RuleOutcome> out) {
        if (!t.onClock || !t.motion) {
            start(state, t);
            t.motion = true;
            t.recent = ONE;
            t.usual = ONE;
            return;
        }
        long since = state.lived - t.livedAt;
        long gap = since - (tick ? 1 : 0);
        t.recent = decay(t.recent, since, settings.recentHorizon()) + ONE;
        if (!t.quiet) {
            t.livedGap = Math.max(t.livedGap, gap);
            t.usual = decay(t.usual, since, settings.usualHorizon()) + ONE;
        } else {
            double expected = expected(state, t, t.usual, true); // its usual as it was when it went quiet
            if (expected < settings.minExpected() * ONE) {
                backAsUsed(state, id, t, gap, ts, out);
            } else if (t.recent >= settings.recoveredShare() * expected) {
                t.quiet = false;
                SafetyRules.backOnline(state, id, ts, Explanation.of("every sensor reporting",
                        id + " reporting normally again: about " + count(t.recent) + " of the home's last "
                                + readings(settings.recentHorizon()) + " readings (usually about " + count(expected) + ")"),
                        out);
            }
        }
        t.livedAt = state.lived;
    }

    private void start(SafetyState state, SafetyState.SensorTrack t) {
        t.onClock = true;
        t.livedFirst = state.lived;
        t.livedAt = state.lived;
    }

    /**
     * A quiet sensor too rarely used to be judged on its share is back at its next reading: the gap that made it
     * look silent may have been its habit, so its learned gap grows towards it (at most {@code margin}-fold).
     */
    private void backAsUsed(SafetyState state, String id, SafetyState.SensorTrack t, long gap, Instant ts,
            List<RuleOutcome> out) {
        t.livedGap = Math.max(t.livedGap, Math.min(gap, limit(t)));
        t.quiet = false;
        SafetyRules.backOnline(state, id, ts, Explanation.of("every sensor reporting",
                id + " reporting again after " + readings(gap) + " of the home's readings"), out);
    }

    private void judge(SafetyState state, Instant now, List<RuleOutcome> out) {
        for (Map.Entry<String, SafetyState.SensorTrack> e : state.sensors.entrySet()) {
            SafetyState.SensorTrack t = e.getValue();
            String id = e.getKey();
            if (!t.onClock || t.quiet || state.offline.containsKey(id) || state.lived - t.livedFirst < settings.learnReadings()) {
                continue;
            }
            long gap = state.lived - t.livedAt;
            if (judgesSilence(t)) {
                long limit = limit(t);
                if (gap > limit) {
                    goQuiet(state, id, t, now, new Explanation("every sensor reporting",
                            id + " has sent nothing for " + readings(gap) + " of the home's readings since "
                                    + when(t.lastSeen) + "; usually at most " + readings(t.livedGap),
                            Map.of("sensor", id, "since", when(t.lastSeen), "readings", Long.toString(gap),
                                    "usual", Long.toString(t.livedGap))), out);
                    continue;
                }
            }
            if (!t.motion) {
                continue;
            }
            double usualNow = t.usual * StrictMath.exp(-gap / settings.usualHorizon());
            double expected = expected(state, t, usualNow, false);
            double recentNow = t.recent * StrictMath.exp(-gap / settings.recentHorizon());
            if (expected >= settings.minExpected() * ONE && recentNow < settings.nearDeadShare() * expected) {
                goQuiet(state, id, t, now, new Explanation("every sensor reporting",
                        id + " has hardly reported: about " + count(recentNow) + " of the home's last "
                                + readings(settings.recentHorizon()) + " readings, usually about " + count(expected),
                        Map.of("sensor", id, "since", when(t.lastSeen), "recent", count(recentNow),
                                "usual", count(expected))), out);
            }
        }
    }

    private void goQuiet(SafetyState state, String id, SafetyState.SensorTrack t, Instant now, Explanation why,
            List<RuleOutcome> out) {
        // Its usual share is kept as it is now (learning it from a dead sensor's strays would make them usual), as
        // the count of a sensor watched for ever (expected(.., frozen)); its recent count and its gap go on from its
        // last reading.
        if (t.motion) {
            double usualNow = t.usual * StrictMath.exp(-(state.lived - t.livedAt) / settings.usualHorizon());
            t.usual = (int) Math.round(usualNow * settings.usualHorizon() / watched(state, t, settings.usualHorizon()));
        }
        t.quiet = true;
        SafetyRules.goOffline(state, id, t.lastSeen, now, why, out);
    }

    /** The home's readings without one of the sensor's own beyond which it is silent. */
    long limit(SafetyState.SensorTrack t) {
        return Math.max(settings.floorReadings(), (long) Math.ceil(t.livedGap * settings.margin()));
    }

    /**
     * What its {@code usual} decayed count (fixed point) expects its recent count to be: its share of the home's
     * readings (the usual count over the same decay of the home's own count, or
     * over the horizon itself when {@code frozen}: a quiet sensor's kept usual) times the recent horizon's decay of
     * the same.
     */
    private double expected(SafetyState state, SafetyState.SensorTrack t, double usual, boolean frozen) {
        double home = frozen ? settings.usualHorizon() : watched(state, t, settings.usualHorizon());
        if (home <= 0) {
            return 0;
        }
        return usual / home * watched(state, t, settings.recentHorizon());
    }

    /**
     * The home's readings, decayed over {@code horizon} (tends to the horizon): the home's, not the sensor's since its
     * first, which the state keeps only as far as learning needs (a sensor added later has its share underrated at
     * first: judged later, never sooner).
     */
    private static double watched(SafetyState state, SafetyState.SensorTrack t, double horizon) {
        return horizon * -StrictMath.expm1(-state.lived / horizon);
    }

    private static int decay(int value, long readings, double horizon) {
        return (int) Math.round(value * StrictMath.exp(-readings / horizon));
    }

    private static String count(double fixed) {
        return Long.toString(Math.round(fixed / ONE));
    }

    private static String readings(double n) {
        return String.format(Locale.UK, "%,d", Math.round(n));
    }

    private String when(Instant t) {
        return t == null ? "unknown" : WHEN.format(t.atZone(zone));
    }
}
