package org.hearth.simulator.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.home.SimHome;

/** Publishes readings live, paced by a {@link Pacer}, in each home's own MQTT form. */
public final class MqttEventSink implements EventSink {

    private final MessagePublisher publisher;
    private final Pacer pacer;
    private final MqttMessages messages = new MqttMessages();
    private long published;

    public MqttEventSink(MessagePublisher publisher, Pacer pacer) {
        this.publisher = publisher;
        this.pacer = pacer;
    }

    @Override
    public void accept(SimHome home, SensorEvent event, long arrivalMs) throws IOException {
        try {
            pacer.await(arrivalMs);
            MqttMessages.Message message = messages.of(home, event);
            publisher.publish(message.topic(), message.payload());
            published++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while publishing");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("publishing to MQTT failed after " + published + " messages: " + e.getMessage(), e);
        }
    }

    public long published() {
        return published;
    }

    @Override
    public void close() throws IOException {
        try {
            publisher.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
