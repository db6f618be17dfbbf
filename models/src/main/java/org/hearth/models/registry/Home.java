package org.hearth.models.registry;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One home in the kit registry: its resident, sensors, carers and settings.
 *
 * @param id the home id (the second segment of native topics)
 * @param timezone IANA zone of the resident's routine, default {@code Europe/London}
 * @param resident who lives there
 * @param hubs hubs that publish for this home in a non-native format (may be empty)
 * @param sensors the kit
 * @param carers in escalation order
 * @param installer the care provider's contact for system alerts, or null
 * @param cohort the analysts' cohort whose thresholds apply, or null for the default cohort
 * @param overrides per-resident rule settings, same keys as {@code thresholds.yaml}
 */
public record Home(
        String id,
        String timezone,
        Resident resident,
        List<Hub> hubs,
        List<Sensor> sensors,
        List<Carer> carers,
        Carer installer,
        String cohort,
        Map<String, Object> overrides) {

    public static final String DEFAULT_TIMEZONE = "Europe/London";

    /** Parsed zones: the rules ask for a home's zone on every event, and ZoneId.of validates the name each time. */
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    public Home {
        timezone = timezone == null || timezone.isBlank() ? DEFAULT_TIMEZONE : timezone;
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        carers = carers == null ? List.of() : List.copyOf(carers);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    /** The resident's zone. Call only on a validated registry. */
    public ZoneId zone() {
        return ZONES.computeIfAbsent(timezone, ZoneId::of);
    }

    public Optional<Sensor> sensor(String sensorId) {
        for (Sensor s : sensors) { // a loop, not a stream: asked several times per event
            if (s.id().equals(sensorId)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first sensor with this role, if the kit has one. */
    public Optional<Sensor> sensorWithRole(SensorRole role) {
        return sensors.stream().filter(s -> s.role() == role).findFirst();
    }

    /**
     * Whether the resident can answer an "I'm OK" pre-alert here: a help button or an
     * {@link SensorRole#OK_BUTTON ok-button}. Without either, Hearth does not ask.
     */
    public boolean canAnswerPreAlert() {
        return sensorWithRole(SensorRole.HELP_BUTTON).isPresent() || sensorWithRole(SensorRole.OK_BUTTON).isPresent();
    }

    /** The resident's id, or the home id when the registry names no resident. */
    public String residentId() {
        return resident == null || resident.id() == null ? id : resident.id();
    }

    /** The alias used in messages; never a name. */
    public String residentAlias() {
        return resident == null || resident.alias() == null ? "your resident" : resident.alias();
    }
}
