package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hearth.models.encoding.Varints;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Door openings and closings from contact sensors; repeated readings of one state are one change.
 *
 * <p><b>Contact bounce.</b> A real reed contact on a door that is pushed, slammed or rattled reports
 * open/closed several times within a second or two: on a real home half of the front door's
 * openings came within 10 s of the one before (3,769 of 7,402), nearly all within 2 s. An opening
 * less than {@link #BOUNCE} after the door's last opening is the same opening: no second
 * {@code DoorOpened} (nor its {@code DoorClosed}), so night-door and the day's door counts see one.
 */
final class DoorDetector implements Detector {

    /** Openings of one door closer together than this are one opening. */
    static final java.time.Duration BOUNCE = java.time.Duration.ofSeconds(10);

    private final Map<String, Boolean> open = new HashMap<>();
    /** Per door: when it last opened (bounce or not), and whether that opening was a bounce. */
    private final Map<String, java.time.Instant> lastOpening = new HashMap<>();
    private final java.util.Set<String> bouncing = new java.util.HashSet<>();

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.kind() != SensorKind.CONTACT) {
            return;
        }
        boolean nowOpen = e.isOn();
        Boolean before = open.put(sensor.id(), nowOpen);
        boolean front = sensor.role() == SensorRole.FRONT_DOOR;
        if (before == null ? nowOpen : before != nowOpen) {
            if (nowOpen) {
                java.time.Instant last = lastOpening.put(sensor.id(), e.ts());
                if (last != null && java.time.Duration.between(last, e.ts()).compareTo(BOUNCE) < 0) {
                    bouncing.add(sensor.id());
                    return;
                }
                bouncing.remove(sensor.id());
                out.accept(new DoorOpened(e.ts(), sensor.id(), sensor.room(), front));
            } else if (!bouncing.contains(sensor.id())) {
                out.accept(new DoorClosed(e.ts(), sensor.id(), sensor.room(), front));
            }
        }
    }

    /** Whether a reading of this contact only repeats the state it is known to be in (unknown: no). */
    boolean repeats(String sensorId, boolean nowOpen) {
        Boolean before = open.get(sensorId);
        return before != null && before == nowOpen;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        Varints.writeUnsigned(out, open.size());
        // sorted, so that the same doors give the same bytes; one door (the usual case) is sorted as it is
        for (Map.Entry<String, Boolean> e : (open.size() <= 1 ? open : new TreeMap<>(open)).entrySet()) {
            io.writeId(out, e.getKey());
            out.writeBoolean(e.getValue());
            io.writeInstant(out, lastOpening.get(e.getKey()));
            out.writeBoolean(bouncing.contains(e.getKey()));
        }
    }

    /** Format version 1 kept no opening times (a restored door then starts without bounce memory). */
    void read(DataInput in, TrackerIO io) throws IOException {
        int n = Varints.readInt(in);
        open.clear();
        lastOpening.clear();
        bouncing.clear();
        for (int i = 0; i < n; i++) {
            String id = io.readId(in);
            open.put(id, in.readBoolean());
            if (io.version >= 2) {
                java.time.Instant last = io.readInstant(in);
                if (last != null) {
                    lastOpening.put(id, last);
                }
                if (in.readBoolean()) {
                    bouncing.add(id);
                }
            }
        }
    }
}
