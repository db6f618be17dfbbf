package org.hearth.installer.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.event.SensorKind;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * One test action asked of the installer to prove that a role sits on the right sensor: a kettle
 * plug that never sees a kettle boil would leave "no kettle" alerting every morning, or never.
 *
 * @param role the role being confirmed
 * @param sensor the sensor registered with that role
 * @param label the installer's word for the sensor
 * @param action what the installer is asked to do ("Boil the kettle")
 * @param reaction what the check waits for ("kitchen-plug above 1000 W")
 */
public record RoleTest(SensorRole role, Sensor sensor, String label, String action, String reaction) {

    /** The order an installer walks a home: kitchen, bathroom, bedroom, hall. */
    private static final List<SensorRole> ORDER = List.of(SensorRole.KETTLE, SensorRole.KITCHEN,
            SensorRole.BATHROOM, SensorRole.BED, SensorRole.FRONT_DOOR, SensorRole.HELP_BUTTON);

    /**
     * The tests for every role the home's kit has, in walking order.
     *
     * @param kettleOnWatts the power at which the activity detector counts the kettle as on
     *     ({@link ActivityConfig#kettleOnWatts()}), so the check proves what the rules will see
     */
    public static List<RoleTest> forHome(Home home, double kettleOnWatts) {
        var labels = SensorLabel.of(home.sensors());
        List<RoleTest> tests = new ArrayList<>();
        for (SensorRole role : ORDER) {
            home.sensorWithRole(role).ifPresent(s -> tests.add(of(role, s, labels.get(s.id()), kettleOnWatts)));
        }
        return List.copyOf(tests);
    }

    static RoleTest of(SensorRole role, Sensor s, String label, double kettleOnWatts) {
        return switch (role) {
            case KETTLE -> new RoleTest(role, s, label, "Boil the kettle",
                    s.id() + " above " + ValueText.number(kettleOnWatts) + " W");
            case KITCHEN -> new RoleTest(role, s, label, "Walk into the kitchen", s.id() + " sees motion");
            case BATHROOM -> new RoleTest(role, s, label, "Walk into the bathroom", s.id() + " sees motion");
            case BED -> new RoleTest(role, s, label, "Lie on the bed", s.id() + " occupied");
            case FRONT_DOOR -> new RoleTest(role, s, label, "Open the front door", s.id() + " open");
            case HELP_BUTTON -> new RoleTest(role, s, label, "Press the help button", s.id() + " pressed");
            case OK_BUTTON -> new RoleTest(role, s, label, "Press the \"I'm OK\" button", s.id() + " pressed");
        };
    }

    /** Whether an event is the reaction this test waits for. */
    public boolean confirmedBy(SensorEvent event, double kettleOnWatts) {
        if (!event.sensorId().equals(sensor.id()) || event.kind() != expectedKind()) {
            return false;
        }
        DoublePredicate ok = role == SensorRole.KETTLE ? v -> v >= kettleOnWatts : v -> v >= 0.5;
        return ok.test(event.value());
    }

    private SensorKind expectedKind() {
        return switch (role) {
            case KETTLE -> SensorKind.POWER;
            case KITCHEN, BATHROOM -> SensorKind.MOTION;
            case BED -> SensorKind.BED;
            case FRONT_DOOR -> SensorKind.CONTACT;
            case HELP_BUTTON, OK_BUTTON -> SensorKind.BUTTON;
        };
    }
}
