package org.hearth.simulator.anomaly;

/**
 * What is unusual about one resident's day, handed to the day planner: at most one acute anomaly
 * plus the modifiers of any trend in progress (1 and 0 when none).
 *
 * @param acute the acute anomaly to inject today, or null
 * @param bathroomFactor multiplies daytime bathroom visits (illness)
 * @param extraNightTrips added to the mean night bathroom trips (illness)
 * @param sleepDelayMinutes bedtime later by this much (illness)
 * @param restlessFactor multiplies turning in bed (illness)
 * @param kettleFactor multiplies boils a day (decline)
 * @param riseDelayMinutes rise later by this much (decline)
 */
public record DayConditions(
        AnomalyType acute,
        double bathroomFactor,
        double extraNightTrips,
        double sleepDelayMinutes,
        double restlessFactor,
        double kettleFactor,
        double riseDelayMinutes) {

    public static final DayConditions NORMAL = new DayConditions(null, 1, 0, 0, 1, 1, 0);

    public DayConditions withAcute(AnomalyType type) {
        return new DayConditions(type, bathroomFactor, extraNightTrips, sleepDelayMinutes, restlessFactor, kettleFactor, riseDelayMinutes);
    }
}
