package org.hearth.live;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.heartbeat.JobHeartbeats;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.IngestPipeline;
import org.hearth.ingest.IngestStreams;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.status.StatusSink;
import org.hearth.installer.status.StatusUpdate;
import org.hearth.job.AddressedAlert;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJob;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.job.JsonTypeInfo;
import org.hearth.live.sidepath.SideFault;
import org.hearth.live.sidepath.SidePathFunction;
import org.hearth.live.sidepath.SideWriterFactory;
import org.hearth.live.sidepath.SideWriters;
import org.hearth.models.registry.Carer;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.HomeRuleThreshold;
import org.hearth.storage.point.PointMappers;

/**
 * The live graph shared by {@code hearth run} and {@code hearth demo}: MQTT source → ingest
 * (decode, validate, watermarks that move with the wall clock while homes are silent, dedupe) →
 * detection → alert lifecycle → SMS delivery, and each home's learning status (retained MQTT,
 * storage); with everything set aside kept in files under
 * {@code dataDir}: {@code dead-letters/}, {@code late/}, {@code unknown-home/}, {@code alerts/}.
 * Those files and storage are side paths ({@code org.hearth.live.sidepath}): a fault in one is
 * held, retried, counted and raised as a system alert, never a failure of the job.
 * The caller brings the source (a broker in production, an embedded one in the demo and tests).
 */
public final class LiveJob {

    /**
     * @param detection homes and thresholds text, escalation policy
     * @param dataDir where set-aside records and alerts are written
     * @param ingest live ingest options: the wall clock (a {@code ScaledClock} in the demo), lateness,
     *     idleness, validation bounds
     * @param delivery builds the SMS delivery service in its task
     * @param echoTexts also print each text sent to the console
     * @param storage the InfluxDB sink for events, alerts, lifecycle steps and home statuses, or null for none
     * @param statusBroker the broker on which each home's learning status is published retained
     *     ({@code hearth/status/{homeId}}), or null for none
     * @param statusSecurity credentials and TLS for that broker
     */
    public record Settings(DetectionJobConfig detection, Path dataDir, IngestOptions ingest,
                           DeliveryServiceFactory delivery, boolean echoTexts, StorageConfig storage, String statusBroker,
                           MqttSecurity statusSecurity) {

        /** Settings without status publishing. */
        public Settings(DetectionJobConfig detection, Path dataDir, IngestOptions ingest,
                        DeliveryServiceFactory delivery, boolean echoTexts, StorageConfig storage) {
            this(detection, dataDir, ingest, delivery, echoTexts, storage, null, MqttSecurity.none());
        }

        /** The same settings, publishing learning statuses on {@code brokerUrl} (no credentials, plain TCP). */
        public Settings withStatusBroker(String brokerUrl) {
            return withStatusBroker(brokerUrl, MqttSecurity.none());
        }

        /** The same settings, publishing learning statuses on {@code brokerUrl} with these credentials/TLS. */
        public Settings withStatusBroker(String brokerUrl, MqttSecurity security) {
            return new Settings(detection, dataDir, ingest, delivery, echoTexts, storage, brokerUrl, security);
        }

        public Settings {
            Objects.requireNonNull(detection, "detection");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(ingest, "ingest");
            if (!ingest.live()) {
                throw new IllegalArgumentException("the live job needs live ingest options");
            }
            Objects.requireNonNull(delivery, "delivery");
            statusSecurity = statusSecurity == null ? MqttSecurity.none() : statusSecurity;
        }
    }

    /** Accumulator: messages dead-lettered by ingest. */
    public static final String DEAD_LETTERS = "hearth-dead-letters";
    /**
     * An unchanged status is republished at most this often (event time), so {@code updatedAt}
     * shows the job alive; a changed one goes out at once.
     */
    public static final Duration STATUS_REFRESH = Duration.ofMinutes(15);

