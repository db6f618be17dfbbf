package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.checkpoint.GracefulStop;
import org.hearth.checkpoint.Recovery;
import org.hearth.checkpoint.RestoreCheck;
import org.hearth.checkpoint.RetiredOperators;
import org.hearth.checkpoint.RetainedState;
import org.hearth.checkpoint.RetainedStates;
import org.hearth.config.AckWindow;
import org.hearth.config.HearthConfig;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.source.MqttSourceConfig;
import org.hearth.installer.control.RegistryControl;
import org.hearth.installer.status.StatusTopics;
import org.hearth.job.DetectionJobConfig;
import org.hearth.live.ControlStream;
import org.hearth.live.FlinkEnvironments;
import org.hearth.live.LiveJob;
import org.hearth.models.json.HearthJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hearth run --config hearth.yaml}: the live job against a configured broker. Started with
 * {@code java -jar} it runs on a local MiniCluster; submitted with {@code flink run} it runs on the
 * cluster (README, Running on a Flink cluster).
 */
@Command(name = "run", description = "Run the live job: configured MQTT broker, checkpoints, SMS delivery.")
public final class RunCommand implements Callable<Integer> {

    /** How long SIGTERM waits for the savepoint before cancelling (checkpoints are kept either way). */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, description = "hearth.yaml")
    Path config;

    @Option(names = "--fresh", description = "Start with empty state although checkpoints exist: every baseline is learned again.")
    boolean fresh;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Environment variables; a field so tests can supply their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        HearthConfig settings = HearthConfig.load(config);
        String alertsYaml = settings.alerts() == null ? null : HearthJson.yaml().writeValueAsString(settings.alerts());
        AlertsConfig alerts = alertsYaml == null ? AlertsConfig.defaults() : AlertsConfig.parse(alertsYaml);
        // The registry under its own file's name first: a problem names it ("kit.yaml:12: ..."); the job's functions,
        // which know only its text, then find it parsed (RegistryLoader keeps the last registry by its text).
        String homesText = Files.readString(settings.homes());
        org.hearth.models.registry.KitRegistry registry =
                new org.hearth.models.registry.RegistryLoader().parse(settings.homes().getFileName().toString(), homesText);
        DetectionJobConfig detection = new DetectionJobConfig(homesText,
                settings.thresholds() == null ? null : Files.readString(settings.thresholds()), alerts.escalationPolicy());
        Path data = Files.createDirectories(settings.dataDir());
        Clock clock = Clock.systemUTC();

        Path checkpointDir = settings.flink().checkpointDir() != null ? settings.flink().checkpointDir() : data.resolve("checkpoints");
        Recovery recovery;
        try {
            recovery = recovery(settings.flink(), checkpointDir, clock);
        } catch (RestoreCheck.UnrestorableStateException e) {
            spec.commandLine().getErr().println("hearth run: " + e.getMessage());
            return 1;
        }
        StreamExecutionEnvironment env = FlinkEnvironments.live(settings.flink().parallelism(),
                settings.flink().checkpointInterval(), settings.flink().stateBackend(), checkpointDir, recovery,
                settings.flink().managedMemory());
        int homes = registry.homes().size();
        int receiveMaximum = MqttSource.builder().serverUri(settings.mqtt().url()).topicFilters(settings.mqtt().topics())
                .config().receiveMaximum();
        int connections = settings.mqtt().connectionsPerReader(homes, settings.flink().parallelism(), receiveMaximum,
                settings.flink().checkpointInterval());
        MqttSource source = MqttSource.builder()
                .serverUri(settings.mqtt().url())
                .topicFilters(settings.mqtt().topics())
                .connectionsPerReader(connections)
                .clientIdPrefix("hearth-run")
                .sharedGroup(settings.mqtt().sharedGroup())
                .sessionExpiry(settings.mqtt().sessionExpiry())
                .security(security(settings.mqtt()))
                .clock(clock)
                // After a restart or an outage, event time waits until the broker's backlog is read.
                .reportProgress()
                .build();
        IngestOptions ingest = IngestOptions.live(clock)
                .withAllowedLateness(settings.time().allowedLateness())
                .withIdleAfter(settings.time().idleAdvanceAfter())
                .withAcknowledgedEvery(settings.flink().checkpointInterval()); // how far back redeliveries reach
        // Replies and receipts over the delivery's own SMPP session go the way HTTP callbacks go: onto hearth/ack/{home}.
        DeliveryServiceFactory delivery = DeliveryServiceFactory.fromConfig(alertsYaml, data, clock,
                new org.hearth.alerts.delivery.CarerReplies(detection.homesYaml(), settings.mqtt().url(), "hearth-run-sms-replies"));

        // Registry and threshold changes from `hearth kit apply` / `hearth thresholds apply`: one reader, never a shared subscription (every job
        // must see every change); the retained registry arrives on subscribing.
        MqttSource controlSource = MqttSource.builder()
                .serverUri(settings.mqtt().url())
                .topicFilters(RegistryControl.TOPIC, RegistryControl.THRESHOLDS_TOPIC)
                .clientIdPrefix("hearth-run-control")
                .shareMode(MqttSourceConfig.ShareMode.NEVER)
                .sessionExpiry(settings.mqtt().sessionExpiry())
                .security(security(settings.mqtt()))
                .clock(clock)
                .build();
        DataStream<ControlMessage> control = ControlStream.attach(env, controlSource);
        // Carers' acknowledgements and away modes (alerts' callback endpoint publishes them).
        MqttSource carers = MqttSource.builder().serverUri(settings.mqtt().url())
                .topicFilters(org.hearth.live.CarerCommandDecoder.TOPIC_FILTER).clientIdPrefix("hearth-run-carers")
                .sharedGroup(settings.mqtt().sharedGroup() + "-carers").sessionExpiry(settings.mqtt().sessionExpiry())
                .security(security(settings.mqtt())).clock(clock).build();

        new LiveJob(new LiveJob.Settings(detection, data, ingest, delivery, false, settings.storage())
                .withStatusBroker(settings.mqtt().url(), security(settings.mqtt())))
                .withHeartbeat(settings.mqtt().url(), settings.watchdog().heartbeatEvery(), settings.flink().checkpointInterval(), clock)
                .attach(env, source, control, carers);
        if (recovery.restoreFrom() != null) {
            // A checkpoint from before an operator was retired (folded into another, or replaced) holds its state: dropped, and only that (RetiredOperators).
            List<String> retired = RetiredOperators.dropIfOnlyRetired(env, recovery.restorePath());
            if (!retired.isEmpty()) {
                spec.commandLine().getOut().println("hearth run: restoring without the state of operators this release retired: "
                        + String.join(", ", retired));
            }
        }
        spec.commandLine().getOut().println("hearth run: watching " + homes + " home(s) from " + settings.mqtt().url()
                + "; data in " + data + "; statuses on " + StatusTopics.ALL + ", registry and threshold changes from " + RegistryControl.TOPIC + " and " + RegistryControl.THRESHOLDS_TOPIC
                + ", carers on " + org.hearth.live.CarerCommandDecoder.TOPIC_FILTER);
        if (connections > 1) {
            spec.commandLine().getOut().println("hearth run: " + connections + " MQTT connections per reader (mqtt.connectionsPerReader: "
                    + settings.mqtt().connectionsPerReader() + "), each its own window of " + String.format(java.util.Locale.ROOT, "%,d",
                    receiveMaximum) + " unacknowledged messages, in one shared subscription ($share/" + settings.mqtt().sharedGroup()
                    + "/...): on Mosquitto 2.0.x a broker restart loses what is published until the readers reconnect (streaming-jobs README, Durability)");
        }
        new AckWindow(homes, settings.flink().parallelism(), connections, source.config().receiveMaximum(), settings.flink().checkpointInterval())
                .warning().ifPresent(spec.commandLine().getErr()::println);
        // Outside the Flink job, so a stuck or failing job is still reported; `hearth watchdog` also survives this JVM.
        // The gateways' callbacks (carers' replies -> hearth/ack/{home}) when alerts: has a callbacks: block.
        boolean callbacks = settings.alerts() != null && settings.alerts().has("callbacks");
        try (var watchdog = settings.watchdog().inRun() ? org.hearth.heartbeat.Watchdogs.start(settings.mqtt().url(),
                "hearth-run-watchdog", settings.watchdog().settings(), alertsYaml, data, clock, null) : null;
             var endpoint = callbacks ? org.hearth.alerts.ack.CallbackEndpoint.start(alerts, registry,
                     settings.mqtt().url(), environment, data, clock) : null) {
            if (endpoint != null) {
                spec.commandLine().getOut().println("hearth run: SMS callbacks on " + alerts.callbacks().bind() + ":" + endpoint.port());
            }
            try {
                JobClient job = env.executeAsync("hearth");
                GracefulStop stop = GracefulStop.install(job, checkpointDir.resolve(RetainedStates.SAVEPOINTS),
                        STOP_TIMEOUT, spec.commandLine().getOut());
                job.getJobExecutionResult().get();
                if (stop.savepoint() == null) {
                    spec.commandLine().getOut().println("hearth run: the job ended");
                }
            } catch (Exception e) {
                if (recovery.restoreFrom() != null && RestoreCheck.isRestoreFailure(e)) {
                    spec.commandLine().getErr().println("hearth run: " + new RestoreCheck.UnrestorableStateException(
                            recovery.restorePath(), RestoreCheck.rootMessage(e), e).getMessage());
                    return 1;
                }
                throw e;
            }
        }
        return 0;
    }

    /**
     * Finds the newest completed checkpoint or savepoint to restore (unless {@code --fresh}), checks
     * that it reads, says so in one line, and prunes what is older than the newest
     * {@code flink.retainedCheckpoints}.
     */
    private Recovery recovery(HearthConfig.Flink flink, Path checkpointDir, Clock clock) {
        RetainedStates retained = RetainedStates.in(checkpointDir);
        Recovery recovery = new Recovery(null, flink.retainedCheckpoints(), flink.tolerableFailedCheckpoints());
        var out = spec.commandLine().getOut();
        if (fresh) {
            String warning = "--fresh: starting with empty state; " + retained.all().size() + " checkpoint(s)/savepoint(s) in "
                    + checkpointDir + " are not restored, and every resident's routine is learned again";
            LOG.warn(warning);
            out.println("hearth run: " + warning);
        } else if (retained.latest().isPresent()) {
            RetainedState latest = retained.latest().get();
            long id = RestoreCheck.readable(latest);
            recovery = recovery.restoring(latest);
            out.println("hearth run: restoring " + latest.describe() + " (id " + id + ") taken " + latest.takenAt()
                    + " (" + Duration.between(latest.takenAt(), clock.instant()).toSeconds() + " s ago) from " + latest.dir());
        } else {
            out.println("hearth run: no checkpoint in " + checkpointDir + ": starting with empty state");
        }
        List<Path> pruned = retained.prune(flink.retainedCheckpoints());
        if (!pruned.isEmpty()) {
            LOG.info("pruned {} older checkpoint folder(s) in {}, keeping the newest {}", pruned.size(), checkpointDir,
                    flink.retainedCheckpoints());
        }
        return recovery;
    }

    private MqttSecurity security(HearthConfig.Mqtt mqtt) {
        return MqttLogin.fromConfig(mqtt, environment, config.getFileName().toString());
    }
}
