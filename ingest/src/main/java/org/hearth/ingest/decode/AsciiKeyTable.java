package org.hearth.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Keys of one-byte characters to values, in one open-addressed table whose probe reads a slot (the
 * key's hash and where its bytes are), the key's bytes in one array of all keys, and the value: with
 * 10,000 homes each object a look-up touches is a cache miss, and a map of strings touches the entry,
 * the key string and its characters besides ({@link SensorIndex}, {@link DeviceIndex}; BENCHMARKS.md,
 * section 1). A key is looked up in a part of a longer string without building it.
 *
 * <p>A key with a character beyond one byte or over 255 characters is left out: a miss here is only
 * "not in this table", and the callers then look the general way. Of two equal keys the first given wins.
 */
final class AsciiKeyTable<V> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per slot: the key's hash in the high half, 1 + its offset in {@link #keys} in the low half; 0 if empty. */
    private final long[] slots;
    private final Object[] values;
    /** Each key as its length (one byte) and its characters (one byte each), one after the other. */
    private final byte[] keys;
    private final int mask;

    /** {@code keyList.get(i)} to {@code valueList.get(i)}. */
    AsciiKeyTable(List<String> keyList, List<V> valueList) {
        if (keyList.size() != valueList.size()) {
            throw new IllegalArgumentException(keyList.size() + " keys for " + valueList.size() + " values");
        }
        int capacity = Integer.highestOneBit(Math.max(2, keyList.size()) * 2 - 1) << 1;
        slots = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        ByteArrayOutputStream pool = new ByteArrayOutputStream();
        for (int e = 0; e < keyList.size(); e++) {
            String key = keyList.get(e);
            if (key.length() > 255 || !key.chars().allMatch(c -> c <= 0xFF)) {
                continue;
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
            values[i] = valueList.get(e);
        }
        keys = pool.toByteArray();
    }

    /** The value whose key is {@code text} from {@code from} to its end, or null if not here. */
    @SuppressWarnings("unchecked")
    V get(String text, int from) {
        int h = from == 0 ? text.hashCode() : hashFrom(text, from); // a whole string's hash is cached
        int length = text.length() - from;
        for (int i = spread(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            long slot = slots[i];
            if ((int) (slot >>> 32) == h && matches((int) slot - 1, text, from, length)) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** {@link String#hashCode} of {@code text.substring(from)}, without the substring. */
    private static int hashFrom(String text, int from) {
        int h = 0;
        for (int i = from; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private boolean matches(int offset, String text, int from, int length) {
        if ((keys[offset] & 0xFF) != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if ((keys[offset + 1 + k] & 0xFF) != text.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
