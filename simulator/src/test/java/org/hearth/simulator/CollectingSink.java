package org.hearth.simulator;

import java.util.ArrayList;
import java.util.List;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/** Keeps every delivered reading with its arrival time, for tests. */
final class CollectingSink implements EventSink {

    record Delivered(SensorEvent event, long arrival) {}

    final List<Delivered> delivered = new ArrayList<>();

    @Override
    public void accept(SimHome home, SensorEvent event, long arrivalMs) {
        delivered.add(new Delivered(event, arrivalMs));
    }

    List<SensorEvent> events() {
        return delivered.stream().map(Delivered::event).toList();
    }

    @Override
    public void close() {}
}
