package org.hearth.installer.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;

/**
 * Publishes a validated {@code thresholds.yaml} to the detection job's control topic
 * {@value RegistryControl#THRESHOLDS_TOPIC}, retained, as {@link RegistryApplier} does the
 * registry: the version grows by one and the same text twice publishes nothing. The running job
 * rebuilds every home's rules with the new settings at once; baselines are kept.
 */
public final class ThresholdsApplier {

    /**
     * @param published whether a new message went out (false when the broker already holds this text)
     * @param version the version now retained
     * @param previousProblem why the retained message before could not be read, or null
     */
    public record Result(boolean published, long version, String previousProblem) {}

    private final Clock clock;

    public ThresholdsApplier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param text the whole thresholds file, already validated
     * @throws BrokerException when the broker cannot be reached, refuses the login or the publish
     */
    public Result apply(String brokerUrl, MqttSecurity security, String text, Duration retainedWait) throws InterruptedException {
        CompletableFuture<byte[]> retained = new CompletableFuture<>();
        MqttClient client = Broker.connect(brokerUrl, "thresholds", new RegistryApplier.FirstMessage(retained),
                Duration.ofSeconds(10), security);
        try {
            client.subscribe(RegistryControl.THRESHOLDS_TOPIC, 1);
            byte[] previous = RegistryApplier.await(retained, retainedWait);
            client.unsubscribe(RegistryControl.THRESHOLDS_TOPIC);
            long previousVersion = 0;
            String problem = null;
            if (previous != null && previous.length > 0) {
                try {
                    RegistryControl old = RegistryControl.fromJson(previous, RegistryControl.THRESHOLDS);
                    if (old.sha256().equals(RegistryControl.sha256(text))) {
                        return new Result(false, old.version(), null);
                    }
                    previousVersion = old.version();
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            RegistryControl next = RegistryControl.thresholds(previousVersion + 1, clock.instant(), text);
            RegistryApplier.publishRetained(client, next);
            return new Result(true, next.version(), problem);
        } catch (MqttException e) {
            throw new BrokerException("applying thresholds at " + brokerUrl + " failed: " + e.getMessage(), e);
        } finally {
            Broker.close(client);
        }
    }
}