    private final Settings settings;
    private Heartbeat heartbeat;
    private Carer systemContact;

    /** Where and how often the job publishes its own heartbeat. */
    private record Heartbeat(String brokerUrl, Duration every, Duration checkpointEvery, Clock clock) {}

    public LiveJob(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Makes the job publish its heartbeat (event time, events, checkpoints) on
     * {@code hearth/status/job/heartbeat} for the watchdog ({@code org.hearth.heartbeat}).
     *
     * @param checkpointEvery the environment's checkpoint interval, or null when checkpointing is off
     */
    public LiveJob withHeartbeat(String brokerUrl, Duration every, Duration checkpointEvery, Clock clock) {
        this.heartbeat = new Heartbeat(Objects.requireNonNull(brokerUrl, "brokerUrl"), every, checkpointEvery, clock);
        return this;
    }

    /**
     * Who hears first when a side path (dead letters, late events, alert files, storage) keeps
     * failing, before the duty line; without it, the duty line only.
     */
    public LiveJob withSystemContact(Carer installer) {
        this.systemContact = installer;
        return this;
    }

    private static <T> DataStream<SideFault> sidePath(DataStream<T> records, String name, SideWriterFactory<T> writer,
                                                      String uid, Clock clock) {
        return records.process(new SidePathFunction<>(name, writer, clock), JsonTypeInfo.of(SideFault.class))
                .name(name).uid(uid);
    }

    /**
     * Adds the live graph to {@code env}.
     *
     * @param control registry and threshold changes at run time, or null for none
     * @return the detection streams, for callers that attach more sinks (storage, status)
     */
    public DetectionStreams attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source,
                                   DataStream<ControlMessage> control) {
        return attach(env, source, control, null);
    }

