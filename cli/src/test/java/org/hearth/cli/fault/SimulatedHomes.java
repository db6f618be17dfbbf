package org.hearth.cli.fault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Homes publishing native sensor messages at QoS 1 through the broker, as hubs do: a message counts
 * as published once the broker acknowledged it; while the broker is away the hub keeps the reading
 * and sends it when the broker is back (same timestamp, so the same event).
 */
final class SimulatedHomes implements AutoCloseable {

    private final String uri;
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private MqttClient client;
    private Thread live;

    SimulatedHomes(String uri) {
        this.uri = uri;
    }

    /** Publishes one reading until the broker takes it. */
    synchronized void publish(String home, String sensor, String kind, double value, Instant ts) throws InterruptedException {
        String payload = "{\"ts\":\"" + ts + "\",\"kind\":\"" + kind + "\",\"value\":" + value + "}";
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        while (true) {
            try {
                if (client == null || !client.isConnected()) {
                    connect();
                }
                client.publish("hearth/" + home + "/" + sensor, m);
                published.add(home + "/" + sensor + "/" + ts.toEpochMilli() + "/" + kind);
                return;
            } catch (MqttException e) {
                retries.incrementAndGet();
                closeQuietly();
                Thread.sleep(300);
            }
        }
    }

    private void connect() throws MqttException {
        client = new MqttClient(uri, "fault-homes", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(3);
        client.connect(o);
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.disconnectForcibly(0, 500, false);
            } catch (MqttException ignored) {
                // gone already
            }
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // gone already
            }
            client = null;
        }
    }

    /** Every home moves in its kitchen, one reading every {@code periodMillis} across all homes, stamped now. */
    void startLive(java.util.List<String> homes, long periodMillis) {
        live = new Thread(() -> {
            long last = 0;
            int i = 0;
            while (running.get()) {
                try {
                    long now = System.currentTimeMillis();
                    long ts = Math.max(now, last + 1); // distinct timestamps: every reading is its own event
                    last = ts;
                    publish(homes.get(i++ % homes.size()), "pir-kitchen", "motion", 1, Instant.ofEpochMilli(ts));
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fault-homes-live");
        live.start();
    }

    void stopLive() throws InterruptedException {
        running.set(false);
        if (live != null) {
            live.interrupt();
            live.join();
        }
    }

    Set<String> published() {
        return Set.copyOf(published);
    }

    long retries() {
        return retries.get();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
