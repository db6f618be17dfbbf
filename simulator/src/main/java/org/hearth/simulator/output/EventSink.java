package org.hearth.simulator.output;

import java.io.IOException;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.home.SimHome;

/** Where delivered readings go, in delivery order: a file, or an MQTT broker. */
public interface EventSink extends AutoCloseable {

    /**
     * @param home the home the reading came from (its kit says how to address it)
     * @param event the reading, stamped by the hub
     * @param arrivalMs when it is delivered in simulated time (ms since the epoch)
     */
    void accept(SimHome home, SensorEvent event, long arrivalMs) throws IOException;

    @Override
    void close() throws IOException;
}
