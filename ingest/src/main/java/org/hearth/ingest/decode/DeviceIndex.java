package org.hearth.ingest.decode;

import java.io.Serializable;
import java.util.List;

/**
 * Zigbee2MQTT device topics, {@code {base}/{friendly_name}}, by the whole topic: the common message
 * (a device's state) finds its device in one probe sequence, with the topic's own cached hash, rather
 * than by looking its base up prefix by prefix and then the name under it (about half the cache misses
 * with 10,000 homes; BENCHMARKS.md, section 1). Keys are compared against the base and the device's
 * own name strings, so no topic string is kept per device.
 *
 * <p>Only topics that routing by prefix would send to that same device's state are here
 * ({@link RoutingTable}): the base is the longest registered one under the topic, and the name is
 * not one read as the bridge, a command or availability. Anything else takes the general route.
 */
final class DeviceIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A device topic: its base and its device. */
    record Entry(String base, DeviceBinding device) {}

    private final int[] hashes;
    private final String[] bases;
    private final DeviceBinding[] devices;
    private final int mask;

    DeviceIndex(List<Entry> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
        hashes = new int[capacity];
        bases = new String[capacity];
        devices = new DeviceBinding[capacity];
        mask = capacity - 1;
        for (Entry e : entries) {
            int h = (e.base() + "/" + e.device().device()).hashCode();
            int i = spread(h) & mask;
            while (devices[i] != null) {
                i = (i + 1) & mask;
            }
            hashes[i] = h;
            bases[i] = e.base();
            devices[i] = e.device();
        }
    }

    /** The device whose state {@code topic} carries, or null: take the general route. */
    DeviceBinding get(String topic) {
        int h = topic.hashCode();
        for (int i = spread(h) & mask; devices[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h) {
                String base = bases[i];
                String name = devices[i].device();
                if (topic.length() == base.length() + 1 + name.length() && topic.startsWith(base)
                        && topic.charAt(base.length()) == '/' && topic.startsWith(name, base.length() + 1)) {
                    return devices[i];
                }
            }
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