    /**
     * Adds the live graph to {@code env}, with what carers text coming back in.
     *
     * @param control registry and threshold changes at run time, or null for none
     * @param carerSource a source subscribed to {@link CarerCommandDecoder#TOPIC_FILTER} (acknowledgements
     *     and away modes), or null for none
     * @return the detection streams, for callers that attach more sinks (storage, status)
     */
    public DetectionStreams attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source,
                                   DataStream<ControlMessage> control, Source<MqttMessage, ?, ?> carerSource) {
        var registry = new RegistryLoader().parse("homes.yaml", settings.detection().homesYaml());
        IngestStreams in = control == null ? IngestPipeline.attach(env, source, registry, settings.ingest())
                : IngestPipeline.attach(env, source, settings.detection(), control, settings.ingest());
        CarerInput carers = carerSource == null ? null : CarerInput.attach(env, carerSource);
        DetectionStreams out = new DetectionJob(settings.detection()).attach(in.events(), control,
                carers == null ? null : carers.streams());

        if (heartbeat != null) {
            JobHeartbeats.attach(in.events(), heartbeat.brokerUrl(), heartbeat.every(), heartbeat.checkpointEvery(), heartbeat.clock());
        }
        Path data = settings.dataDir();
        // Side paths: each is an operator whose faults (disk full, unwritable, a writer's exception) are
        // caught, held, retried and sent on as SideFaults to a system alert; none can stop detection.
        Clock clock = settings.ingest().clock();
        List<DataStream<SideFault>> faults = new ArrayList<>();
        faults.add(sidePath((carers == null ? in.deadLetters() : in.deadLetters().union(carers.rejected()))
                .map(new CountAs<>(DEAD_LETTERS)).returns(in.deadLetters().getType()).name("count-dead-letters"),
                "dead-letters", SideWriters.deadLetters(data.resolve("dead-letters")), "dead-letters-sink", clock));
        faults.add(sidePath(in.late().map(new CountAs<>(Counters.LATE)).returns(in.late().getType()).name("count-late"),
                "late-events", SideWriters.jsonl(data.resolve("late"), "late-events"), "late-sink", clock));
        faults.add(sidePath(out.unknownHome(), "unknown-home", SideWriters.jsonl(data.resolve("unknown-home"), "unknown-home"),
                "unknown-home-sink", clock));
        faults.add(sidePath(out.alerts(), "alerts", SideWriters.jsonl(data.resolve("alerts"), "alerts"), "alerts-sink", clock));
        if (settings.storage() != null) {
            PointMappers mappers = PointMappers.standard(HomeCohorts.from(registry));
            StorageConfig storage = settings.storage();
            faults.add(sidePath(in.events(), "store-events", SideWriters.storage(storage, "events", mappers), "store-events", clock));
            faults.add(sidePath(out.alerts(), "store-alerts", SideWriters.storage(storage, "alerts", mappers), "store-alerts", clock));
            faults.add(sidePath(out.lifecycle(), "store-lifecycle", SideWriters.storage(storage, "lifecycle", mappers), "store-lifecycle", clock));
            faults.add(sidePath(out.statuses(), "store-statuses", SideWriters.storage(storage, "statuses", mappers), "store-statuses", clock));
            // Each status's calibrated rule thresholds, one point per rule and context (none while learning).
            DataStream<HomeRuleThreshold> thresholds = out.statuses()
                    .flatMap((HomeStatus s, Collector<HomeRuleThreshold> c) -> HomeRuleThreshold.of(s).forEach(c::collect),
                            JsonTypeInfo.of(HomeRuleThreshold.class))
                    .name("rule-thresholds").uid("rule-thresholds");
            faults.add(sidePath(thresholds, "store-thresholds", SideWriters.storage(storage, "thresholds", mappers), "store-thresholds", clock));
        }
        DataStream<SideFault> allFaults = faults.get(0);
        for (DataStream<SideFault> f : faults.subList(1, faults.size())) {
            allFaults = allFaults.union(f);
        }
        DataStream<AddressedAlert> systemAlerts = allFaults
                .process(new SidePathAlertFunction(settings.detection().escalation(), systemContact), JsonTypeInfo.of(AddressedAlert.class))
                .setParallelism(1).name("side-path-alerts").uid("side-path-alerts");
        DataStream<AddressedAlert> addressed = out.addressed();
        addressed.union(systemAlerts)
                .sinkTo(new DeliverySink(settings.delivery(), settings.echoTexts(), settings.detection().homesYaml()))
                .setParallelism(1).name("sms-delivery").uid("sms-delivery");
        if (settings.statusBroker() != null) {
            // "I'm OK": the home is asked on hearth/cmd/{homeId}/prealert (and its button's device where the kit allows).
            addressed.filter(a -> a.event().type() == org.hearth.alerts.lifecycle.LifecycleEventType.PRE_ALERT)
                    .returns(JsonTypeInfo.of(AddressedAlert.class)).name("pre-alerts")
                    .sinkTo(new PreAlertSink(settings.statusBroker(), settings.statusSecurity(),
                            settings.detection().escalation()))
                    .name("pre-alert-mqtt").uid("pre-alert-mqtt");
        }
        if (settings.statusBroker() != null) {
            // Statuses of homes still registered; a home removed by kit apply has its retained status cleared.
            DataStream<ControlMessage> registryChanges = control != null ? control
                    : env.fromData(List.of(ControlMessage.thresholds("")), JsonTypeInfo.of(ControlMessage.class))
                            .filter(m -> false).returns(JsonTypeInfo.of(ControlMessage.class)).name("no-control");
            out.statuses()
                    .connect(registryChanges.broadcast(ConfigState.DESCRIPTOR))
                    .process(new StatusFollowsRegistry(settings.detection()), JsonTypeInfo.of(StatusUpdate.class))
                    .name("status-registry").uid("status-registry")
                    .sinkTo(new StatusSink(settings.statusBroker(), STATUS_REFRESH, settings.statusSecurity())).name("status-mqtt").uid("status-mqtt");
        }
        return out;
    }
}
