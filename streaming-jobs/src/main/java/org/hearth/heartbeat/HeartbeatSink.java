package org.hearth.heartbeat;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.installer.mqtt.Broker;
import org.hearth.models.json.HearthJson;

/**
 * Publishes the job's merged heartbeat retained at QoS 1 on {@link JobHeartbeat#TOPIC}. Run it at
 * parallelism 1 (it merges every instance's part). Retained, so a watchdog that starts later judges
 * the last word at once by its age. A broker that is away is counted ({@code heartbeatPublishFailures})
 * and never fails the job: the watchdog, hearing nothing, reports the job silent, which is right.
 */
public final class HeartbeatSink implements Sink<HeartbeatPart> {

    private static final long serialVersionUID = 1L;

    private final String brokerUrl;

    public HeartbeatSink(String brokerUrl) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
    }

    @Override
    public SinkWriter<HeartbeatPart> createWriter(WriterInitContext context) throws IOException {
        return new Writer(brokerUrl, context.metricGroup().counter("heartbeatPublishFailures"));
    }

    private static final class Writer implements SinkWriter<HeartbeatPart> {
        private final String brokerUrl;
        private final Counter failed;
        private final HeartbeatMerger merger = new HeartbeatMerger();
        private MqttClient client;

        Writer(String brokerUrl, Counter failed) {
            this.brokerUrl = brokerUrl;
            this.failed = failed;
        }

        @Override
        public void write(HeartbeatPart part, Context context) {
            JobHeartbeat beat = merger.add(part);
            if (beat == null) {
                return;
            }
            try {
                if (client == null) {
                    client = Broker.connect(brokerUrl, "heartbeat", null, java.time.Duration.ofSeconds(5));
                }
                MqttMessage message = new MqttMessage(HearthJson.json().writeValueAsBytes(beat));
                message.setQos(1);
                message.setRetained(true);
                client.publish(JobHeartbeat.TOPIC, message);
            } catch (Exception e) {
                failed.inc();
                Broker.close(client);
                client = null;
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            // each publish waits for its PUBACK
        }

        @Override
        public void close() {
            Broker.close(client);
        }
    }
}
