package org.hearth.alerts.watchdog;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.models.json.HearthJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link JobWatchdog}: subscribes to {@link JobHeartbeat#TOPIC} with its own MQTT client
 * (clean start, so the broker's retained heartbeat arrives at once and is judged by its age) and
 * checks on its own timer thread. Nothing here runs inside the Flink job, so a dead, stuck or
 * restarting job cannot stop it. A broker it cannot reach means no heartbeats, which is reported as
 * a silent job: monitoring is blind either way, and someone must look.
 */
public final class WatchdogService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchdogService.class);

    private final JobWatchdog watchdog;
    private final MqttClient client;
    private final ScheduledExecutorService timer;

    private WatchdogService(JobWatchdog watchdog, MqttClient client, ScheduledExecutorService timer) {
        this.watchdog = watchdog;
        this.client = client;
        this.timer = timer;
    }

    /**
     * Connects (retrying in the background if the broker is away) and starts checking.
     *
     * @param brokerUrl {@code tcp://host:1883}
     * @param clientId a stable id for this watchdog
     */
    public static WatchdogService start(String brokerUrl, String clientId, JobWatchdog watchdog, WatchdogSettings settings)
            throws MqttException {
        Objects.requireNonNull(watchdog, "watchdog");
        MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-watchdog");
            t.setDaemon(true);
            return t;
        });
        WatchdogService service = new WatchdogService(watchdog, client, timer);
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
                LOG.warn("watchdog lost the broker; heartbeats stop until it reconnects");
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("watchdog MQTT error: {}", exception.getReasonCode());
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    service.subscribe();
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        try {
            client.connect(options);
            service.subscribe();
        } catch (MqttException e) {
            LOG.warn("watchdog cannot reach the broker yet ({}); the job counts as silent until it can", e.getReasonCode());
            timer.execute(() -> service.reconnect(options));
        }
        long every = settings.checkEvery().toMillis();
        timer.scheduleWithFixedDelay(service::checkSafely, every, every, TimeUnit.MILLISECONDS);
        return service;
    }

    private void reconnect(MqttConnectionOptions options) {
        try {
            client.connect(options);
            subscribe();
        } catch (MqttException e) {
            timer.schedule(() -> reconnect(options), 5, TimeUnit.SECONDS);
        }
    }

    private void subscribe() {
        IMqttMessageListener listener = (topic, message) -> {
            if (message.getPayload().length == 0) {
                return; // a cleared retained message
            }
            try {
                watchdog.heartbeat(HearthJson.json().readValue(message.getPayload(), JobHeartbeat.class));
            } catch (Exception e) {
                watchdog.unreadable();
                LOG.warn("unreadable heartbeat on {} ({} bytes)", topic, message.getPayload().length);
            }
        };
        try {
            // Paho 1.2.5's subscribe(String, int, listener) recurses into itself: use the array form.
            client.subscribe(new MqttSubscription[] {new MqttSubscription(JobHeartbeat.TOPIC, 1)},
                    new IMqttMessageListener[] {listener});
        } catch (MqttException e) {
            LOG.warn("watchdog could not subscribe ({}); retried on reconnect", e.getReasonCode());
        }
    }

    private void checkSafely() {
        try {
            JobHealth health = watchdog.check();
            if (!health.healthy()) {
                LOG.warn("job unhealthy: {}: {}", health.state(), health.observed());
            }
        } catch (RuntimeException e) {
            LOG.error("watchdog check failed; trying again next time", e);
        }
    }

    public JobWatchdog watchdog() {
        return watchdog;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("watchdog close: {}", e.getReasonCode());
        }
    }
}
