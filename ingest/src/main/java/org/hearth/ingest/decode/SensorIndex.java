package org.hearth.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.Collection;

/**
 * Every registered sensor by {@code {homeId}/{sensorId}}, the part of a native topic after
 * {@code hearth/}, found in one probe sequence without building a string.
 *
 * <p>Why not a map of homes holding maps of sensors: with 10,000 homes the registry is not in the
 * processor's near caches when a message comes, and every object a look-up touches is a cache miss
 * (slot, key string, its characters, value, at each of the two levels). Here a probe reads one slot
 * (hash and where the key is), the key's bytes in one array of all keys, and the binding: three
 * misses instead of about ten (BENCHMARKS.md, section 1).
 *
 * <p>Ids are ASCII ({@code RegistryValidator}); a key with a character beyond one byte is left out,
 * and a miss here is only "not in this index": {@link RoutingTable} then looks the home and sensor up
 * the general way before it calls either unknown.
 */
final class SensorIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per slot: the key's hash in the high half, 1 + its offset in {@link #keys} in the low half; 0 if empty. */
    private final long[] slots;
    private final SensorBinding[] bindings;
    /** Each key as its length (one byte) and its characters (one byte each), one after the other. */
    private final byte[] keys;
    private final int mask;

    SensorIndex(Collection<SensorBinding> sensors) {
        int capacity = Integer.highestOneBit(Math.max(2, sensors.size()) * 2 - 1) << 1;
        slots = new long[capacity];
        bindings = new SensorBinding[capacity];
        mask = capacity - 1;
        ByteArrayOutputStream pool = new ByteArrayOutputStream();
        for (SensorBinding b : sensors) {
            String key = b.homeId() + "/" + b.sensorId();
            if (key.length() > 255 || !key.chars().allMatch(c -> c <= 0xFF)) {
                continue; // the general look-up finds it
            }
            int offset = pool.size();
            pool.write(key.length());
            for (int k = 0; k < key.length(); k++) {
                pool.write(key.charAt(k));
            }
            int h = key.hashCode();
            int i = spread(h) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = ((long) h << 32) | (offset + 1L);
            bindings[i] = b;
        }
        keys = pool.toByteArray();
    }

    /** The sensor whose {@code {homeId}/{sensorId}} is {@code topic} from {@code from} to its end, or null if not here. */
    SensorBinding get(String topic, int from) {
        int h = 0;
        for (int i = from; i < topic.length(); i++) {
            h = 31 * h + topic.charAt(i);
        }
        int length = topic.length() - from;
        for (int i = spread(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            long slot = slots[i];
            if ((int) (slot >>> 32) == h && matches((int) slot - 1, topic, from, length)) {
                return bindings[i];
            }
        }
        return null;
    }

    private boolean matches(int offset, String topic, int from, int length) {
        if ((keys[offset] & 0xFF) != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if ((keys[offset + 1 + k] & 0xFF) != topic.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
