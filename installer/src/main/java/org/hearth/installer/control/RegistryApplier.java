package org.hearth.installer.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/**
 * Publishes a validated registry to the detection job's control topic. Reads the retained message
 * first, so that the version grows by one, the installer sees what changes, and applying the same
 * file twice publishes nothing.
 */
public final class RegistryApplier {

    private final Clock clock;

    public RegistryApplier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param registry the new registry, already validated from {@code text}
     * @param text the file's text, sent whole
     * @param retainedWait how long to wait for the broker's retained copy (it comes at once when there is one)
     * @throws BrokerException when the broker cannot be reached or refuses the publish
     */
    public ApplyResult apply(String brokerUrl, KitRegistry registry, String text, Duration retainedWait)
            throws InterruptedException {
        return apply(brokerUrl, MqttSecurity.none(), registry, text, retainedWait);
    }

    /**
     * Applies, logged in with credentials and/or TLS (the job's {@link MqttSecurity}).
     *
     * @throws BrokerException when the broker cannot be reached, refuses the login or refuses the publish
     */
    public ApplyResult apply(String brokerUrl, MqttSecurity security, KitRegistry registry, String text, Duration retainedWait)
            throws InterruptedException {
        CompletableFuture<byte[]> retained = new CompletableFuture<>();
        MqttClient client = Broker.connect(brokerUrl, "apply", new FirstMessage(retained), Duration.ofSeconds(10), security);
        try {
            client.subscribe(RegistryControl.TOPIC, 1);
            byte[] previous = await(retained, retainedWait);
            client.unsubscribe(RegistryControl.TOPIC);

            long previousVersion = 0;
            KitRegistry before = new KitRegistry(java.util.List.of());
            String problem = null;
            if (previous != null && previous.length > 0) {
                try {
                    RegistryControl old = RegistryControl.fromJson(previous);
                    previousVersion = old.version();
                    if (old.sha256().equals(RegistryControl.sha256(text))) {
                        return new ApplyResult(false, old.version(), old.version(),
                                RegistryDiff.between(registry, registry), null);
                    }
                    before = new RegistryLoader().parse("retained registry", old.text());
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            RegistryControl next = RegistryControl.of(previousVersion + 1, clock.instant(), text);
            publishRetained(client, next);
            return new ApplyResult(true, next.version(), previousVersion, RegistryDiff.between(before, registry), problem);
        } catch (MqttException e) {
            throw new BrokerException("applying the registry at " + brokerUrl + " failed: " + e.getMessage(), e);
        } finally {
            Broker.close(client);
        }
    }

    /** Reads the retained registry (null when there is none) without publishing anything. */
    public RegistryControl current(String brokerUrl, Duration retainedWait) throws InterruptedException {
        return current(brokerUrl, MqttSecurity.none(), retainedWait);
    }

    /** Reads the retained registry (null when there is none), logged in with credentials and/or TLS. */
    public RegistryControl current(String brokerUrl, MqttSecurity security, Duration retainedWait) throws InterruptedException {
        CompletableFuture<byte[]> retained = new CompletableFuture<>();
        MqttClient client = Broker.connect(brokerUrl, "apply-read", new FirstMessage(retained), Duration.ofSeconds(10), security);
        try {
            client.subscribe(RegistryControl.TOPIC, 1);
            byte[] bytes = await(retained, retainedWait);
            return bytes == null || bytes.length == 0 ? null : RegistryControl.fromJson(bytes);
        } catch (MqttException e) {
            throw new BrokerException("reading " + RegistryControl.TOPIC + " at " + brokerUrl + " failed: " + e.getMessage(), e);
        } finally {
            Broker.close(client);
        }
    }

    /** Publishes a control message retained at QoS 1 on its kind's topic: the job reads it on (re)subscribing. */
    static void publishRetained(MqttClient client, RegistryControl control) throws MqttException {
        MqttMessage message = new MqttMessage(control.toJson());
        message.setQos(1);
        message.setRetained(true);
        client.publish(RegistryControl.topicOf(control.kind()), message);
    }

    static byte[] await(CompletableFuture<byte[]> retained, Duration wait) throws InterruptedException {
        try {
            return retained.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException none) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Completes with the first message's payload: the broker's retained copy, sent on subscribing. */
    record FirstMessage(CompletableFuture<byte[]> first) implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            first.complete(message.getPayload());
        }
    }
}
