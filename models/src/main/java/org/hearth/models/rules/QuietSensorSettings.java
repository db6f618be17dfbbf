package org.hearth.models.rules;

/**
 * How a motion sensor's silence is judged in the home's lived-in time ({@link QuietSensors}): counted in the
 * home's own readings of someone moving inside (motion, cupboards, appliances), not in hours, so that the
 * person's days away count for nothing and a dead sensor is found within about a day of life at home.
 *
 * @param margin a sensor that does not check in is silent after this many times its longest lived-in gap
 * @param floorReadings and never before this many of the home's readings without one of its own
 * @param learnReadings a sensor is judged only after the home has had this many readings since its first
 *     (its gaps learned meanwhile; about a week of an ordinary home); at most 8,191 (the state keeps a sensor's
 *     age on the clock up to that)
 * @param recentHorizon the horizon, in the home's readings, of the sensor's recent count (about a day)
 * @param usualHorizon the horizon of its usual share of the home's readings (about a month)
 * @param nearDeadShare near-dead: its recent count below this fraction of what its usual share expects
 * @param recoveredShare a quiet sensor counts as reporting normally again at this fraction of that
 *     expectation (well above {@code nearDeadShare}: a stray reading is not a recovery)
 * @param minExpected the share is judged only for sensors expected to send at least this many readings
 *     in the recent horizon; a rarely used room is left to its learned gap
 */
public record QuietSensorSettings(
        double margin,
        long floorReadings,
        long learnReadings,
        double recentHorizon,
        double usualHorizon,
        double nearDeadShare,
        double recoveredShare,
        double minExpected) {

    /**
     * Chosen on the shared real home (NEARS 0102, about 550 such readings a lived day) and the simulator's
     * 50 homes (about 600): see the models README, "Dead and near-dead motion sensors".
     */
    public static final QuietSensorSettings DEFAULTS = new QuietSensorSettings(3.0, 200, 3000, 600, 16000, 0.1, 0.5, 20);

    public QuietSensorSettings {
        if (!(margin >= 1) || floorReadings < 1 || learnReadings < 0 || learnReadings > CompactRulesState.AGE_CAP
                || !(recentHorizon > 0) || !(usualHorizon > 0)) {
            throw new IllegalArgumentException("quiet sensor settings out of range: margin " + margin + ", floor "
                    + floorReadings + ", learn " + learnReadings + ", horizons " + recentHorizon + "/" + usualHorizon);
        }
        if (!(nearDeadShare >= 0 && nearDeadShare < recoveredShare && recoveredShare <= 1)) {
            throw new IllegalArgumentException("nearDeadShare (" + nearDeadShare + ") must be below recoveredShare ("
                    + recoveredShare + "), both in [0, 1]");
        }
    }
}
