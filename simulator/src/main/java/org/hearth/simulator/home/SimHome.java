package org.hearth.simulator.home;

import java.util.List;
import java.util.Map;
import org.hearth.models.registry.Home;
import org.hearth.simulator.resident.Place;
import org.hearth.simulator.resident.Routine;

/**
 * One simulated home: its registry entry, its resident's routine and its kit, indexed the way the
 * emitter needs it.
 *
 * @param index position among the simulated homes (0-based), used for seeds and ordering
 * @param registry what is written to {@code homes.yaml}
 * @param routine the resident's habits
 * @param sensors every sensor, including the hub's heartbeat "sensor"
 * @param motionByRoom index into {@code sensors} of the PIR of each room
 */
public record SimHome(
        int index,
        Home registry,
        Routine routine,
        List<SimSensor> sensors,
        Map<String, Integer> motionByRoom,
        int bed,
        int kettle,
        int frontDoor,
        int helpButton,
        int hub) {

    public String id() {
        return registry.id();
    }

    public boolean hasRoom(Place place) {
        return place.room() != null && motionByRoom.containsKey(place.room());
    }

    public boolean hasDining() {
        return motionByRoom.containsKey(Place.DINING.room());
    }
}
