package org.hearth.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Resident;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/** The one place tests build homes, carers and named instants. */
public final class TestHomes {

    public static final String SAM_PHONE = "+447700900123";
    public static final String ALEX_PHONE = "+447700900456";
    public static final String INSTALLER_PHONE = "+447700900999";

    /** 2026-11-23 09:05 London (GMT, so also UTC). */
    public static final Instant NINE_OH_FIVE = Instant.parse("2026-11-23T09:05:00Z");

    private TestHomes() {}

    /** Home h1, resident r1 "J.S.", two carers (Sam quiet 22:00-07:00, Alex never quiet), an installer. */
    public static Home home() {
        return home("22:00-07:00", null);
    }

    public static Home home(String samQuiet, String alexQuiet) {
        return new Home("h1", "Europe/London", new Resident("r1", "J.S."), List.of(),
                List.of(new Sensor("bed", SensorKind.BED, "bedroom", SensorRole.BED, null)),
                List.of(new Carer("Sam", SAM_PHONE, samQuiet), new Carer("Alex", ALEX_PHONE, alexQuiet)),
                new Carer("Provider", INSTALLER_PHONE, null), null, Map.of());
    }

    /** As {@link #home()}, with a help button (so the "I'm OK" pre-alert can be asked). */
    public static Home homeWithButton() {
        Home h = home();
        return new Home(h.id(), h.timezone(), h.resident(), h.hubs(),
                List.of(new Sensor("button", SensorKind.BUTTON, "hall", SensorRole.HELP_BUTTON, null)),
                h.carers(), h.installer(), h.cohort(), h.overrides());
    }
}
