package org.hearth.ingest.decode;

import java.io.Serializable;
import java.util.Map;

/**
 * An immutable map from strings that is looked up by a region of a longer string, so that routing
 * a topic ({@code hearth/h1/pir}, {@code zigbee2mqtt/h2/hall/pir}) finds its home, base or device
 * without cutting the topic into new strings, one per segment and message: with 10,000 homes the
 * topic split and the look-ups of the strings it built were a fifth of the decode time
 * (BENCHMARKS.md, section 1).
 *
 * <p>Open addressing, at most half full ({@link #of}) or three quarters ({@link #dense}); each slot keeps its key's {@link String#hashCode}, so a
 * probe compares characters only when the hash matches.
 *
 * @param <V> the value type
 */
final class RegionMap<V> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Key at {@code 2i}, its value at {@code 2i + 1}: one cache line gives both. */
    private final Object[] slots;
    private final int[] hashes;
    private final int mask;
    private final int size;

    private RegionMap(Map<String, ? extends V> map, int capacity) {
        slots = new Object[2 * capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        size = map.size();
        map.forEach((key, value) -> {
            int h = key.hashCode();
            int i = spread(h) & mask;
            while (slots[2 * i] != null) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = key;
            slots[2 * i + 1] = value;
            hashes[i] = h;
        });
    }

    /** A copy of {@code map} (its keys and values must not be null). */
    static <V> RegionMap<V> of(Map<String, ? extends V> map) {
        return new RegionMap<>(map, Integer.highestOneBit(Math.max(2, map.size()) * 2 - 1) << 1);
    }

    /**
     * A copy of {@code map} at most three quarters full: for the many small maps (a home's sensors) that are held per
     * home and looked up off the per-message path, where half the slots empty cost ~190 bytes a home (BENCHMARKS.md,
     * the registry's heap). A miss probes further than in {@link #of}'s; there is always an empty slot to end it.
     */
    static <V> RegionMap<V> dense(Map<String, ? extends V> map) {
        int atLeast = Math.max(2, map.size() + (map.size() + 2) / 3);
        return new RegionMap<>(map, Integer.highestOneBit(atLeast - 1) << 1);
    }

    /** The value for the key equal to {@code s[from, to)}, or null. */
    @SuppressWarnings("unchecked")
    V get(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int length = to - from;
        for (int i = spread(h) & mask; slots[2 * i] != null; i = (i + 1) & mask) {
            String key = (String) slots[2 * i];
            if (hashes[i] == h && key.length() == length && s.regionMatches(from, key, 0, length)) {
                return (V) slots[2 * i + 1];
            }
        }
        return null;
    }

    /** The value for {@code key}, or null. */
    V get(String key) {
        return get(key, 0, key.length());
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    java.util.List<String> keys() {
        java.util.List<String> out = new java.util.ArrayList<>(size);
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != null) {
                out.add((String) slots[i]);
            }
        }
        return out;
    }

    /** Spreads the high bits down, as HashMap does, so keys differing only there do not collide. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
