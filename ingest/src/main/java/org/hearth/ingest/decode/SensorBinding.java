package org.hearth.ingest.decode;

import java.io.Serializable;
import org.hearth.models.event.SensorKind;

/**
 * A registered sensor as the decoders need it: where events for it go and what kind it reports.
 *
 * @param homeId the home
 * @param sensorId the sensor within the home
 * @param kind the kind the registry gives it (a payload claiming another kind is dead-lettered)
 * @param component the part of a multi-component device it reads, or null for the device's
 *     default: Shelly components such as {@code input:1} or {@code bthomesensor:200}, written
 *     {@code device: <shelly id>/<component>} in {@code homes.yaml}
 */
public record SensorBinding(String homeId, String sensorId, SensorKind kind, String component) implements Serializable {

    public SensorBinding(String homeId, String sensorId, SensorKind kind) {
        this(homeId, sensorId, kind, null);
    }
}
