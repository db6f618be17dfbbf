package org.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.MemorySize;
import org.hearth.alerts.watchdog.WatchdogSettings;
import org.hearth.ingest.source.MqttSourceConfig;
import org.hearth.live.FlinkEnvironments;
import org.hearth.storage.StorageConfig;

/**
 * {@code hearth.yaml}: everything {@code hearth run} needs. Relative paths are relative to the
 * configuration file's folder. Secrets never appear here: each is named by an environment
 * variable ({@code ...Env}) or a file ({@code ...File}).
 *
 * @param homes the kit registry
 * @param thresholds the analysts' thresholds, or null for the built-in defaults
 * @param mqtt where the hubs publish
 * @param flink parallelism, checkpoints and state
 * @param time lateness, idleness and the care day
 * @param dataDir where dead letters, late events, the SMS outbox and the delivery log are kept
 * @param alerts escalation, SMS gateways and the callback endpoint (see alerts/README.md), or null for
 *     the defaults: texts go to the outbox file {@code dataDir/outbox/sms.jsonl}
 * @param storage the InfluxDB sink (see storage/README.md), or null for none; its relative
 *     {@code spillDir} is relative to the working folder
 * @param watchdog the job's heartbeat and the watchdog's thresholds (defaults when absent)
 */
public record HearthConfig(
        Path homes,
        Path thresholds,
        Mqtt mqtt,
        Flink flink,
        Time time,
        Path dataDir,
        JsonNode alerts,
        StorageConfig storage,
        Watchdog watchdog) {

    public HearthConfig {
        if (homes == null) {
            throw new IllegalArgumentException("'homes' is required: the path of homes.yaml");
        }
        if (mqtt == null) {
            throw new IllegalArgumentException("'mqtt' is required: at least mqtt.url");
        }
        flink = flink == null ? new Flink(null, null, null, null, null, null, null) : flink;
        time = time == null ? new Time(null, null, null) : time;
        dataDir = dataDir == null ? Path.of("hearth-data") : dataDir;
        watchdog = watchdog == null ? new Watchdog(null, null, null, null, null, null, null) : watchdog;
        if (watchdog.maxLag().compareTo(time.allowedLateness()) <= 0) {
            throw new IllegalArgumentException("watchdog.maxLag (" + watchdog.maxLag() + ") must exceed time.allowedLateness ("
                    + time.allowedLateness() + "): live event time always trails the clock by that much");
        }
    }


    /** Resolves relative paths against the folder of the file this was read from. */
    public HearthConfig relativeTo(Path folder) {
        return new HearthConfig(folder.resolve(homes), thresholds == null ? null : folder.resolve(thresholds),
                mqtt.relativeTo(folder), flink.relativeTo(folder), time, folder.resolve(dataDir), alerts, storage, watchdog);
    }

    /**
     * @param url {@code tcp://host:1883} or {@code ssl://host:8883}
     * @param topics filters to subscribe to (default: native topics and the hub formats' topics)
     * @param sharedGroup MQTT 5 shared-subscription group, so parallel readers split the load
     * @param username broker user, or null
     * @param passwordEnv environment variable holding the broker password
     * @param tls CA and client certificate, or null for plain TCP
     * @param sessionExpiry how long the broker keeps Hearth's session (and queued messages) while it is away
     * @param connectionsPerReader broker connections per reader, each its own window of 65,535 unacknowledged messages:
     *     1 (default), 2..16, or {@code auto} (from the registry's homes at start, {@link AckWindow#connectionsFor}). Not
     *     {@code auto} by default: more than one connection means a shared subscription, which Mosquitto 2.0.x loses over a
     *     broker restart, and one watermark over sessions that resume with their own backlogs, which can judge a sparse
     *     home's backlog late after a restart (ingest README, "Sizing the broker"): a help press lost or judged late is
     *     worse than one that waits for a checkpoint, so the fleet past one window opts in
     */
    public record Mqtt(String url, List<String> topics, String sharedGroup, String username, String passwordEnv,
                       Tls tls, Duration sessionExpiry, String connectionsPerReader) {

        /** As many connections as the registry's homes need ({@link AckWindow#connectionsFor}). */
        public static final String AUTO = "auto";
        /** {@code mqtt.connectionsPerReader}'s default: one session, a plain subscription at parallelism 1. */
        public static final String ONE = "1";

        /**
         * Native, Zigbee2MQTT under its default base, Shelly Gen2+ ({@code status/<component>},
         * {@code events/rpc}, {@code online}) and Gen1 ({@code shellies/#}), Tasmota {@code tele/} and
         * {@code stat/}. {@code +/status/+} also matches Hearth's own {@code hearth/status/<home>},
         * which the decoder ignores (counted, not dead-lettered).
         */
        public static final List<String> DEFAULT_TOPICS = List.of(
                "hearth/+/+", "zigbee2mqtt/#", "+/status/+", "+/events/rpc", "+/online", "shellies/#", "tele/+/+", "stat/+/+");

        public Mqtt {
            if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
                throw new IllegalArgumentException("mqtt.url must start with tcp:// or ssl://, e.g. tcp://localhost:1883");
            }
            topics = topics == null || topics.isEmpty() ? DEFAULT_TOPICS : List.copyOf(topics);
            sharedGroup = sharedGroup == null ? "hearth" : sharedGroup;
            sessionExpiry = sessionExpiry == null ? Duration.ofDays(1) : sessionExpiry;
            connectionsPerReader = connectionsPerReader == null ? ONE : connectionsPerReader.trim();
            if (!AUTO.equals(connectionsPerReader)) {
                int k;
                try {
                    k = Integer.parseInt(connectionsPerReader);
                } catch (NumberFormatException e) {
                    k = 0;
                }
                if (k < 1 || k > MqttSourceConfig.MAX_CONNECTIONS_PER_READER) {
                    throw new IllegalArgumentException("mqtt.connectionsPerReader must be auto or 1.."
                            + MqttSourceConfig.MAX_CONNECTIONS_PER_READER + ", got " + connectionsPerReader);
                }
            }
        }

        Mqtt relativeTo(Path folder) {
            return new Mqtt(url, topics, sharedGroup, username, passwordEnv, tls == null ? null : tls.relativeTo(folder), sessionExpiry,
                    connectionsPerReader);
        }

        /**
         * The connections each reader opens: as configured, or for {@code auto} the fewest whose windows hold the
         * morning peak of {@code homes} with a fifth to spare ({@link AckWindow#connectionsFor}).
         */
        public int connectionsPerReader(long homes, int readers, int receiveMaximum, Duration checkpointInterval) {
            return AUTO.equals(connectionsPerReader)
                    ? AckWindow.connectionsFor(homes, readers, receiveMaximum, checkpointInterval)
                    : Integer.parseInt(connectionsPerReader);
        }
    }

    /**
     * TLS stores (PKCS12 or JKS) readable on every task manager; their passwords are named by
     * environment variables. A key store authenticates Hearth with a client certificate.
     */
    public record Tls(Path trustStore, String trustStorePasswordEnv, Path keyStore, String keyStorePasswordEnv) {
        Tls relativeTo(Path folder) {
            return new Tls(trustStore == null ? null : folder.resolve(trustStore), trustStorePasswordEnv,
                    keyStore == null ? null : folder.resolve(keyStore), keyStorePasswordEnv);
        }
    }

    /**
     * @param parallelism Flink parallelism (default 1)
     * @param checkpointInterval how often state is checkpointed, and so how often MQTT messages are acknowledged (default
     *     {@link #DEFAULT_CHECKPOINT_INTERVAL})
     * @param stateBackend {@code rocksdb} (default) or {@code hashmap}
     * @param checkpointDir where checkpoints go (default {@code dataDir/checkpoints}); {@code hearth run}
     *     restores the newest completed checkpoint or savepoint found there
     * @param retainedCheckpoints completed checkpoints and savepoints kept there, older ones deleted (default 3)
     * @param tolerableFailedCheckpoints failed checkpoints in a row before the job restarts (default 3)
     * @param managedMemory Flink's managed memory, RocksDB's block cache and write buffers for all its slots
     *     (default {@link FlinkEnvironments#DEFAULT_MANAGED_MEMORY}; Flink's own default for a local run, 128m,
     *     is too small for RocksDB at a hundred thousand homes)
     */
    public record Flink(Integer parallelism, Duration checkpointInterval, String stateBackend, Path checkpointDir,
                        Integer retainedCheckpoints, Integer tolerableFailedCheckpoints, MemorySize managedMemory) {
        /**
         * The MQTT source acknowledges a message when the checkpoint covering it completes, and one reader may hold 65,535
         * unacknowledged: so the interval bounds the fleet ({@link AckWindow}). At 30 s (the default until 2026-12) that was
         * ~75,600 homes' morning peak, and 100,002 homes' help presses waited up to 7.9 s; at 10 s the bound is ~226,000 homes,
         * and 100,002 homes' checkpoints took 0.2-1.7 s with the job's CPU within the shared machine's noise of 30 s's
         * (BENCHMARKS.md, homes held end to end).
         */
        public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

        public Flink {
            parallelism = parallelism == null ? 1 : parallelism;
            if (parallelism < 1) {
                throw new IllegalArgumentException("flink.parallelism must be at least 1");
            }
            checkpointInterval = checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval;
            stateBackend = stateBackend == null ? "rocksdb" : stateBackend;
            if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
                throw new IllegalArgumentException("flink.stateBackend must be rocksdb or hashmap");
            }
            retainedCheckpoints = retainedCheckpoints == null ? 3 : retainedCheckpoints;
            if (retainedCheckpoints < 1) {
                throw new IllegalArgumentException("flink.retainedCheckpoints must be at least 1");
            }
            tolerableFailedCheckpoints = tolerableFailedCheckpoints == null ? 3 : tolerableFailedCheckpoints;
            if (tolerableFailedCheckpoints < 0) {
                throw new IllegalArgumentException("flink.tolerableFailedCheckpoints must not be negative");
            }
            managedMemory = managedMemory == null ? FlinkEnvironments.DEFAULT_MANAGED_MEMORY : managedMemory;
        }

        Flink relativeTo(Path folder) {
            return new Flink(parallelism, checkpointInterval, stateBackend, checkpointDir == null ? null : folder.resolve(checkpointDir),
                    retainedCheckpoints, tolerableFailedCheckpoints, managedMemory);
        }
    }

    /**
     * @param allowedLateness how late an event may arrive and still count (default 2m)
     * @param idleAdvanceAfter how long the input must be silent before the wall clock moves event time (default 30s)
     * @param careDayStartHour local hour at which a care day begins (default 12)
     */
    public record Time(Duration allowedLateness, Duration idleAdvanceAfter, Integer careDayStartHour) {
        public Time {
            allowedLateness = allowedLateness == null ? Duration.ofMinutes(2) : allowedLateness;
            idleAdvanceAfter = idleAdvanceAfter == null ? Duration.ofSeconds(30) : idleAdvanceAfter;
            careDayStartHour = careDayStartHour == null ? 12 : careDayStartHour;
            if (careDayStartHour < 0 || careDayStartHour > 23) {
                throw new IllegalArgumentException("time.careDayStartHour must be an hour from 0 to 23");
            }
        }
    }

    /**
     * The job's heartbeat and the watchdog that listens to it (alerts/README.md, Watchdog). Defaults
     * are {@code WatchdogSettings.defaults()}.
     *
     * @param heartbeatEvery how often the job publishes its heartbeat (10s)
     * @param silentAfter no heartbeat for this long raises {@code job-silent} (2m; at least twice heartbeatEvery)
     * @param maxLag event time this far behind the clock raises it (15m; more than time.allowedLateness)
     * @param checkpointStaleAfter no completed checkpoint for this long raises it (10m)
     * @param failedCheckpoints this many aborted checkpoints in a row raise it (3)
     * @param checkEvery how often the watchdog looks (15s)
     * @param inRun whether {@code hearth run} also watches its own job from outside the job (true); a
     *     separate {@code hearth watchdog} process also survives the whole process dying
     */
    public record Watchdog(Duration heartbeatEvery, Duration silentAfter, Duration maxLag, Duration checkpointStaleAfter,
                           Integer failedCheckpoints, Duration checkEvery, Boolean inRun) {
        public Watchdog {
            WatchdogSettings d = WatchdogSettings.defaults();
            heartbeatEvery = heartbeatEvery == null ? d.heartbeatEvery() : heartbeatEvery;
            silentAfter = silentAfter == null ? d.silentAfter() : silentAfter;
            maxLag = maxLag == null ? d.maxLag() : maxLag;
            checkpointStaleAfter = checkpointStaleAfter == null ? d.checkpointStaleAfter() : checkpointStaleAfter;
            failedCheckpoints = failedCheckpoints == null ? d.failedCheckpoints() : failedCheckpoints;
            checkEvery = checkEvery == null ? d.checkEvery() : checkEvery;
            inRun = inRun == null || inRun;
            new WatchdogSettings(heartbeatEvery, silentAfter, maxLag, checkpointStaleAfter, failedCheckpoints, checkEvery);
        }

        public WatchdogSettings settings() {
            return new WatchdogSettings(heartbeatEvery, silentAfter, maxLag, checkpointStaleAfter, failedCheckpoints, checkEvery);
        }
    }

    /** Reads and checks {@code hearth.yaml}. */
    public static HearthConfig load(Path file) throws java.io.IOException {
        HearthConfig config = new ConfigFileReader().read(file, HearthConfig.class);
        Path folder = file.toAbsolutePath().getParent();
        return config.relativeTo(folder);
    }
}
