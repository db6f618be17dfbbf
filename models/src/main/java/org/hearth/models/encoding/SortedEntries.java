package org.hearth.models.encoding;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Entries read back in the order a {@code TreeMap} of string keys wrote them, gathered and then made a {@link TreeMap}
 * in one linear pass ({@code TreeMap}'s constructor from a sorted map), where putting them one by one compares keys
 * along the tree's height for each (the sensor tracks, read on every event: issue 18, hot-15). Keys that are not in
 * strictly ascending order (a value not written so) are put one by one, as before: the map is the same either way.
 * Not thread-safe: one per map read.
 */
public final class SortedEntries<V> {

    private String[] keys;
    private Object[] values;
    private int size;
    private boolean ascending = true;

    public SortedEntries(int expected) {
        int n = Math.max(1, Math.min(expected, 1024)); // a corrupt count does not reserve memory for itself
        keys = new String[n];
        values = new Object[n];
    }

    public void add(String key, V value) {
        java.util.Objects.requireNonNull(key, "a map key"); // as TreeMap.put refuses one
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && ascending && keys[size - 1].compareTo(key) >= 0) {
            ascending = false;
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The entries added, as a map: a later key equal to an earlier one replaces its value, as {@code put} does. */
    public TreeMap<String, V> toTreeMap() {
        if (ascending) {
            return new TreeMap<>(new View());
        }
        TreeMap<String, V> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(keys[i], value(i));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    /** The entries as the sorted map {@code TreeMap}'s linear constructor asks for: its size and entries, in order. */
    private final class View extends AbstractMap<String, V> implements SortedMap<String, V> {

        @Override
        public Comparator<? super String> comparator() {
            return null; // the keys' natural order, as the maps they were written from
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, V> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], value(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        @Override
        public SortedMap<String, V> subMap(String fromKey, String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, V> headMap(String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, V> tailMap(String fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String firstKey() {
            return keys[0];
        }

        @Override
        public String lastKey() {
            return keys[size - 1];
        }
    }
}
