package org.hearth.simulator.emit;

/**
 * How sensors and the radio path behave. Every rate is a probability per delivered reading unless
 * said otherwise; the defaults are the simulator's documented defaults (README).
 *
 * @param plugMode how the kettle plug reports
 * @param plugSampleSeconds the plug's period in {@link PlugMode#PERIODIC} mode (10 s)
 * @param bedBounceProbability chance that a bed transition bounces (occupied, empty, occupied within seconds)
 * @param bedBlipsPerNight mean brief "empty" readings per 8 h asleep (rolling over off the pad)
 * @param sensorHeartbeatMinutes each device's periodic report (kind heartbeat, with battery and link quality)
 * @param hubHeartbeatSeconds the hub's heartbeat period
 * @param dropoutRate a reading is lost on the radio
 * @param duplicateRate a reading is delivered twice (the copy 0.05-5 s later)
 * @param lateRate a reading is delivered late by 1 s to {@code maxLateSeconds} (out of order)
 * @param maxLateSeconds the longest late delivery
 * @param maxSkewSeconds each hub's clock is off by a uniform amount in +-this
 * @param badClockShare share of hubs whose clock is off by 30-300 s instead
 */
public record EmissionConfig(
        PlugMode plugMode,
        int plugSampleSeconds,
        double bedBounceProbability,
        double bedBlipsPerNight,
        int sensorHeartbeatMinutes,
        int hubHeartbeatSeconds,
        double dropoutRate,
        double duplicateRate,
        double lateRate,
        int maxLateSeconds,
        double maxSkewSeconds,
        double badClockShare) {

    public static final EmissionConfig DEFAULTS = new EmissionConfig(
            PlugMode.PERIODIC, 10, 0.25, 0.3, 60, 300, 0.002, 0.003, 0.003, 120, 2.0, 0.02);

    /** No radio faults and perfect clocks: what the sensors saw, exactly. */
    public static final EmissionConfig CLEAN = DEFAULTS.withFaults(0, 0, 0, 0, 0);

    public EmissionConfig {
        if (plugSampleSeconds < 1 || sensorHeartbeatMinutes < 1 || hubHeartbeatSeconds < 1) {
            throw new IllegalArgumentException("periods must be positive");
        }
        for (double rate : new double[] {bedBounceProbability, dropoutRate, duplicateRate, lateRate, badClockShare}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rates must be between 0 and 1, got " + rate);
            }
        }
        if (bedBlipsPerNight < 0 || maxLateSeconds < 1 || maxSkewSeconds < 0) {
            throw new IllegalArgumentException("bedBlipsPerNight, maxLateSeconds and maxSkewSeconds must not be negative");
        }
    }

    public EmissionConfig withFaults(double dropout, double duplicate, double late, double maxSkew, double badClocks) {
        return new EmissionConfig(plugMode, plugSampleSeconds, bedBounceProbability, bedBlipsPerNight, sensorHeartbeatMinutes,
                hubHeartbeatSeconds, dropout, duplicate, late, maxLateSeconds, maxSkew, badClocks);
    }

    public EmissionConfig withPlugMode(PlugMode mode) {
        return new EmissionConfig(mode, plugSampleSeconds, bedBounceProbability, bedBlipsPerNight, sensorHeartbeatMinutes,
                hubHeartbeatSeconds, dropoutRate, duplicateRate, lateRate, maxLateSeconds, maxSkewSeconds, badClockShare);
    }
}
