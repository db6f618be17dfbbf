package org.hearth.ingest.decode;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Hub;
import org.hearth.models.registry.HubFormat;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.Sensor;

/**
 * The kit registry reduced to what topic routing needs, in a serializable form that a Flink
 * function can carry: which home and sensor a native topic names, which home a Zigbee2MQTT base
 * topic belongs to, and which sensors each hub device carries.
 *
 * <p>Built once from a validated {@link KitRegistry}. Two homes claiming the same hub base or the
 * same Shelly/Tasmota device would make routing ambiguous, so that is refused here.
 */
public final class RoutingTable implements Serializable {

    private static final long serialVersionUID = 1L;

    /** First segment of native topics: {@code hearth/{homeId}/{sensorId}}. */
    public static final String NATIVE_ROOT = "hearth";

    /**
     * Second segments under {@code hearth/} that carry Hearth's own messages, not a home's: learning
     * status, registry control, carers' acknowledgements, commands to a home's devices. No home may
     * take one of these as its id.
     */
    /**
     * The sensor id of a hub's own availability ({@code {base}/bridge/state}) in a home that
     * registers no heartbeat sensor of its own for the hub.
     */
    public static final String HUB_SENSOR = "hub";

    /** A Shelly component key: {@code switch:0}, {@code input:2}, {@code bthomesensor:200}. */
    private static final java.util.regex.Pattern SHELLY_COMPONENT = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*:[0-9]+");

    public static final java.util.Set<String> RESERVED_SEGMENTS = java.util.Set.of("status", "control", "ack", "cmd");

    /** home → sensor → binding: which homes exist, and a sensor by its ids. */
    private final RegionMap<RegionMap<SensorBinding>> nativeSensors;
    /** every native sensor by {@code {home}/{sensor}}: the per-message look-up. */
    private final SensorIndex sensorIndex;
    /** base topic → its home and devices, looked up by the topic's prefixes. */
    private final RegionMap<ZigbeeBase> zigbee;
    /** device state topics that the prefix route would send to that device: the per-message look-up. */
    private final DeviceIndex zigbeeDevices;
    /** home → the sensor id its hub's availability is reported under: homes with a Zigbee2MQTT hub only (its bridge's state). */
    private final Map<String, String> hubSensor;
    private final Map<String, DeviceBinding> shelly;
    private final Map<String, DeviceBinding> tasmota;

    /**
     * A Zigbee2MQTT base topic: the home that owns it and the devices under it.
     *
     * @param base the base topic without trailing slashes
     * @param homeId the home whose hub publishes under it
     * @param devices friendly name → binding
     */
    record ZigbeeBase(String base, String homeId, RegionMap<DeviceBinding> devices) implements Serializable {}

    private RoutingTable(Map<String, Map<String, SensorBinding>> nativeSensors, Map<String, Map<String, DeviceBinding>> zigbee,
                         Map<String, String> zigbeeHome, Map<String, String> hubSensor, Map<String, DeviceBinding> shelly,
                         Map<String, DeviceBinding> tasmota) {
        Map<String, RegionMap<SensorBinding>> homes = new HashMap<>();
        nativeSensors.forEach((home, sensors) -> homes.put(home, RegionMap.dense(sensors)));
        this.nativeSensors = RegionMap.of(homes);
        this.sensorIndex = new SensorIndex(nativeSensors.values().stream().flatMap(m -> m.values().stream()).toList());
        Map<String, ZigbeeBase> bases = new HashMap<>();
        zigbee.forEach((base, devices) -> bases.put(base, new ZigbeeBase(base, zigbeeHome.get(base), RegionMap.of(devices))));
        this.zigbee = RegionMap.of(bases);
        List<DeviceIndex.Entry> direct = new ArrayList<>();
        bases.forEach((base, b) -> zigbee.get(base).forEach((name, device) -> {
            if (!Zigbee2MqttDecoder.isSpecial(name) && zigbeeBase(base + "/" + name) == b) {
                direct.add(new DeviceIndex.Entry(base, device));
            }
        }));
        this.zigbeeDevices = new DeviceIndex(direct);
        this.hubSensor = hubSensor;
        this.shelly = shelly;
        this.tasmota = tasmota;
    }

