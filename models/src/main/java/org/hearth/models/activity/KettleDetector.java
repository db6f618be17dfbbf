package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
 * Kettle boils from the kettle plug. A boil starts at the first reading at or above the "on"
 * threshold and ends at the first reading at or below the "off" threshold; readings in between
 * change nothing, so a noisy element (2100, 1850, 2050 W) is one boil. Because only the crossing
 * readings matter, a plug that reports every few seconds and one that reports only on change give
 * the same boil. A plug that reports only its on/off state (any kind other than power) is read as
 * 1 = on. Spells shorter than the minimum (spikes) or longer than the maximum (another appliance, a
 * lost "off" reading) are not boils; they are counted in {@link #rejectedSpells()}.
 */
final class KettleDetector implements Detector {

    private final ActivityConfig config;
    private final Map<String, Instant> onSince = new HashMap<>();
    private long rejectedSpells;

    KettleDetector(ActivityConfig config) {
        this.config = config;
    }

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.role() != SensorRole.KETTLE) {
            return;
        }
        boolean onOffPlug = e.kind() != SensorKind.POWER;
        boolean on = onOffPlug ? e.isOn() : e.value() >= config.kettleOnWatts();
        boolean off = onOffPlug ? !e.isOn() : e.value() <= config.kettleOffWatts();
        Instant since = onSince.get(sensor.id());
        if (since == null && on) {
            onSince.put(sensor.id(), e.ts());
        } else if (since != null && off) {
            onSince.remove(sensor.id());
            Duration d = Duration.between(since, e.ts());
            if (d.compareTo(config.kettleMinBoil()) >= 0 && d.compareTo(config.kettleMaxBoil()) <= 0) {
                out.accept(new KettleBoil(since, e.ts(), sensor.id()));
            } else {
                rejectedSpells++;
            }
        }
    }

    /** When a kettle switched on and has not yet switched off, else null. */
    Instant onSince() {
        Instant earliest = null; // a loop, not a stream: asked several times per event, almost always of an empty map
        for (Instant t : onSince.values()) {
            if (earliest == null || t.isBefore(earliest)) {
                earliest = t;
            }
        }
        return earliest;
    }

    long rejectedSpells() {
        return rejectedSpells;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        Varints.writeUnsigned(out, rejectedSpells);
        Varints.writeUnsigned(out, onSince.size());
        for (Map.Entry<String, Instant> e : new TreeMap<>(onSince).entrySet()) {
            io.writeId(out, e.getKey());
            io.writeInstant(out, e.getValue());
        }
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        rejectedSpells = Varints.readUnsigned(in);
        int n = Varints.readInt(in);
        onSince.clear();
        for (int i = 0; i < n; i++) {
            onSince.put(io.readId(in), io.readInstant(in));
        }
    }
}
