package org.hearth.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.hearth.ingest.source.WindowSizing;

/**
 * Whether the MQTT source's acknowledge window holds a fleet's morning peak between two checkpoints.
 *
 * <p>The source acknowledges a QoS 1 message only when the checkpoint covering it completes (nothing is lost on a
 * {@code kill -9}), and one broker connection may hold at most {@code receiveMaximum} unacknowledged messages (MQTT 5's
 * Receive Maximum, 65,535 at most). So the readers' {@code readers x connectionsPerReader} connections hold at most that
 * many windows per checkpoint interval; past that the broker sends nothing more on a full connection, help presses
 * included, until the next checkpoint completes, and then all it queued at once (Mosquitto 2.0.11): not a cap on
 * throughput, a stall of up to an interval (BENCHMARKS.md, homes held end to end: 100,002 homes at 30 s checkpoints,
 * presses waited up to 7.4 s; issue 18, 30,000 homes with a window of 2,000: a sawtooth up to 7.3 s).
 *
 * @param homes homes in the kit registry
 * @param readers the MQTT source's readers ({@code flink.parallelism}; each has its own sessions and windows)
 * @param connectionsPerReader broker connections per reader ({@code mqtt.connectionsPerReader}), each its own window
 * @param receiveMaximum unacknowledged messages the broker may have in flight to one connection
 * @param checkpointInterval {@code flink.checkpointInterval}
 */
public record AckWindow(long homes, int readers, int connectionsPerReader, int receiveMaximum, Duration checkpointInterval) {

    /**
     * Readings a home sends per second in the busiest hour of the day: simulated homes' morning peak
     * ({@code PeakHour}, 07:27-08:27: 0.02889, the rate the end-to-end and scale benchmarks offer). A kit with more
     * sensors sends more.
     */
    public static final double PEAK_READINGS_PER_HOME_PER_SECOND = 0.02889;
    /**
     * The share of the bound the suggested interval keeps: a checkpoint's own duration comes on top of the interval
     * before its acknowledgements reach the broker, and a fleet's peak is not perfectly even.
     */
    static final double MARGIN = WindowSizing.MARGIN;
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    public AckWindow {
        if (homes < 0 || readers < 1 || connectionsPerReader < 1 || receiveMaximum < 1 || checkpointInterval.isNegative()
                || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("homes >= 0, readers >= 1, connections >= 1, receiveMaximum >= 1 and a positive "
                    + "interval, got " + homes + ", " + readers + ", " + connectionsPerReader + ", " + receiveMaximum + ", "
                    + checkpointInterval);
        }
    }

    /** One connection per reader (as before issue 18's connections). */
    public AckWindow(long homes, int readers, int receiveMaximum, Duration checkpointInterval) {
        this(homes, readers, 1, receiveMaximum, checkpointInterval);
    }

    /**
     * {@code mqtt.connectionsPerReader: auto}: the fewest connections per reader whose windows take the fleet's morning
     * peak within {@link #MARGIN} of their capacity, at most 16 ({@link WindowSizing}); 1 when one does (one connection
     * keeps a plain subscription at parallelism 1: ingest/README.md on shared subscriptions and broker restarts).
     */
    public static int connectionsFor(long homes, int readers, int receiveMaximum, Duration checkpointInterval) {
        return WindowSizing.connectionsPerReader(homes * PEAK_READINGS_PER_HOME_PER_SECOND, readers, receiveMaximum, checkpointInterval);
    }

    /** Readings per second the fleet sends at its morning peak. */
    public double peakRate() {
        return homes * PEAK_READINGS_PER_HOME_PER_SECOND;
    }

    /** Messages per second the readers can take without a stall: each connection's window once per checkpoint interval. */
    public double capacity() {
        return (double) windows() * receiveMaximum / (checkpointInterval.toMillis() / 1000.0);
    }

    private long windows() {
        return (long) readers * connectionsPerReader;
    }

    /** The longest interval whose window holds the peak (unbounded for no homes). */
    public Duration longestInterval() {
        if (homes == 0) {
            return FOREVER;
        }
        return Duration.ofMillis((long) (1000.0 * windows() * receiveMaximum / peakRate()));
    }

    /** True when the peak fills the window before the checkpoint that frees it. */
    public boolean exceeded() {
        return peakRate() > capacity();
    }

    /**
     * True when the peak takes more than {@link #MARGIN} of the window: the checkpoint's own duration comes on top of
     * the interval, so such a fleet is at the edge (the interval {@link #warning} suggests is the longest that is not).
     */
    public boolean tight() {
        return peakRate() > MARGIN * capacity();
    }

    /**
     * One line for the operator when the window does not hold the peak with a fifth to spare: what happens and what to
     * change. Counts only, nothing about a resident.
     */
    public Optional<String> warning() {
        if (!tight()) {
            return Optional.empty();
        }
        long suggested = Math.max(1, (long) Math.floor(longestInterval().toMillis() / 1000.0 * MARGIN));
        return Optional.of(String.format(Locale.ROOT,
                "hearth run: warning: %,d homes send about %,.0f readings a second at the morning peak (%.3f a home), %s the MQTT "
                        + "source can take with %s checkpoints: it acknowledges a message when the checkpoint covering it completes, "
                        + "and %d reader(s) x %d connection(s) may hold %,d unacknowledged messages each (%,.0f a second). Past "
                        + "that the broker holds every further message, help presses included, until the next checkpoint. Set "
                        + "flink.checkpointInterval to %ds or less (or raise mqtt.connectionsPerReader or flink.parallelism, one more "
                        + "window each, on a broker that keeps shared subscriptions over its restart: not Mosquitto 2.0.x).",
                homes, peakRate(), PEAK_READINGS_PER_HOME_PER_SECOND, exceeded() ? "more than" : "within a fifth of what",
                format(checkpointInterval), readers, connectionsPerReader, receiveMaximum, capacity(),
                suggested));
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
