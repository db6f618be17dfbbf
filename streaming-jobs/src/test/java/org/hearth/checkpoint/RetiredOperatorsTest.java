package org.hearth.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.testing.Collect;
import org.hearth.job.DetectionJob;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.job.JsonTypeInfo;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint from before issue 17 holds state for operators the job no longer has: the restore
 * drops it when, and only when, every operator it does not claim is a retired one.
 */
class RetiredOperatorsTest {

    /**
     * A savepoint of the detection graph (a copy of SavepointCompatibilityTest's, never regenerated), taken while pre-alert-gate
     * was in the graph; its sources were {@code events-before} and {@code away-before}.
     */
    private static final Path BEFORE_ISSUE_17 = Path.of("src/test/resources/savepoints/before-issue-17-folds");

    @Test
    void withState_findsOperatorsByUidAsFlinkHashesThem() throws Exception {
        assertThat(RetiredOperators.withState(BEFORE_ISSUE_17,
                List.of("home-detector", "alert-lifecycle", "events-before", "pre-alert-gate", "address-alerts", "no-such-operator")))
                .as("the live graph's address-alerts was never in the detection graph's savepoint")
                .containsExactly("home-detector", "alert-lifecycle", "events-before", "pre-alert-gate");
    }

    @Test
    void dropIfOnlyRetired_dropsTheFoldedGateWhenTheJobClaimsEverythingElse() throws Exception {
        StreamExecutionEnvironment env = detectionGraph("events-before");

        assertThat(RetiredOperators.dropIfOnlyRetired(env, BEFORE_ISSUE_17)).containsExactly("pre-alert-gate");
        assertThat(env.getConfiguration().get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isTrue();
    }

    @Test
    void dropIfOnlyRetired_staysStrictWhenStateOfAnOperatorNobodyRetiredIsUnclaimed() throws Exception {
        StreamExecutionEnvironment env = detectionGraph("events-renamed"); // the savepoint's events-before is unclaimed

        assertThat(RetiredOperators.dropIfOnlyRetired(env, BEFORE_ISSUE_17)).isEmpty();
        assertThat(env.getConfiguration().get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isFalse();
    }

    @Test
    void retiredUidsAreNoneOfTodaysDetectionGraph() {
        java.util.Set<org.apache.flink.runtime.jobgraph.OperatorID> today = new java.util.HashSet<>();
        detectionGraph("events-before").getStreamGraph(false).getJobGraph().getVertices()
                .forEach(v -> v.getOperatorIDs().forEach(ids -> today.add(ids.getGeneratedOperatorID())));
        assertThat(today).contains(RetiredOperators.idOf("home-detector"), RetiredOperators.idOf("alert-lifecycle"));
        assertThat(RetiredOperators.RETIRED.keySet()).isNotEmpty()
                .allSatisfy(uid -> assertThat(today).doesNotContain(RetiredOperators.idOf(uid)));
    }

    @Test
    void retiredUidsAreNoneOfTodaysLiveIngest() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        DataStream<SensorEvent> decoded = env.fromSource(new DataGeneratorSource<>(i -> (SensorEvent) null, 1,
                RateLimiterStrategy.perSecond(1), TypeInformation.of(SensorEvent.class)), WatermarkStrategy.noWatermarks(), "decoded");
        org.hearth.ingest.IngestPipeline.timeAndDedupe(decoded, org.hearth.ingest.IngestOptions.live(java.time.Clock.systemUTC()))
                .events().sinkTo(Collect.<SensorEvent>into("retired-live-ingest")).name("collect");
        java.util.Set<org.apache.flink.runtime.jobgraph.OperatorID> today = new java.util.HashSet<>();
        env.getStreamGraph(false).getJobGraph().getVertices()
                .forEach(v -> v.getOperatorIDs().forEach(ids -> today.add(ids.getGeneratedOperatorID())));
        assertThat(today).contains(RetiredOperators.idOf("dedupe-by-sensor"), RetiredOperators.idOf("late-events"));
        assertThat(RetiredOperators.RETIRED).containsKey("dedupe");
        assertThat(RetiredOperators.RETIRED.keySet()).allSatisfy(uid -> assertThat(today).doesNotContain(RetiredOperators.idOf(uid)));
    }

    /** The graph the kept savepoint was taken from, today's detection job in it (built, not run). */
    private static StreamExecutionEnvironment detectionGraph(String eventsUid) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        DataStream<SensorEvent> events = env.fromSource(new DataGeneratorSource<>(i -> (SensorEvent) null, 1,
                        RateLimiterStrategy.perSecond(1), TypeInformation.of(SensorEvent.class)),
                WatermarkStrategy.noWatermarks(), eventsUid).uid(eventsUid);
        DataStream<ControlMessage> away = env.fromData(List.of(ControlMessage.thresholds("")), JsonTypeInfo.of(ControlMessage.class))
                .uid("away-before");
        DetectionStreams out = new DetectionJob(DetectionJobConfig.of(TestHomes.KITCHEN_PIR_HOME_YAML)).attach(events, away);
        out.lifecycle().sinkTo(Collect.<LifecycleEvent>into("retired-lifecycle")).name("collect");
        out.unknownHome().sinkTo(Collect.<SensorEvent>into("retired-unknown")).name("collect-unknown");
        return env;
    }
}
