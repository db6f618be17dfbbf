package org.hearth.ingest;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.hearth.ingest.validate.ValidationPolicy;

/**
 * How {@link IngestPipeline} treats time and bad input.
 *
 * @param live true: the watermark follows the wall clock while idle and timestamps are bounded
 *     against the clock; false (replay): event time only, no timestamp bounds
 * @param outOfOrderness how far events may arrive out of order before the watermark passes them
 * @param allowedLateness in live mode, how far behind the clock the idle watermark stays
 * @param idleAfter how long without events before the wall clock moves the watermark
 * @param dedupeTtl in live mode, how long a silent sensor's memory of its recent readings is kept
 *     (processing time; {@code time.SensorDeduplicator}): a redelivery after a longer outage passes once
 * @param acknowledgedEvery in live mode, the checkpoint interval: the source acknowledges a message when the checkpoint
 *     holding it completes, so a crash leaves the last interval or two unacknowledged and the broker redelivers them
 *     ({@link #dedupeWindow()})
 * @param validation payload size and timestamp bounds
 * @param clock the injected clock (serializable): receive-time checks and the idle watermark
 */
public record IngestOptions(
        boolean live,
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration idleAfter,
        Duration dedupeTtl,
        Duration acknowledgedEvery,
        ValidationPolicy validation,
        Clock clock) implements Serializable {

    public IngestOptions {
        Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(idleAfter, "idleAfter");
        Objects.requireNonNull(dedupeTtl, "dedupeTtl");
        Objects.requireNonNull(acknowledgedEvery, "acknowledgedEvery");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(clock, "clock");
        if (!(clock instanceof Serializable)) {
            throw new IllegalArgumentException("the clock must be serializable (Clock.systemUTC() and ScaledClock are)");
        }
    }

    /**
     * Live defaults: 30 s out of order, 2 min lateness, idle after 30 s, a silent sensor's dedupe memory kept 7 days,
     * checkpoints every 10 s ({@code hearth.yaml}'s default).
     */
    public static IngestOptions live(Clock clock) {
        return new IngestOptions(true, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofDays(7), Duration.ofSeconds(10), ValidationPolicy.live(), clock);
    }

    /**
     * How far behind its sensor's newest reading a redelivered copy is still recognised ({@code time.SensorDeduplicator}):
     * the out-of-orderness plus the allowed lateness, and at least three checkpoint intervals, which cover the
     * unacknowledged readings a crash leaves (the last interval's, and the one before while its acknowledgements were
     * still being sent).
     */
    public Duration dedupeWindow() {
        Duration threeIntervals = acknowledgedEvery.multipliedBy(3);
        Duration lateness = outOfOrderness.plus(allowedLateness);
        return threeIntervals.compareTo(lateness) > 0 ? threeIntervals : lateness;
    }

    public IngestOptions withAcknowledgedEvery(Duration checkpointInterval) {
        return new IngestOptions(live, outOfOrderness, allowedLateness, idleAfter, dedupeTtl, checkpointInterval, validation, clock);
    }

    public IngestOptions withOutOfOrderness(Duration d) {
        return new IngestOptions(live, d, allowedLateness, idleAfter, dedupeTtl, acknowledgedEvery, validation, clock);
    }

    public IngestOptions withAllowedLateness(Duration d) {
        return new IngestOptions(live, outOfOrderness, d, idleAfter, dedupeTtl, acknowledgedEvery, validation, clock);
    }

    public IngestOptions withIdleAfter(Duration d) {
        return new IngestOptions(live, outOfOrderness, allowedLateness, d, dedupeTtl, acknowledgedEvery, validation, clock);
    }

    public IngestOptions withDedupeTtl(Duration d) {
        return new IngestOptions(live, outOfOrderness, allowedLateness, idleAfter, d, acknowledgedEvery, validation, clock);
    }

    public IngestOptions withValidation(ValidationPolicy v) {
        return new IngestOptions(live, outOfOrderness, allowedLateness, idleAfter, dedupeTtl, acknowledgedEvery, v, clock);
    }
}
