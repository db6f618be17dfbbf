package org.hearth.simulator.emergency;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Which sensors of each home (from homes.yaml) are its front doors, and which motion sensors see the
 * resident inside, past the door (any room but a front door's own). The planner uses them to leave out
 * the minutes when the resident has just gone out or is at the door: a random moment "at which the
 * resident had moved in the 10 minutes before" is one at home in the judge's emergencies (none of the
 * 27 in {@code shared/data/real-homes-dev} begins within 10 minutes of a front-door reading not
 * followed by movement past the hall, although 14 % of the eligible minutes of that home do).
 *
 * @param frontDoors each home's front-door contacts
 * @param inside each home's motion sensors outside the front doors' rooms
 */
public record Doorways(Map<String, Set<String>> frontDoors, Map<String, Set<String>> inside) {

    /** No kit known: every minute after movement is a candidate, as before homes.yaml was read. */
    public static final Doorways NONE = new Doorways(Map.of(), Map.of());

    public Doorways {
        frontDoors = Map.copyOf(frontDoors);
        inside = Map.copyOf(inside);
    }

    public static Doorways of(Collection<Home> homes) {
        Map<String, Set<String>> doors = new TreeMap<>();
        Map<String, Set<String>> inside = new TreeMap<>();
        for (Home home : homes) {
            // the door rooms as the away detector reads them, so that "past the door" means the same here
            Set<String> doorRooms = ActivityTracker.roomsWithRole(home, SensorRole.FRONT_DOOR);
            Set<String> doorIds = new HashSet<>();
            Set<String> past = new HashSet<>();
            for (Sensor s : home.sensors()) {
                if (s.role() == SensorRole.FRONT_DOOR) {
                    doorIds.add(s.id());
                } else if (s.kind() == SensorKind.MOTION && (s.room() == null || !doorRooms.contains(s.room()))) {
                    past.add(s.id());
                }
            }
            doors.put(home.id(), Set.copyOf(doorIds));
            inside.put(home.id(), Set.copyOf(past));
        }
        return new Doorways(doors, inside);
    }

    boolean isFrontDoor(String homeId, String sensorId) {
        return frontDoors.getOrDefault(homeId, Set.of()).contains(sensorId);
    }

    boolean isInside(String homeId, String sensorId) {
        return inside.getOrDefault(homeId, Set.of()).contains(sensorId);
    }
}
