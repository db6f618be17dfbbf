package org.hearth.demo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;
import org.hearth.simulator.output.MessagePublisher;
import org.hearth.simulator.output.MqttMessages;

/**
 * Publishes each simulated reading when the demo clock reaches its arrival time: the history at once
 * (the clock stands at the live morning), the live day paced by the accelerated clock.
 */
final class DemoPublisher implements EventSink {

    private final MessagePublisher publisher;
    private final Clock clock;
    private final long liveStartMs;
    private final MqttMessages messages = new MqttMessages();
    private long published;

    /** @param liveStartMs readings that arrive before this go out at once; later ones wait for {@code clock} */
    DemoPublisher(MessagePublisher publisher, Clock clock, long liveStartMs) {
        this.publisher = publisher;
        this.clock = clock;
        this.liveStartMs = liveStartMs;
    }

    @Override
    public void accept(SimHome home, SensorEvent event, long arrivalMs) throws IOException {
        try {
            long wait;
            while (arrivalMs >= liveStartMs && (wait = arrivalMs - clock.millis()) > 0) {
                Thread.sleep(Math.min(wait, 200));
            }
            MqttMessages.Message message = messages.of(home, event);
            publisher.publish(message.topic(), message.payload());
            published++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("demo stopped");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("publishing to the demo broker failed: " + e.getMessage(), e);
        }
    }

    long published() {
        return published;
    }

    @Override
    public void close() throws IOException {
        try {
            publisher.close();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
