package org.hearth.ingest.broker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Reads Mosquitto's {@code $SYS/broker/publish/messages/dropped} (published every
 * {@code sys_interval} seconds) so that messages Mosquitto dropped for a full queue or in-flight
 * window become a number the burst test asserts on ({@code BurstTest}). A value of -1 means none has
 * been seen yet. Test code: the running job does not subscribe to {@code $SYS}.
 */
public final class MosquittoDropMonitor implements BrokerDrops, AutoCloseable {

    public static final String DROPPED_TOPIC = "$SYS/broker/publish/messages/dropped";

    private final MqttAsyncClient client;
    private final AtomicLong dropped = new AtomicLong(-1);

    private MosquittoDropMonitor(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code serverUri} and subscribes to the drop counter. */
    public static MosquittoDropMonitor connect(String serverUri, String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        MosquittoDropMonitor monitor = new MosquittoDropMonitor(c);
        c.setCallback((MessageCallback) (topic, message) -> {
            try {
                monitor.dropped.set(Long.parseLong(new String(message.getPayload(), StandardCharsets.UTF_8).trim()));
            } catch (NumberFormatException ignored) {
                // not a counter; keep the last value
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        c.connect(options).waitForCompletion(10_000);
        c.subscribe(DROPPED_TOPIC, 0).waitForCompletion(10_000);
        return monitor;
    }

    @Override
    public long droppedMessages() {
        return dropped.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(2_000);
            client.close();
        } catch (MqttException e) {
            // best effort
        }
    }
}
