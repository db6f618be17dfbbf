package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.checkpoint.RetiredOperators;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.testing.Collect;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * A savepoint taken while the "I'm OK" gate was an operator of its own restores into today's
 * detection graph, which has no such operator, the way {@code hearth run} restores it: no flag
 * set by hand; {@link RetiredOperators#dropIfOnlyRetired} finds that the gate's state is all the
 * job does not claim and lets the restore drop it. h2's help-button alert, open and texted before
 * the savepoint, escalates after it with the same id: the lifecycle's state came back.
 */
class RetiredOperatorsRestoreTest {

    private static final Path SAVEPOINT = Path.of("src/test/resources/savepoints/before-issue-17-folds");
    /** The morning after the savepoint's evening (its h2 press at 23:00 London, 10 Nov 2026). */
    private static final Instant MORNING = Instant.parse("2026-11-11T06:00:00Z");
    private static final String LIFECYCLE = "retired-restore-lifecycle";

    @Test
    void aSavepointHoldingTheFoldedGatesStateRestoresWithoutItAndTheOpenAlertEscalates() throws Exception {
        String h2Alert = Files.readString(SAVEPOINT.resolve("h2-alert-id")).strip();
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, SAVEPOINT.toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(1_000); // without a checkpoint coordinator Flink skips the restore, silently
        // The savepoint's own sources (uids as then): its events source goes on from where it stood, one
        // h2 movement a second of event time from the morning after, whatever its position.
        GeneratorFunction<Long, SensorEvent> morning = i ->
                SensorEvent.of("h2", "pir-kitchen", MORNING.plusSeconds(i), SensorKind.MOTION, 1);
        DataStream<SensorEvent> events = env.fromSource(new DataGeneratorSource<>(morning, Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(200), TypeInformation.of(SensorEvent.class)),
                WatermarkStrategy.<SensorEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts().toEpochMilli()),
                "events-before").uid("events-before");
        DataStream<ControlMessage> away = env.fromData(List.of(ControlMessage.thresholds("")), JsonTypeInfo.of(ControlMessage.class))
                .uid("away-before");
        DetectionStreams restored = new DetectionJob(DetectionJobConfig.of(SavepointCompatibilityTest.HOMES)).attach(events, away);
        restored.lifecycle().sinkTo(Collect.<LifecycleEvent>into(LIFECYCLE)).name("collect");

        assertThat(RetiredOperators.dropIfOnlyRetired(env, SAVEPOINT)).containsExactly("pre-alert-gate");
        JobClient job = env.executeAsync("retired-operators-restore");
        try {
            // Generous: a loaded machine. The escalation is due as soon as the watermark passes 23:10 the evening before.
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> Collect.<LifecycleEvent>get(LIFECYCLE)
                    .stream().anyMatch(e -> e.type() == LifecycleEventType.ESCALATED));
        } finally {
            job.cancel().get();
        }
        assertThat(Collect.<LifecycleEvent>get(LIFECYCLE)).filteredOn(e -> e.alert().homeId().equals("h2"))
                .as("h2's alert, open before the savepoint, escalated after it; not raised again")
                .anySatisfy(e -> {
                    assertThat(e.type()).isEqualTo(LifecycleEventType.ESCALATED);
                    assertThat(e.alert().alertId()).isEqualTo(h2Alert);
                })
                .noneMatch(e -> e.type() == LifecycleEventType.RAISED);
    }
}
