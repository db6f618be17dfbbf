package org.hearth.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Zigbee2MQTT device topics, {@code {base}/{friendly_name}}, by the whole topic: the common message
 * (a device's state) finds its device in one probe sequence, with the topic's own cached hash, rather
 * than by looking its base up prefix by prefix and then the name under it (about half the cache misses
 * with 10,000 homes; BENCHMARKS.md, section 1).
 *
 * <p>As in {@link SensorIndex}, a probe reads one slot (hash and where the key is), the key's bytes in
 * one array of all keys, and the binding, not the base's and the name's strings and their characters
 * (with 10,000 homes each is a cache miss: a fifth of a Zigbee2MQTT message's decode went to comparing
 * them). A topic with a character beyond one byte or over 255 characters is left out.
 *
 * <p>Only topics that routing by prefix would send to that same device's state are here
 * ({@link RoutingTable}): the base is the longest registered one under the topic, and the name is
 * not one read as the bridge, a command or availability. Anything else takes the general route.
 */
final class DeviceIndex implements Serializable {

    private static final long serialVersionUID = 2L;

    /** A device topic: its base and its device. */
    record Entry(String base, DeviceBinding device) {}

    /** Per slot: the topic's hash in the high half, 1 + its offset in {@link #keys} in the low half; 0 if empty. */
    private final long[] slots;
    private final DeviceBinding[] devices;
    /** Each topic as its length (one byte) and its characters (one byte each), one after the other. */
    private final byte[] keys;
    private final int mask;

    DeviceIndex(List<Entry> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
        slots = new long[capacity];
        devices = new DeviceBinding[capacity];
        mask = capacity - 1;
        ByteArrayOutputStream pool = new ByteArrayOutputStream();
        for (Entry e : entries) {
            String topic = e.base() + "/" + e.device().device();
            if (topic.length() > 255 || !topic.chars().allMatch(c -> c <= 0xFF)) {
                continue; // the general route finds it
            }
            int offset = pool.size();
            pool.write(topic.length());
            for (int k = 0; k < topic.length(); k++) {
                pool.write(topic.charAt(k));
            }
            int h = topic.hashCode();
            int i = spread(h) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = ((long) h << 32) | (offset + 1L);
            devices[i] = e.device();
        }
        keys = pool.toByteArray();
    }

    /** The device whose state {@code topic} carries, or null: take the general route. */
    DeviceBinding get(String topic) {
        int h = topic.hashCode();
        for (int i = spread(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            long slot = slots[i];
            if ((int) (slot >>> 32) == h && matches((int) slot - 1, topic)) {
                return devices[i];
            }
        }
        return null;
    }

    private boolean matches(int offset, String topic) {
        int length = topic.length();
        if ((keys[offset] & 0xFF) != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if ((keys[offset + 1 + k] & 0xFF) != topic.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
