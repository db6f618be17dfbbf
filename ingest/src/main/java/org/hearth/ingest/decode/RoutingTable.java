package org.hearth.ingest.decode;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
    public static final java.util.Set<String> RESERVED_SEGMENTS = java.util.Set.of("status", "control", "ack", "cmd");

    private final Map<String, Map<String, SensorBinding>> nativeSensors = new HashMap<>();
    /** base topic → device name → binding; bases sorted longest first for prefix matching. */
    private final Map<String, Map<String, DeviceBinding>> zigbee = new HashMap<>();
    private final List<String> zigbeeBases = new ArrayList<>();
    private final Map<String, DeviceBinding> shelly = new HashMap<>();
    private final Map<String, DeviceBinding> tasmota = new HashMap<>();

    private RoutingTable() {}

    /**
     * Builds the table from a validated registry.
     *
     * @throws IllegalArgumentException when two homes claim the same hub base or device
     */
    public static RoutingTable of(KitRegistry registry) {
        RoutingTable table = new RoutingTable();
        Map<String, String> baseOwner = new HashMap<>();
        for (Home home : registry.homes()) {
            ZoneId zone = home.zone();
            Map<String, SensorBinding> sensors = new HashMap<>();
            Map<String, List<SensorBinding>> byDevice = new HashMap<>();
            for (Sensor s : home.sensors()) {
                SensorBinding binding = new SensorBinding(home.id(), s.id(), s.kind());
                sensors.put(s.id(), binding);
                if (s.device() != null && !s.device().isBlank()) {
                    byDevice.computeIfAbsent(s.device(), d -> new ArrayList<>()).add(binding);
                }
            }
            table.nativeSensors.put(home.id(), sensors);
            for (Hub hub : home.hubs()) {
                Map<String, DeviceBinding> devices = new HashMap<>();
                byDevice.forEach((device, bound) -> devices.put(device, new DeviceBinding(home.id(), device, zone, bound)));
                switch (hub.format()) {
                    case ZIGBEE2MQTT -> {
                        String base = stripSlashes(hub.base());
                        String owner = baseOwner.putIfAbsent(base, home.id());
                        if (owner != null && !owner.equals(home.id())) {
                            throw new IllegalArgumentException("homes " + owner + " and " + home.id()
                                    + " both use zigbee2mqtt base topic '" + base + "'");
                        }
                        table.zigbee.computeIfAbsent(base, b -> new HashMap<>()).putAll(devices);
                    }
                    case SHELLY -> putDevices(table.shelly, devices, "shelly");
                    case TASMOTA -> putDevices(table.tasmota, devices, "tasmota");
                    case NATIVE -> { /* native topics are routed by home and sensor id */ }
                }
            }
        }
        table.zigbeeBases.addAll(table.zigbee.keySet());
        table.zigbeeBases.sort(Comparator.comparingInt(String::length).reversed());
        return table;
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
        return nativeSensors.containsKey(homeId);
    }

    public Optional<SensorBinding> nativeSensor(String homeId, String sensorId) {
        return Optional.ofNullable(nativeSensors.getOrDefault(homeId, Map.of()).get(sensorId));
    }

    /**
     * The registered Zigbee2MQTT base that {@code topic} lies under, longest first. Looks up the
     * topic's prefixes ending before each {@code /}, from the right, rather than scanning every
     * base: with 10,000 homes a scan cost 36x the decode itself (BENCHMARKS.md).
     */
    Optional<String> zigbeeBaseOf(String topic) {
        for (int i = topic.lastIndexOf('/'); i >= 0; i = i == 0 ? -1 : topic.lastIndexOf('/', i - 1)) {
            String prefix = topic.substring(0, i);
            if (zigbee.containsKey(prefix)) {
                return Optional.of(prefix);
            }
        }
        return Optional.empty();
    }

    Optional<DeviceBinding> zigbeeDevice(String base, String device) {
        return Optional.ofNullable(zigbee.getOrDefault(base, Map.of()).get(device));
    }

    Optional<DeviceBinding> shellyDevice(String device) {
        return Optional.ofNullable(shelly.get(device));
    }

    Optional<DeviceBinding> tasmotaDevice(String device) {
        return Optional.ofNullable(tasmota.get(device));
    }

    /**
     * The MQTT topic filters that cover every registered home and device: {@code hearth/+/+}, each
     * Zigbee2MQTT base with {@code /#} (friendly names may contain slashes), and each Shelly and
     * Tasmota device's own topics. Subscribing per device keeps other tenants' traffic out.
     */
    public List<String> topicFilters() {
        Set<String> filters = new LinkedHashSet<>();
        filters.add(NATIVE_ROOT + "/+/+");
        zigbeeBases.stream().sorted().forEach(b -> filters.add(b + "/#"));
        shelly.keySet().stream().sorted().forEach(d -> {
            filters.add(d + "/status/switch:0");
            filters.add(d + "/online");
        });
        tasmota.keySet().stream().sorted().forEach(d -> filters.add("tele/" + d + "/+"));
        return List.copyOf(filters);
    }
}
