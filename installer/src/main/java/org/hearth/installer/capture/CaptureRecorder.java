package org.hearth.installer.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.capture.CapturedMessage;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;

/**
 * Records raw MQTT traffic from any broker as {@code capture.jsonl} ({@link CapturedMessage}: topic,
 * payload bytes as base64, QoS, retained flag, receive time from the injected clock), so that an
 * installer can send the exact messages of a misbehaving kit and {@code hearth replay --format mqtt}
 * can run them through ingest and detection. It subscribes at QoS 1 with a clean start and leaves
 * no session behind; it decodes nothing, so nothing is lost to a decoder's opinion.
 */
public final class CaptureRecorder {

    /** What a capture did. */
    public record Result(long messages, Duration elapsed, boolean brokerLost) {}

    private final Clock clock;

    public CaptureRecorder(Clock clock) {
        this.clock = clock;
    }

    /**
     * Captures until {@code duration} has passed, {@code maxMessages} were written (0 = no limit),
     * the broker drops the connection, or {@code stop} is counted down.
     *
     * @throws BrokerException when the broker cannot be reached or refuses a subscription
     */
    public Result capture(String url, MqttSecurity security, List<String> topicFilters, Writer out, Duration duration,
                          long maxMessages, CountDownLatch stop) throws InterruptedException {
        AtomicLong written = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        boolean[] lost = {false};
        IOException[] failed = {null};
        MqttCallback callback = new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                CapturedMessage line = CapturedMessage.of(topic, message.getPayload(), message.getQos(),
                        message.isRetained(), clock.instant());
                synchronized (out) {
                    if (done.getCount() == 0) {
                        return;
                    }
                    try {
                        out.write(line.toJsonLine());
                        out.write('\n');
                        out.flush(); // a capture stopped by Ctrl-C or a crash keeps every line it reported
                    } catch (IOException e) {
                        failed[0] = e;
                        done.countDown();
                        return;
                    }
                    if (written.incrementAndGet() == maxMessages) {
                        done.countDown();
                    }
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                lost[0] = true;
                done.countDown();
            }

        };
        long started = System.nanoTime(); // elapsed time for the summary only
        MqttClient client = Broker.connect(url, "capture", callback, Duration.ofSeconds(30), security);
        try {
            String[] filters = topicFilters.toArray(String[]::new);
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            IMqttToken token = client.subscribe(filters, qos);
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new BrokerException("the broker at " + url + " refused the subscription to " + topicFilters
                            + " (reason code 0x" + Integer.toHexString(code) + ")", null);
                }
            }
            long deadline = System.nanoTime() + duration.toNanos();
            while (done.getCount() > 0 && stop.getCount() > 0 && System.nanoTime() < deadline) {
                done.await(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
            }
        } catch (MqttException e) {
            throw new BrokerException("capture from " + url + " failed: " + e.getMessage(), e);
        } finally {
            synchronized (out) {
                done.countDown(); // late arrivals are not written after the summary is decided
            }
            try {
                if (client.isConnected()) {
                    client.disconnect(2_000);
                }
                client.close(true);
            } catch (MqttException e) {
                // closing is best effort: the file is already complete
            }
        }
        if (failed[0] != null) {
            throw new UncheckedIOException("cannot write the capture: " + failed[0].getMessage(), failed[0]);
        }
        return new Result(written.get(), Duration.ofNanos(System.nanoTime() - started), lost[0]);
    }
}
