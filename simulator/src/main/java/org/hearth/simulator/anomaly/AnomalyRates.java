package org.hearth.simulator.anomaly;

/**
 * How often anomalies are injected. Acute rates are per home-day (at most one acute anomaly a day);
 * trend rates are per home per 30 days. None are injected during the first {@code warmupDays}, so
 * that a detector has a baseline to learn.
 */
public record AnomalyRates(
        double fall,
        double notUp,
        double noKettle,
        double nightWandering,
        double notHome,
        double sensorOffline,
        double hubOffline,
        double illnessPer30Days,
        double declinePer30Days,
        int warmupDays) {

    public static final AnomalyRates DEFAULTS = new AnomalyRates(0.004, 0.006, 0.008, 0.004, 0.003, 0.004, 0.002, 0.10, 0.06, 10);
    public static final AnomalyRates NONE = DEFAULTS.scaled(0);

    public AnomalyRates {
        double acute = fall + notUp + noKettle + nightWandering + notHome;
        if (fall < 0 || notUp < 0 || noKettle < 0 || nightWandering < 0 || notHome < 0 || sensorOffline < 0
                || hubOffline < 0 || illnessPer30Days < 0 || declinePer30Days < 0 || warmupDays < 0 || acute > 1) {
            throw new IllegalArgumentException("anomaly rates must be non-negative and acute rates must sum to at most 1");
        }
    }

    /** Every rate multiplied by {@code factor} (e.g. 10 for a test that needs many anomalies). */
    public AnomalyRates scaled(double factor) {
        return new AnomalyRates(fall * factor, notUp * factor, noKettle * factor, nightWandering * factor, notHome * factor,
                sensorOffline * factor, hubOffline * factor, illnessPer30Days * factor, declinePer30Days * factor, warmupDays);
    }

    public AnomalyRates withWarmupDays(int days) {
        return new AnomalyRates(fall, notUp, noKettle, nightWandering, notHome, sensorOffline, hubOffline,
                illnessPer30Days, declinePer30Days, days);
    }
}
