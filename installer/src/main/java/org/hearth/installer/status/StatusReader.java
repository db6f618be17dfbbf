package org.hearth.installer.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.status.HomeStatus;

/**
 * Reads the retained statuses: subscribes to {@code hearth/status/+} (or one home's topic), takes
 * what the broker hands over, and stops once nothing more has come for {@code quiet} (the broker
 * sends every retained message at once on subscribing), or after {@code limit} in all.
 */
public final class StatusReader {

    private final Clock clock;

    public StatusReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param homeId one home, or null for all
     * @throws BrokerException when the broker cannot be reached
     */
    public StatusReport read(String brokerUrl, String homeId, Duration quiet, Duration limit) throws InterruptedException {
        return read(brokerUrl, MqttSecurity.none(), homeId, quiet, limit);
    }

    /**
     * Reads with credentials and/or TLS.
     *
     * @param homeId one home, or null for all
     * @throws BrokerException when the broker cannot be reached or refuses the credentials
     */
    public StatusReport read(String brokerUrl, MqttSecurity security, String homeId, Duration quiet, Duration limit)
            throws InterruptedException {
        BlockingQueue<Map.Entry<String, byte[]>> arrivals = new LinkedBlockingQueue<>();
        MqttClient client = Broker.connect(brokerUrl, "status-reader", new Collector(arrivals), Duration.ofSeconds(10), security);
        Map<String, HomeStatus> byHome = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        try {
            client.subscribe(homeId == null ? StatusTopics.ALL : StatusTopics.of(homeId), 1);
            Instant end = clock.instant().plus(limit);
            while (clock.instant().isBefore(end)) {
                Map.Entry<String, byte[]> m = arrivals.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (m == null) {
                    break;
                }
                take(m.getKey(), m.getValue(), byHome, unreadable);
            }
        } catch (MqttException e) {
            throw new BrokerException("subscribing at " + brokerUrl + " failed: " + e.getMessage(), e);
        } finally {
            Broker.close(client);
        }
        List<HomeStatus> statuses = new ArrayList<>(byHome.values());
        statuses.sort(Comparator.comparing(HomeStatus::homeId));
        return new StatusReport(statuses, unreadable);
    }

    static void take(String topic, byte[] payload, Map<String, HomeStatus> byHome, List<String> unreadable) {
        String home = StatusTopics.homeOf(topic);
        if (home == null || payload.length == 0) {
            return; // an empty retained message is a deletion, not a status
        }
        try {
            HomeStatus status = HomeStatusJson.read(payload);
            if (!status.homeId().equals(home)) {
                unreadable.add(topic + ": says home '" + status.homeId() + "'");
                return;
            }
            byHome.put(home, status);
        } catch (IllegalArgumentException e) {
            unreadable.add(topic + ": " + e.getMessage());
        }
    }

    private record Collector(BlockingQueue<Map.Entry<String, byte[]>> arrivals) implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrivals.add(Map.entry(topic, message.getPayload()));
        }
    }
}
