package org.hearth.ingest.decode;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * Every registered sensor by {@code {homeId}/{sensorId}}, the part of a native topic after
 * {@code hearth/}, found in one probe sequence without building a string.
 *
 * <p>Why not a map of homes holding maps of sensors: with 10,000 homes the registry is not in the
 * processor's near caches when a message comes, and every object a look-up touches is a cache miss
 * (slot, key string, its characters, value, at each of the two levels). In an {@link AsciiKeyTable}
 * a probe reads three: the slot, the key's bytes and the binding (BENCHMARKS.md, section 1).
 *
 * <p>Ids are ASCII ({@code RegistryValidator}); a key with a character beyond one byte is left out,
 * and a miss here is only "not in this index": {@link RoutingTable} then looks the home and sensor up
 * the general way before it calls either unknown.
 */
final class SensorIndex implements Serializable {

    private static final long serialVersionUID = 2L;

    private final AsciiKeyTable<SensorBinding> table;

    SensorIndex(Collection<SensorBinding> sensors) {
        List<SensorBinding> bindings = List.copyOf(sensors);
        table = new AsciiKeyTable<>(bindings.stream().map(b -> b.homeId() + "/" + b.sensorId()).toList(), bindings);
    }

    /** The sensor whose {@code {homeId}/{sensorId}} is {@code topic} from {@code from} to its end, or null if not here. */
    SensorBinding get(String topic, int from) {
        return table.get(topic, from);
    }
}
