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
 * @param zone the home's zone, for hub timestamps written in local time (Tasmota)
 * @param sensors the sensors bound to the device, never empty
 */
public record DeviceBinding(String homeId, String device, ZoneId zone, List<SensorBinding> sensors) implements Serializable {

    public DeviceBinding {
        sensors = List.copyOf(sensors);
    }
}
