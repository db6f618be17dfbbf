package org.hearth.models.registry;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A registry's homes: an unmodifiable list (equal to any list of the same homes in the same order, as the
 * {@code List.copyOf} it replaces) that also finds a home by id. The index is derived from the homes, built on the
 * first look-up (a registry that is only validated or printed never pays for it), and is not part of the value.
 *
 * <p>The index is an open-addressing table of positions, 8-16 bytes per home (a {@code HashMap} would hold ~40), since
 * a million homes' registry is held by the job for its whole life.
 */
final class HomeList extends AbstractList<Home> implements RandomAccess {

    private final Home[] homes;
    /** Positions + 1 by the id's hash, linear probing; 0 is an empty slot. Null until the first look-up. */
    private volatile int[] slots;

    private HomeList(Home[] homes) {
        this.homes = homes;
    }

    /** The homes as an unmodifiable list; null homes are refused as {@code List.copyOf} refuses them. */
    static List<Home> of(List<Home> homes) {
        if (homes instanceof HomeList list) {
            return list; // immutable: share it, and its index
        }
        Home[] copy = homes.toArray(new Home[0]);
        for (Home h : copy) {
            Objects.requireNonNull(h);
        }
        return new HomeList(copy);
    }

    @Override
    public Home get(int index) {
        return homes[index];
    }

    @Override
    public int size() {
        return homes.length;
    }

    /** The first home with this id, or null. */
    Home byId(String id) {
        if (id == null) {
            return null;
        }
        int[] table = slots;
        if (table == null) {
            table = index(homes);
            slots = table; // a race builds the same table twice, harmlessly
        }
        int mask = table.length - 1;
        for (int i = slot(id, table.length); table[i] != 0; i = (i + 1) & mask) {
            Home h = homes[table[i] - 1];
            if (id.equals(h.id())) {
                return h;
            }
        }
        return null;
    }

    /** Slots a look-up of this id reads before it knows the answer (1 at best): what the table's spread is judged by. */
    int probes(String id) {
        byId(id); // builds the table if it is not yet built
        int[] table = slots;
        int mask = table.length - 1;
        int n = 1;
        for (int i = slot(id, table.length); table[i] != 0 && !id.equals(homes[table[i] - 1].id()); i = (i + 1) & mask) {
            n++;
        }
        return n;
    }

    private static int[] index(Home[] homes) {
        int capacity = Integer.highestOneBit(Math.max(2, homes.length * 2 - 1)) << 1; // load at most a half
        int[] table = new int[capacity];
        int mask = capacity - 1;
        for (int p = 0; p < homes.length; p++) {
            String id = homes[p].id();
            if (id == null) {
                continue; // the validator names it; no look-up can find it
            }
            int i = slot(id, capacity);
            while (table[i] != 0 && !id.equals(homes[table[i] - 1].id())) {
                i = (i + 1) & mask;
            }
            if (table[i] == 0) {
                table[i] = p + 1; // a repeated id keeps its first home
            }
        }
        return table;
    }

    /**
     * The id's home slot in a table of {@code capacity} (a power of two) slots: its hash through MurmurHash3's
     * finalizer. Fleet ids are sequential ("h1c12345", "h12346"), and String hashes of such ids are near each other:
     * their low bits (even with the high half folded in) filled runs of ~1,900 slots at a million homes, 9 slots read per
     * hit on average and 1,700 at worst; the finalizer's avalanche scatters neighbours over the whole table.
     */
    private static int slot(String id, int capacity) {
        int h = id.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & (capacity - 1);
    }
}
