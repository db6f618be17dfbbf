package org.hearth.models.rules;

import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;

/**
 * Which readings prove that someone is moving, for the safety rules. Deliberately broad: anything a
 * person causes (motion, a door or cupboard contact, getting in or out of bed, switching an
 * appliance on, a button press) counts; readings a device makes by itself (temperature, humidity,
 * heartbeats, availability, an appliance's standby draw) do not.
 */
public final class Movement {

    /** Power above this means an appliance was switched on by someone (a kettle draws 2-3 kW). */
    public static final double APPLIANCE_ON_WATTS = 100;

    private Movement() {}

    /** Where a movement happened, or {@link Place#NONE} when the reading is not a movement. */
    public enum Place { NONE, INSIDE, FRONT_DOOR }

    public static Place of(SensorEvent event, Home home) {
        return of(event, home, java.util.Set.of());
    }

    /** As {@link #of(SensorEvent, Home)}, with the contacts learned as exit doors ({@link ExitDoors}) at the front door. */
    public static Place of(SensorEvent event, Home home, java.util.Set<String> exitDoors) {
        Sensor sensor = home.sensor(event.sensorId()).orElse(null);
        return switch (event.kind()) {
            case MOTION, BUTTON -> event.isOn() ? Place.INSIDE : Place.NONE;
            case BED -> Place.INSIDE;
            case CONTACT -> sensor != null && sensor.isWayOut(exitDoors) ? Place.FRONT_DOOR : Place.INSIDE;
            case POWER -> event.value() >= APPLIANCE_ON_WATTS ? Place.INSIDE : Place.NONE;
            default -> Place.NONE;
        };
    }

    /** The room of the sensor, or its id when the registry does not know it. */
    public static String room(SensorEvent event, Home home) {
        return home.sensor(event.sensorId()).map(Sensor::room).orElse(event.sensorId());
    }
}
