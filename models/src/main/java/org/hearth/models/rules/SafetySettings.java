package org.hearth.models.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed safety rules' settings. These run from the first day, before any baseline, so they
 * are plain limits rather than quantiles of the person's history.
 *
 * @param stillness no movement at all for this long, while at home, is urgent (DESIGN.md: 12 h)
 * @param hubSilence no message at all from a home that sends heartbeats for this long: hub offline
 * @param batteryLow a battery below this percentage is reported
 * @param batteryRecovered a low battery counts as replaced at or above this percentage (hysteresis)
 * @param sensorSilenceFloor a sensor is never called silent before this long without a report. Real
 *     kits check in periodically (Zigbee devices report battery or a heartbeat at least hourly), so
 *     a sensor's longest gap is learned from its own reports and this floor is short
 * @param sensorSilenceFloorRare the floor for sensors that report only when used (doors, buttons)
 *     and have not been seen checking in regularly
 * @param sensorGapMargin a sensor is silent after this many times its longest gap seen so far
 * @param sensorMinReports silence is judged only after this many reports (the gap must be known); at most
 *     {@link SafetyState#REPORTS_KEPT}, as far as a sensor's reports are counted
 * @param helpButtonClear a help-button alert counts as cleared this long after the last press
 * @param doorGrace movement within this long of a front-door event is the person leaving or
 *     arriving; only movement after it proves someone is at home
 * @param quiet how motion sensors are judged in the home's lived-in time (those that do not check in are
 *     judged there instead of on the wall clock; near-dead ones, whether they check in or not)
 */
public record SafetySettings(
        Duration stillness,
        Duration hubSilence,
        int batteryLow,
        int batteryRecovered,
        Duration sensorSilenceFloor,
        Duration sensorSilenceFloorRare,
        double sensorGapMargin,
        int sensorMinReports,
        Duration helpButtonClear,
        Duration doorGrace,
        QuietSensorSettings quiet) {

    public static final SafetySettings DEFAULTS = new SafetySettings(
            Duration.ofHours(12),
            Duration.ofMinutes(30),
            15,
            25,
            Duration.ofHours(2),
            Duration.ofHours(48),
            3.0,
            48,
            Duration.ofMinutes(30),
            Duration.ofMinutes(2),
            QuietSensorSettings.DEFAULTS);

    public SafetySettings {
        Objects.requireNonNull(stillness, "stillness");
        Objects.requireNonNull(hubSilence, "hubSilence");
        Objects.requireNonNull(sensorSilenceFloor, "sensorSilenceFloor");
        Objects.requireNonNull(sensorSilenceFloorRare, "sensorSilenceFloorRare");
        Objects.requireNonNull(helpButtonClear, "helpButtonClear");
        Objects.requireNonNull(doorGrace, "doorGrace");
        Objects.requireNonNull(quiet, "quiet");
        if (sensorMinReports > SafetyState.REPORTS_KEPT) { // a sensor's reports are counted only that far
            throw new IllegalArgumentException("sensorMinReports (" + sensorMinReports + ") must not be above "
                    + SafetyState.REPORTS_KEPT);
        }
        if (batteryRecovered < batteryLow) {
            throw new IllegalArgumentException("batteryRecovered (" + batteryRecovered
                    + ") must not be below batteryLow (" + batteryLow + ")");
        }
    }

    public SafetySettings withStillness(Duration value) {
        return new SafetySettings(value, hubSilence, batteryLow, batteryRecovered, sensorSilenceFloor,
                sensorSilenceFloorRare, sensorGapMargin, sensorMinReports, helpButtonClear, doorGrace, quiet);
    }

    public SafetySettings withHubSilence(Duration value) {
        return new SafetySettings(stillness, value, batteryLow, batteryRecovered, sensorSilenceFloor,
                sensorSilenceFloorRare, sensorGapMargin, sensorMinReports, helpButtonClear, doorGrace, quiet);
    }

    public SafetySettings withQuiet(QuietSensorSettings value) {
        return new SafetySettings(stillness, hubSilence, batteryLow, batteryRecovered, sensorSilenceFloor,
                sensorSilenceFloorRare, sensorGapMargin, sensorMinReports, helpButtonClear, doorGrace, value);
    }

    public SafetySettings withBattery(int low, int recovered) {
        return new SafetySettings(stillness, hubSilence, low, recovered, sensorSilenceFloor,
                sensorSilenceFloorRare, sensorGapMargin, sensorMinReports, helpButtonClear, doorGrace, quiet);
    }
}
