package org.hearth.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A Paho MQTT 5 publisher at QoS 1 that keeps up to {@code window} publishes in flight. */
public final class Publisher implements AutoCloseable {

    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;

    public Publisher(String uri, String clientId, int windowSize) throws MqttException {
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
    }

    public void publish(String topic, String payload) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) throws Exception {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publisher window stuck");
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        });
    }

    /** Waits until every publish was acknowledged by the broker. */
    public void drain() throws InterruptedException {
        if (!window.tryAcquire(windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes not acknowledged");
        }
        window.release(windowSize);
    }

    @Override
    public void close() throws Exception {
        drain();
        client.disconnectForcibly(0, 1_000, false);
        client.close(true);
    }
}
