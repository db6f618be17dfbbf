package org.hearth.simulator.emit;

import java.util.List;
import java.util.random.RandomGenerator;
import org.hearth.simulator.anomaly.OfflineWindow;

/**
 * The path from sensor to broker: offline windows silence a sensor or the whole home, each reading
 * may be lost, duplicated or delivered late, and the hub stamps readings with its own (skewed)
 * clock. Arrival stays the true time (plus any delay), so files are ordered by delivery.
 */
public final class DeliveryFaults {

    private final EmissionConfig config;

    public DeliveryFaults(EmissionConfig config) {
        this.config = config;
    }

    /** A hub's clock offset in ms, fixed per home. */
    public long skewMs(RandomGenerator random) {
        if (random.nextDouble() < config.badClockShare()) {
            return (random.nextBoolean() ? 1 : -1) * (30_000 + random.nextLong(270_001));
        }
        return Math.round((random.nextDouble() * 2 - 1) * config.maxSkewSeconds() * 1000);
    }

    /** Delivers {@code raw} (true time) into {@code out}; counts what happened in {@code tally}. */
    public void deliver(EventBuffer raw, List<OfflineWindow> offline, long skewMs, RandomGenerator random,
                        EventBuffer out, FaultTally tally) {
        for (int i = 0; i < raw.size(); i++) {
            long t = raw.ts(i);
            int sensor = raw.sensor(i);
            boolean silenced = false;
            for (OfflineWindow window : offline) {
                if (window.silences(sensor, t)) {
                    silenced = true;
                    break;
                }
            }
            if (silenced) {
                tally.offline++;
                continue;
            }
            tally.readings++;
            if (random.nextDouble() < config.dropoutRate()) {
                tally.dropped++;
                continue;
            }
            long arrival = t;
            if (random.nextDouble() < config.lateRate()) {
                arrival += 1000 + random.nextLong(config.maxLateSeconds() * 1000L - 999);
                tally.late++;
            }
            out.add(arrival, t + skewMs, sensor, raw.kind(i), raw.value(i));
            tally.delivered++;
            if (random.nextDouble() < config.duplicateRate()) {
                out.add(arrival + 50 + random.nextLong(4951), t + skewMs, sensor, raw.kind(i), raw.value(i));
                tally.duplicates++;
                tally.delivered++;
            }
        }
    }
}
