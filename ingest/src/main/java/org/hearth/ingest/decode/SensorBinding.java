package org.hearth.ingest.decode;

import java.io.Serializable;
import org.hearth.models.event.SensorKind;

/**
 * A registered sensor as the decoders need it: where events for it go and what kind it reports.
 *
 * @param homeId the home
 * @param sensorId the sensor within the home
 * @param kind the kind the registry gives it (a payload claiming another kind is dead-lettered)
 */
public record SensorBinding(String homeId, String sensorId, SensorKind kind) implements Serializable {}
