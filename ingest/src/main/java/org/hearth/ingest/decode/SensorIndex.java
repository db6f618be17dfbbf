package org.hearth.ingest.decode;

import java.io.Serializable;
import java.util.Collection;

/**
 * Every registered sensor by {@code {homeId}/{sensorId}}, the part of a native topic after
 * {@code hearth/}, found in one probe sequence without building a string.
 *
 * <p>Why not a map of homes holding maps of sensors: with 10,000 homes the registry is not in the
 * processor's near caches when a message comes, and each level costs its own chain of misses
 * (slot, key, key's characters, value); one level and keys compared against the binding's own id
 * strings roughly halve them (BENCHMARKS.md, section 1). Ids never hold {@code /}
 * ({@code RegistryValidator}), so {@code home/sensor} splits one way only.
 */
final class SensorIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] hashes;
    private final SensorBinding[] bindings;
    private final int mask;

    SensorIndex(Collection<SensorBinding> sensors) {
        int capacity = Integer.highestOneBit(Math.max(2, sensors.size()) * 2 - 1) << 1;
        hashes = new int[capacity];
        bindings = new SensorBinding[capacity];
        mask = capacity - 1;
        for (SensorBinding b : sensors) {
            int h = hash(b);
            int i = spread(h) & mask;
            while (bindings[i] != null) {
                i = (i + 1) & mask;
            }
            hashes[i] = h;
            bindings[i] = b;
        }
    }

    /** The sensor whose {@code {homeId}/{sensorId}} is {@code topic} from {@code from} to its end, or null. */
    SensorBinding get(String topic, int from) {
        int h = 0;
        for (int i = from; i < topic.length(); i++) {
            h = 31 * h + topic.charAt(i);
        }
        int length = topic.length() - from;
        for (int i = spread(h) & mask; bindings[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h && matches(bindings[i], topic, from, length)) {
                return bindings[i];
            }
        }
        return null;
    }

    private static boolean matches(SensorBinding b, String topic, int from, int length) {
        String home = b.homeId();
        String sensor = b.sensorId();
        return length == home.length() + 1 + sensor.length() && topic.startsWith(home, from)
                && topic.charAt(from + home.length()) == '/' && topic.startsWith(sensor, from + home.length() + 1);
    }

    /** {@code (homeId + "/" + sensorId).hashCode()}, without the string. */
    private static int hash(SensorBinding b) {
        int h = b.homeId().hashCode();
        h = 31 * h + '/';
        String sensor = b.sensorId();
        for (int i = 0; i < sensor.length(); i++) {
            h = 31 * h + sensor.charAt(i);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
