package org.hearth.ingest.decode;

import java.io.Serializable;
import java.util.List;

/**
 * Zigbee2MQTT device topics, {@code {base}/{friendly_name}}, by the whole topic: the common message
 * (a device's state) finds its device in one probe sequence, with the topic's own cached hash, rather
 * than by looking its base up prefix by prefix and then the name under it (about half the cache misses
 * with 10,000 homes; BENCHMARKS.md, section 1).
 *
 * <p>As in {@link SensorIndex}, the topics are in an {@link AsciiKeyTable}, so a probe reads a slot, the
 * key's bytes and the binding, not the base's and the name's strings and their characters (with
 * 10,000 homes each is a cache miss: a fifth of a Zigbee2MQTT message's decode went to comparing
 * them). A topic with a character beyond one byte or over 255 characters is left out.
 *
 * <p>Only topics that routing by prefix would send to that same device's state are here
 * ({@link RoutingTable}): the base is the longest registered one under the topic, and the name is
 * not one read as the bridge, a command or availability. Anything else takes the general route.
 */
final class DeviceIndex implements Serializable {

    private static final long serialVersionUID = 3L;

    /** A device topic: its base and its device. */
    record Entry(String base, DeviceBinding device) {}

    private final AsciiKeyTable<DeviceBinding> table;

    DeviceIndex(List<Entry> entries) {
        table = new AsciiKeyTable<>(entries.stream().map(e -> e.base() + "/" + e.device().device()).toList(),
                entries.stream().map(Entry::device).toList());
    }

    /** The device whose state {@code topic} carries, or null: take the general route. */
    DeviceBinding get(String topic) {
        return table.get(topic, 0);
    }
}
