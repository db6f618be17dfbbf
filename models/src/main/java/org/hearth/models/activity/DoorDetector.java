package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.models.state.Varints;

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

    void write(DataOutput out) throws IOException {
        Varints.writeUnsigned(out, open.size());
        for (Map.Entry<String, Boolean> e : new TreeMap<>(open).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeBoolean(e.getValue());
        }
    }

    void read(DataInput in) throws IOException {
        int n = Varints.readInt(in);
        open.clear();
        for (int i = 0; i < n; i++) {
            open.put(in.readUTF(), in.readBoolean());
        }
    }
}