    /**
     * Builds the table from a validated registry.
     *
     * @throws IllegalArgumentException when two homes claim the same hub base or device
     */
    public static RoutingTable of(KitRegistry registry) {
        Map<String, Map<String, SensorBinding>> nativeSensors = new HashMap<>();
        Map<String, Map<String, DeviceBinding>> zigbee = new HashMap<>();
        Map<String, String> zigbeeHome = new HashMap<>();
        Map<String, String> hubSensor = new HashMap<>();
        Map<String, DeviceBinding> shelly = new HashMap<>();
        Map<String, DeviceBinding> tasmota = new HashMap<>();
        Map<String, String> baseOwner = new HashMap<>();
        for (Home home : registry.homes()) {
            Map<String, SensorBinding> sensors = new HashMap<>();
            Map<String, List<SensorBinding>> byDevice = new HashMap<>();
            Map<String, List<SensorBinding>> byShellyId = new HashMap<>();
            for (Sensor s : home.sensors()) {
                SensorBinding binding = new SensorBinding(home.id(), s.id(), s.kind());
                sensors.put(s.id(), binding);
                if (s.device() != null && !s.device().isBlank()) {
                    byDevice.computeIfAbsent(s.device(), d -> new ArrayList<>()).add(binding);
                    // Shelly: "<id>/<component>" binds one component of a multi-component device.
                    // Only a component-shaped suffix counts: a Zigbee2MQTT friendly name may hold '/' too.
                    int slash = s.device().lastIndexOf('/');
                    boolean hasComponent = slash > 0 && SHELLY_COMPONENT.matcher(s.device().substring(slash + 1)).matches();
                    String id = hasComponent ? s.device().substring(0, slash) : s.device();
                    String component = hasComponent ? s.device().substring(slash + 1) : null;
                    byShellyId.computeIfAbsent(id, d -> new ArrayList<>())
                            .add(new SensorBinding(home.id(), s.id(), s.kind(), component));
                }
            }
            nativeSensors.put(home.id(), sensors);
            for (Hub hub : home.hubs()) {
                ZoneId zone = hub.zone(home.zone());
                int occupancyTimeout = hub.occupancyTimeoutSeconds();
                Map<String, DeviceBinding> devices = new HashMap<>();
                byDevice.forEach((device, bound) -> devices.put(device,
                        new DeviceBinding(home.id(), device, zone, bound, occupancyTimeout)));
                switch (hub.format()) {
                    case ZIGBEE2MQTT -> {
                        String base = stripSlashes(hub.base());
                        String owner = baseOwner.putIfAbsent(base, home.id());
                        if (owner != null && !owner.equals(home.id())) {
                            throw new IllegalArgumentException("homes " + owner + " and " + home.id()
                                    + " both use zigbee2mqtt base topic '" + base + "'");
                        }
                        zigbee.computeIfAbsent(base, b -> new HashMap<>()).putAll(devices);
                        zigbeeHome.put(base, home.id());
                        hubSensor.put(home.id(), hubSensorOf(home));
                    }
                    case SHELLY -> {
                        Map<String, DeviceBinding> shellyDevices = new HashMap<>();
                        byShellyId.forEach((id, bound) -> shellyDevices.put(id,
                                new DeviceBinding(home.id(), id, zone, bound, occupancyTimeout)));
                        putDevices(shelly, shellyDevices, "shelly");
                    }
                    case TASMOTA -> putDevices(tasmota, devices, "tasmota");
                    case NATIVE -> { /* native topics are routed by home and sensor id */ }
                }
            }
        }
        return new RoutingTable(nativeSensors, zigbee, zigbeeHome, hubSensor, shelly, tasmota);
    }

    /**
     * The sensor id a hub's own availability is reported under: the home's registered heartbeat
     * sensor that belongs to no device (the hub itself), else {@link #HUB_SENSOR}. The detection
     * job treats either as the hub (a heartbeat sensor, or one the kit does not list).
     */
    private static String hubSensorOf(Home home) {
        for (Sensor s : home.sensors()) {
            if (s.kind() == org.hearth.models.event.SensorKind.HEARTBEAT && (s.device() == null || s.device().isBlank())) {
                return s.id();
            }
        }
        return HUB_SENSOR;
    }

    private static void putDevices(Map<String, DeviceBinding> into, Map<String, DeviceBinding> devices, String format) {
        devices.forEach((device, binding) -> {
            DeviceBinding previous = into.putIfAbsent(device, binding);
            if (previous != null && !previous.homeId().equals(binding.homeId())) {
                throw new IllegalArgumentException("homes " + previous.homeId() + " and " + binding.homeId()
                        + " both claim " + format + " device '" + device + "'");
            }
        });
    }

