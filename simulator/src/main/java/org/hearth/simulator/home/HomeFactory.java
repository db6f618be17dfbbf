package org.hearth.simulator.home;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Hub;
import org.hearth.models.registry.HubFormat;
import org.hearth.models.registry.Resident;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.simulator.calibration.KettleParameters;
import org.hearth.simulator.resident.Routine;
import org.hearth.simulator.resident.RoutineSampler;
import org.hearth.simulator.seed.Seeds;

/**
 * Builds simulated homes: a layout (bedroom, bathroom, kitchen, living room, hall, sometimes a
 * dining room), the kit of DESIGN.md's {@code homes.yaml} example plus a help button and the hub's
 * heartbeat, a resident with a pseudonymous id and initials, and carers with numbers from Ofcom's
 * drama range (+447700900000-999), which never reach a real phone.
 */
public final class HomeFactory {

    /** The hub's heartbeat is registered as a sensor of kind heartbeat with this id. */
    public static final String HUB_SENSOR = "hub";
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTW";

    private final long seed;
    private final HubStyle hubStyle;
    private final RoutineSampler routines;

    public HomeFactory(long seed, HubStyle hubStyle, KettleParameters kettle) {
        this.seed = seed;
        this.hubStyle = hubStyle;
        this.routines = new RoutineSampler(kettle);
    }

    /** The home id for an index: {@code h1}, {@code h2}, ... */
    public static String homeId(int index) {
        return "h" + (index + 1);
    }

    public SimHome create(int index) {
        SplittableRandom random = Seeds.random(seed, index, 0x484F4D45L);
        String id = homeId(index);
        boolean zigbee = hubStyle == HubStyle.ZIGBEE2MQTT || (hubStyle == HubStyle.MIXED && index % 2 == 1);
        boolean dining = random.nextDouble() < 0.4;

        List<SimSensor> sensors = new ArrayList<>();
        Map<String, Integer> motion = new LinkedHashMap<>();
        int bed = add(sensors, random, zigbee, "bed", SensorKind.BED, "bedroom", SensorRole.BED, true);
        int kettle = add(sensors, random, zigbee, "kitchen-plug", SensorKind.POWER, "kitchen", SensorRole.KETTLE, false);
        List<String> rooms = new ArrayList<>(List.of("bedroom", "bathroom", "kitchen", "living", "hall"));
        if (dining) {
            rooms.add("dining");
        }
        for (String room : rooms) {
            SensorRole role = switch (room) {
                case "bathroom" -> SensorRole.BATHROOM;
                case "kitchen" -> SensorRole.KITCHEN;
                default -> null;
            };
            motion.put(room, add(sensors, random, zigbee, "pir-" + room, SensorKind.MOTION, room, role, true));
        }
        int door = add(sensors, random, zigbee, "front-door", SensorKind.CONTACT, "hall", SensorRole.FRONT_DOOR, true);
        int button = add(sensors, random, zigbee, "help-button", SensorKind.BUTTON, "living", SensorRole.HELP_BUTTON, true);
        int hub = sensors.size();
        sensors.add(new SimSensor(new Sensor(HUB_SENSOR, SensorKind.HEARTBEAT, "hall", null, null), -1, 0, 255, 0, 0));

        Routine routine = routines.sample(random);
        Home home = new Home(
                id,
                Home.DEFAULT_TIMEZONE,
                new Resident(String.format(Locale.ROOT, "r%08x", (int) Seeds.mix(seed, index, 0x5245L)), initials(random)),
                zigbee ? List.of(new Hub(HubFormat.ZIGBEE2MQTT, "zigbee2mqtt/" + id)) : List.of(),
                sensors.stream().map(SimSensor::sensor).toList(),
                carers(random),
                new Carer("Installer", phone(random), null),
                null,
                Map.of());
        return new SimHome(index, home, routine, List.copyOf(sensors), Map.copyOf(motion), bed, kettle, door, button, hub);
    }

    private static int add(List<SimSensor> sensors, SplittableRandom random, boolean zigbee, String id, SensorKind kind,
                           String room, SensorRole role, boolean battery) {
        String device = zigbee ? id.replace('-', '_') : null;
        double start = -1;
        double drain = 0;
        if (battery) {
            boolean weak = random.nextDouble() < 0.03;
            start = weak ? 12 + 13 * random.nextDouble() : 55 + 45 * random.nextDouble();
            drain = weak ? 0.3 + 0.5 * random.nextDouble() : 0.05 + 0.2 * random.nextDouble();
        }
        long blind = kind == SensorKind.MOTION ? 30_000 + random.nextInt(30_001) : 0;
        long clear = kind == SensorKind.MOTION ? 20_000 + random.nextInt(20_001) : 0;
        sensors.add(new SimSensor(new Sensor(id, kind, room, role, device), start, drain, 40 + random.nextInt(181), blind, clear));
        return sensors.size() - 1;
    }

    private static String initials(SplittableRandom random) {
        return LETTERS.charAt(random.nextInt(LETTERS.length())) + "." + LETTERS.charAt(random.nextInt(LETTERS.length())) + ".";
    }

    private static List<Carer> carers(SplittableRandom random) {
        int count = 1 + random.nextInt(3);
        List<Carer> carers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            carers.add(new Carer("Carer " + (char) ('A' + i), phone(random), random.nextDouble() < 0.6 ? "22:00-07:00" : null));
        }
        return carers;
    }

    private static String phone(SplittableRandom random) {
        return String.format(Locale.ROOT, "+447700900%03d", random.nextInt(1000));
    }
}
