package org.hearth.models.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Resident;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/** The one place tests build a home and its events: a standard kit and local-time event builders. */
public final class TestHomes {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    /**
     * homes.yaml of a home with only a help button (hall) and two carers in escalation order:
     * what the live help-press, carer-ack and SMPP-reply tests drive end to end.
     */
    public static final String HELP_BUTTON_HOME_YAML = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: button, kind: button, room: hall, role: help-button}
                carers:
                  - {name: Sam, phone: "+447700900123"}
                  - {name: Alex, phone: "+447700900456"}
            """;

    /**
     * homes.yaml of a home with one kitchen PIR and one carer: the smallest home that can raise an
     * alert and have it addressed (the lifecycle's ADDRESSED output, the watchdog's live run).
     */
    public static final String KITCHEN_PIR_HOME_YAML = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;

    private TestHomes() {}

    /** Bed, kettle plug, PIRs in bedroom/kitchen/bathroom/hall/lounge, front door. */
    public static Home standardHome() {
        return new Home("h1", "Europe/London", new Resident("r1", "J.S."), List.of(), List.of(
                new Sensor("bed", SensorKind.BED, "bedroom", SensorRole.BED, null),
                new Sensor("kettle", SensorKind.POWER, "kitchen", SensorRole.KETTLE, null),
                new Sensor("pir-bedroom", SensorKind.MOTION, "bedroom", null, null),
                new Sensor("pir-kitchen", SensorKind.MOTION, "kitchen", SensorRole.KITCHEN, null),
                new Sensor("pir-bathroom", SensorKind.MOTION, "bathroom", SensorRole.BATHROOM, null),
                new Sensor("pir-hall", SensorKind.MOTION, "hall", null, null),
                new Sensor("pir-lounge", SensorKind.MOTION, "lounge", null, null),
                new Sensor("front-door", SensorKind.CONTACT, "hall", SensorRole.FRONT_DOOR, null)),
                List.of(), null, null, Map.of());
    }

    /** Events on one local date, written as "HH:mm[:ss] sensor value". */
    public static final class Trace {
        private final LocalDate date;
        private final ZoneId zone;
        private final List<SensorEvent> events = new ArrayList<>();

        public Trace(LocalDate date) {
            this(date, LONDON);
        }

        public Trace(LocalDate date, ZoneId zone) {
            this.date = date;
            this.zone = zone;
        }

        public Trace at(String time, String sensor, double value) {
            return on(date, time, sensor, value);
        }

        public Trace on(LocalDate day, String time, String sensor, double value) {
            events.add(event(TestHomes.at(day, time, zone), sensor, value));
            return this;
        }

        public Trace at(Instant t, String sensor, double value) {
            events.add(event(t, sensor, value));
            return this;
        }

        public List<SensorEvent> events() {
            return List.copyOf(events);
        }
    }

    public static Instant at(LocalDate day, String time, ZoneId zone) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(zone).toInstant();
    }

    public static SensorEvent event(Instant t, String sensor, double value) {
        return SensorEvent.of("h1", sensor, t, kindOf(sensor), value);
    }

    public static SensorKind kindOf(String sensor) {
        return standardHome().sensor(sensor).map(Sensor::kind).orElse(SensorKind.MOTION);
    }
}