    private static String stripSlashes(String base) {
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }

    public boolean hasHome(String homeId) {
        return nativeSensors.get(homeId) != null;
    }

    public Optional<SensorBinding> nativeSensor(String homeId, String sensorId) {
        RegionMap<SensorBinding> sensors = nativeSensors.get(homeId);
        return Optional.ofNullable(sensors == null ? null : sensors.get(sensorId));
    }

    /**
     * The sensor of a native topic whose home id is {@code topic[homeFrom, homeTo)} and sensor id
     * the rest after the slash, or null if the registry has none.
     */
    SensorBinding nativeSensorAt(String topic, int homeFrom, int homeTo) {
        SensorBinding sensor = sensorIndex.get(topic, homeFrom);
        if (sensor != null) {
            return sensor;
        }
        // Not in the index (an unknown topic, or an id the index cannot hold): the general way.
        RegionMap<SensorBinding> sensors = nativeSensors.get(topic, homeFrom, homeTo);
        return sensors == null ? null : sensors.get(topic, homeTo + 1, topic.length());
    }

    /** The sensors of the home named by {@code topic[from, to)}, or null if there is no such home. */
    RegionMap<SensorBinding> nativeHome(String topic, int from, int to) {
        return nativeSensors.get(topic, from, to);
    }

    /**
     * The registered Zigbee2MQTT base that {@code topic} lies under, longest first, or null. Looks
     * up the topic's prefixes ending before each {@code /}, from the right, rather than scanning
     * every base: with 10,000 homes a scan cost 36x the decode itself (BENCHMARKS.md).
     */
    ZigbeeBase zigbeeBase(String topic) {
        for (int i = topic.lastIndexOf('/'); i >= 0; i = i == 0 ? -1 : topic.lastIndexOf('/', i - 1)) {
            ZigbeeBase base = zigbee.get(topic, 0, i);
            if (base != null) {
                return base;
            }
        }
        return null;
    }

    /**
     * The device whose state {@code topic} carries when the route by prefix ({@link #zigbeeBase},
     * then the name under it) could only lead there, else null.
     */
    DeviceBinding zigbeeDeviceAt(String topic) {
        return zigbeeDevices.get(topic);
    }

    /** {@link #zigbeeBase}'s topic, if any. */
    Optional<String> zigbeeBaseOf(String topic) {
        return Optional.ofNullable(zigbeeBase(topic)).map(ZigbeeBase::base);
    }

    /** The home whose Zigbee2MQTT bridge publishes under {@code base}, and its hub's sensor id. */
    SensorBinding zigbeeBridge(ZigbeeBase base) {
        return new SensorBinding(base.homeId(), hubSensor.get(base.homeId()), org.hearth.models.event.SensorKind.AVAILABILITY);
    }

    Optional<DeviceBinding> shellyDevice(String device) {
        return Optional.ofNullable(shelly.get(device));
    }

    Optional<DeviceBinding> tasmotaDevice(String device) {
        return Optional.ofNullable(tasmota.get(device));
    }

    /**
     * The MQTT topic filters that cover every registered home and device: {@code hearth/+/+}, each
     * Zigbee2MQTT base with {@code /#} (friendly names may contain slashes), each Shelly device's
     * Gen2+ topics ({@code status/+}, {@code events/rpc}, {@code online}) and Gen1 topics
     * ({@code shellies/{id}/#}), and each Tasmota device's {@code tele/} and {@code stat/} topics.
     * Subscribing per device keeps other tenants' traffic out.
     */
    public List<String> topicFilters() {
        Set<String> filters = new LinkedHashSet<>();
        filters.add(NATIVE_ROOT + "/+/+");
        zigbee.keys().stream().sorted().forEach(b -> filters.add(b + "/#"));
        shelly.keySet().stream().sorted().forEach(d -> {
            filters.add(d + "/status/+");
            filters.add(d + "/events/rpc");
            filters.add(d + "/online");
            filters.add("shellies/" + d + "/#");
        });
        tasmota.keySet().stream().sorted().forEach(d -> {
            filters.add("tele/" + d + "/+");
            filters.add("stat/" + d + "/+");
        });
        return List.copyOf(filters);
    }
}
