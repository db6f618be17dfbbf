package org.hearth.models.activity;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/** Door openings and closings from contact sensors; repeated readings of one state are one change. */
final class DoorDetector implements Detector {

    private final Map<String, Boolean> open = new HashMap<>();

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.kind() != SensorKind.CONTACT) {
            return;
        }
        boolean nowOpen = e.isOn();
        Boolean before = open.put(sensor.id(), nowOpen);
        boolean front = sensor.role() == SensorRole.FRONT_DOOR;
        if (before == null ? nowOpen : before != nowOpen) {
            out.accept(nowOpen ? new DoorOpened(e.ts(), sensor.id(), sensor.room(), front)
                    : new DoorClosed(e.ts(), sensor.id(), sensor.room(), front));
        }
    }
}
