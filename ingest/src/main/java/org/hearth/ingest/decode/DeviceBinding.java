package org.hearth.ingest.decode;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * A hub device (Zigbee2MQTT friendly name, Shelly id, Tasmota topic) and the sensors bound to it.
 * One device may carry several sensors of different kinds (a multisensor, a plug that meters power
 * and reports its relay): each message yields one event per bound sensor.
 *
 * @param homeId the home the device is installed in
 * @param device the device's name on its hub
 * @param zone the zone the hub writes local timestamps in (Tasmota's {@code Time}): the hub's
 *     {@code timezone} in {@code homes.yaml}, else the home's
 * @param sensors the sensors bound to the device, never empty
 * @param occupancyTimeoutSeconds Zigbee2MQTT's {@code occupancy_timeout} for this hub (default 90)
 */
public record DeviceBinding(String homeId, String device, ZoneId zone, List<SensorBinding> sensors,
                            int occupancyTimeoutSeconds) implements Serializable {

    public DeviceBinding {
        sensors = List.copyOf(sensors);
    }

    public DeviceBinding(String homeId, String device, ZoneId zone, List<SensorBinding> sensors) {
        this(homeId, device, zone, sensors, org.hearth.models.registry.Hub.DEFAULT_OCCUPANCY_TIMEOUT_SECONDS);
    }
}
