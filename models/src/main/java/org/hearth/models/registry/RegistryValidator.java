package org.hearth.models.registry;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hearth.models.event.SensorKind;

/**
 * The checks a registry must pass before Hearth will watch anyone with it. Problems carry a JSON
 * pointer; {@link RegistryLoader} turns that into a line number.
 */
public final class RegistryValidator {

    /** Ids become MQTT topic segments, so no slashes or wildcards. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Hearth's own topics under hearth/ (ingest's RoutingTable.RESERVED_SEGMENTS). */
    private static final Set<String> RESERVED_HOME_IDS = Set.of("status", "control", "ack", "cmd");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern QUIET_HOURS = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]");

    private static final Map<SensorRole, SensorKind> KIND_FOR_ROLE = Map.of(
            SensorRole.BED, SensorKind.BED,
            SensorRole.KETTLE, SensorKind.POWER,
            SensorRole.BATHROOM, SensorKind.MOTION,
            SensorRole.KITCHEN, SensorKind.MOTION,
            SensorRole.FRONT_DOOR, SensorKind.CONTACT,
            SensorRole.HELP_BUTTON, SensorKind.BUTTON,
            SensorRole.OK_BUTTON, SensorKind.BUTTON);

    /** A problem at a JSON pointer into the registry document. */
    public record Problem(String pointer, String message) {}

    public List<Problem> validate(KitRegistry registry) {
        List<Problem> problems = new ArrayList<>();
        if (registry.homes().isEmpty()) {
            problems.add(new Problem("/homes", "no homes listed"));
        }
        Set<String> homeIds = new HashSet<>();
        for (int h = 0; h < registry.homes().size(); h++) {
            Home home = registry.homes().get(h);
            String at = "/homes/" + h;
            if (home == null) {
                problems.add(new Problem(at, "empty home entry"));
                continue;
            }
            if (home.id() == null || !ID.matcher(home.id()).matches()) {
                problems.add(new Problem(at + "/id", "missing or invalid id '" + home.id()
                        + "' (letters, digits, '-', '_' or '.'; it becomes an MQTT topic segment)"));
            } else if (RESERVED_HOME_IDS.contains(home.id())) {
                problems.add(new Problem(at + "/id", "home id '" + home.id() + "' is reserved for Hearth's own topics (hearth/"
                        + home.id() + "/...); choose another"));
            } else if (!homeIds.add(home.id())) {
                problems.add(new Problem(at + "/id", "duplicate home id '" + home.id() + "'"));
            }
            validateZone(home, at, problems);
            validateResident(home, at, problems);
            validateHubs(home, at, problems);
            validateSensors(home, at, problems);
            validateCarers(home.carers(), at + "/carers", problems);
            if (home.installer() != null) {
                validatePhone(home.installer(), at + "/installer", problems);
            }
        }
        return problems;
    }

    private static void validateZone(Home home, String at, List<Problem> problems) {
        try {
            ZoneId.of(home.timezone());
        } catch (DateTimeException e) {
            problems.add(new Problem(at + "/timezone", "unknown time zone '" + home.timezone()
                    + "' (use an IANA name such as Europe/London)"));
        }
    }

    private static void validateResident(Home home, String at, List<Problem> problems) {
        if (home.resident() == null) {
            problems.add(new Problem(at + "/resident", "missing resident (id and alias)"));
            return;
        }
        if (home.resident().id() == null || !ID.matcher(home.resident().id()).matches()) {
            problems.add(new Problem(at + "/resident/id", "missing or invalid resident id"));
        }
        if (home.resident().alias() == null || home.resident().alias().isBlank()) {
            problems.add(new Problem(at + "/resident/alias", "missing alias (initials used in messages, never a name)"));
        } else if (home.resident().alias().length() > 12) {
            problems.add(new Problem(at + "/resident/alias", "alias longer than 12 characters: use initials or a short alias, never a full name"));
        }
    }

    private static void validateHubs(Home home, String at, List<Problem> problems) {
        for (int i = 0; i < home.hubs().size(); i++) {
            Hub hub = home.hubs().get(i);
            if (hub == null || hub.format() == null) {
                problems.add(new Problem(at + "/hubs/" + i + "/format", "missing hub format"));
            } else if (hub.format() == HubFormat.ZIGBEE2MQTT && (hub.base() == null || hub.base().isBlank())) {
                problems.add(new Problem(at + "/hubs/" + i + "/base", "a zigbee2mqtt hub needs its base topic"));
            }
            if (hub == null) {
                continue;
            }
            if (hub.timezone() != null) {
                try {
                    ZoneId.of(hub.timezone().trim());
                } catch (DateTimeException e) {
                    problems.add(new Problem(at + "/hubs/" + i + "/timezone", "unknown time zone or offset '" + hub.timezone()
                            + "' (an IANA name such as Europe/London, or an offset such as +01:00)"));
                }
            }
            if (hub.occupancyTimeout() != null && (hub.occupancyTimeout() < 0 || hub.occupancyTimeout() > 86_400)) {
                problems.add(new Problem(at + "/hubs/" + i + "/occupancyTimeout", "occupancyTimeout is Zigbee2MQTT's "
                        + "occupancy_timeout in seconds, between 0 and 86400; got " + hub.occupancyTimeout()));
            }
            validateAsk(hub, at + "/hubs/" + i + "/ask", problems);
        }
    }

    /** Devices commanded during "I'm OK": only where Hearth can command them, named as topics allow. */
    private static void validateAsk(Hub hub, String at, List<Problem> problems) {
        if (hub.ask().isEmpty()) {
            return;
        }
        if (hub.format() != HubFormat.ZIGBEE2MQTT && hub.format() != HubFormat.TASMOTA) {
            problems.add(new Problem(at, "ask lists devices Hearth blinks when it asks the resident \"are you OK?\"; "
                    + "only zigbee2mqtt and tasmota devices can be commanded"));
            return;
        }
        for (int j = 0; j < hub.ask().size(); j++) {
            String device = hub.ask().get(j);
            if (device == null || device.isBlank() || device.contains("+") || device.contains("#")
                    || (hub.format() == HubFormat.TASMOTA && device.contains("/"))) {
                problems.add(new Problem(at + "/" + j, "a device id is needed (a Zigbee2MQTT friendly name or a Tasmota topic, "
                        + "without + or #" + (hub.format() == HubFormat.TASMOTA ? " or /" : "") + ")"));
            }
        }
    }

    private static void validateSensors(Home home, String at, List<Problem> problems) {
        if (home.sensors().isEmpty()) {
            problems.add(new Problem(at + "/sensors", "no sensors listed"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < home.sensors().size(); i++) {
            Sensor sensor = home.sensors().get(i);
            String sat = at + "/sensors/" + i;
            if (sensor == null) {
                problems.add(new Problem(sat, "empty sensor entry"));
                continue;
            }
            if (sensor.id() == null || !ID.matcher(sensor.id()).matches()) {
                problems.add(new Problem(sat + "/id", "missing or invalid sensor id '" + sensor.id() + "'"));
            } else if (!ids.add(sensor.id())) {
                problems.add(new Problem(sat + "/id", "duplicate sensor id '" + sensor.id() + "'"));
            }
            if (sensor.kind() == null) {
                problems.add(new Problem(sat + "/kind", "missing kind (one of " + SensorKind.wireNames() + ")"));
            }
            if (sensor.room() == null || sensor.room().isBlank()) {
                problems.add(new Problem(sat + "/room", "missing room"));
            }
            if (sensor.role() != null && sensor.kind() != null && KIND_FOR_ROLE.get(sensor.role()) != sensor.kind()) {
                problems.add(new Problem(sat + "/role", "role '" + sensor.role().wireName() + "' needs a "
                        + KIND_FOR_ROLE.get(sensor.role()).wireName() + " sensor, not " + sensor.kind().wireName()));
            }
        }
    }

    private static void validateCarers(List<Carer> carers, String at, List<Problem> problems) {
        for (int i = 0; i < carers.size(); i++) {
            Carer carer = carers.get(i);
            String cat = at + "/" + i;
            if (carer == null) {
                problems.add(new Problem(cat, "empty carer entry"));
                continue;
            }
            validatePhone(carer, cat, problems);
            if (carer.quietHours() != null && !QUIET_HOURS.matcher(carer.quietHours()).matches()) {
                problems.add(new Problem(cat + "/quietHours", "quiet hours must read HH:mm-HH:mm, e.g. 22:00-07:00"));
            }
        }
    }

    private static void validatePhone(Carer contact, String at, List<Problem> problems) {
        if (contact.phone() == null || !E164.matcher(contact.phone()).matches()) {
            // The number itself is personal data: the message does not repeat it.
            problems.add(new Problem(at + "/phone", "phone must be in E.164 form, e.g. +447700900123"));
        }
    }
}
