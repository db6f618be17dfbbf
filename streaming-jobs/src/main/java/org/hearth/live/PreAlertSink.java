package org.hearth.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.job.AddressedAlert;
import org.hearth.prealert.PreAlertCommands;

/**
 * Publishes the "I'm OK" request to the home when an alert enters its pre-alert window
 * ({@link PreAlertCommands}). A publish that fails is counted ({@code preAlertPublishFailures}) and
 * not retried: the window runs on regardless and the carers are texted when it ends, so a lost
 * request costs the resident the chance to cancel, never a text.
 */
public final class PreAlertSink implements Sink<AddressedAlert> {

    private static final long serialVersionUID = 1L;

    private final String brokerUrl;
    private final MqttSecurity security;
    private final EscalationPolicy policy;

    public PreAlertSink(String brokerUrl, MqttSecurity security, EscalationPolicy policy) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.security = security == null ? MqttSecurity.none() : security;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public SinkWriter<AddressedAlert> createWriter(WriterInitContext context) throws IOException {
        Counter failed = context.metricGroup().counter("preAlertPublishFailures");
        return new SinkWriter<>() {
            private MqttClient client;

            @Override
            public void write(AddressedAlert addressed, Context ctx) {
                var event = addressed.event();
                var messages = PreAlertCommands.of(event, addressed.home(), policy.preAlertWindow(event.alert().severity()));
                for (PreAlertCommands.Message m : messages) {
                    try {
                        if (client == null) {
                            client = Broker.connect(brokerUrl, "prealert", null, Duration.ofSeconds(10), security);
                        }
                        MqttMessage message = new MqttMessage(m.payload());
                        message.setQos(1);
                        client.publish(m.topic(), message);
                    } catch (MqttException | RuntimeException e) {
                        failed.inc();
                        if (client != null) {
                            Broker.close(client);
                            client = null;
                        }
                    }
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                // each publish waits for its PUBACK
            }

            @Override
            public void close() {
                if (client != null) {
                    Broker.close(client);
                }
            }
        };
    }
}
