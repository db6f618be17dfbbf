package org.hearth.models.rules;

import java.io.IOException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.Set;
import org.hearth.models.day.TimeBand;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.Varints;

/**
 * The stillness limits of stored {@link DayLimits} (format 3 and later: no room names, the kit's rooms in their sorted
 * order), each room's four bands decoded on its first use. The hot limits are read on every event, which looks up the
 * limit of the room the person was last seen in (and the unseen rooms' while some are): decoding every room's bands
 * into objects per event was most of the limits' decoding (issue 18, hot-15). Reading walks every room's numbers once,
 * so a corrupt blob is refused when read, as before.
 *
 * <p>Iterates in the rooms' order, which is the sorted one a {@code TreeMap} of the same limits has: written back,
 * the limits give the bytes they were read from.
 */
final class StoredStillness extends AbstractMap<String, StillnessRule.Limit[]> {

    private static final int BANDS = TimeBand.values().length;

    private final byte[] bytes;
    private final List<String> rooms;
    /** Where each room's bands start in {@link #bytes}. */
    private final int[] starts;
    private final StillnessRule.Limit[][] decoded;

    private StoredStillness(byte[] bytes, List<String> rooms, int[] starts) {
        this.bytes = bytes;
        this.rooms = rooms;
        this.starts = starts;
        this.decoded = new StillnessRule.Limit[rooms.size()][];
    }

    /**
     * Reads past the stillness limits of {@code rooms} (the kit's, sorted: they name the stored entries) at {@code in}'s
     * position in {@code bytes}, checking their form, and returns them to be decoded room by room.
     */
    static StoredStillness read(Bytes.In in, byte[] bytes, List<String> rooms) throws IOException {
        int[] starts = new int[rooms.size()];
        for (int r = 0; r < starts.length; r++) {
            starts[r] = bytes.length - in.available();
            skipRoom(in, rooms.get(r));
        }
        return new StoredStillness(bytes, rooms, starts);
    }

    /** Reads past one room's bands (format 3: a band as the one before it is a 0). */
    static void skipRoom(Bytes.In in, String room) throws IOException {
        for (int b = 0; b < BANDS; b++) {
            long limit = Varints.readUnsigned(in);
            if (limit == 0) {
                if (b == 0) {
                    throw new IOException("the first band of " + room + " refers to a band before it");
                }
                continue;
            }
            Varints.readSigned(in);
        }
    }

    /** One room's bands (format 2 and later), each a {@link StillnessRule.Limit} of {@code room}. */
    static StillnessRule.Limit[] readRoom(Bytes.In in, String room) throws IOException {
        StillnessRule.Limit[] byBand = new StillnessRule.Limit[BANDS];
        for (int b = 0; b < byBand.length; b++) {
            long limit = Varints.readUnsigned(in);
            if (limit == 0) {
                if (b == 0) {
                    throw new IOException("the first band of " + room + " refers to a band before it");
                }
                byBand[b] = byBand[b - 1]; // the same limit (a record: sharing it is safe)
                continue;
            }
            long usual = Varints.readSigned(in);
            byBand[b] = new StillnessRule.Limit(room, Duration.ofSeconds(limit - 1),
                    usual < 0 ? OptionalDouble.empty() : OptionalDouble.of(usual / 60.0));
        }
        return byBand;
    }

    private StillnessRule.Limit[] room(int r) {
        StillnessRule.Limit[] byBand = decoded[r];
        if (byBand == null) {
            Bytes.In in = new Bytes.In(bytes);
            in.skip(starts[r]);
            try {
                byBand = readRoom(in, rooms.get(r));
            } catch (IOException e) { // read checked these bytes' form already
                throw new IllegalStateException("limits changed after they were read", e);
            }
            decoded[r] = byBand;
        }
        return byBand;
    }

    @Override
    public StillnessRule.Limit[] get(Object room) {
        int r = rooms.indexOf(room); // a handful of rooms: no faster than a search, and no order assumed
        return r < 0 ? null : room(r);
    }

    @Override
    public boolean containsKey(Object room) {
        return rooms.contains(room);
    }

    @Override
    public int size() {
        return rooms.size();
    }

    @Override
    public Set<Entry<String, StillnessRule.Limit[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, StillnessRule.Limit[]>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < rooms.size();
                    }

                    @Override
                    public Entry<String, StillnessRule.Limit[]> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int r = next++;
                        return new SimpleImmutableEntry<>(rooms.get(r), room(r));
                    }
                };
            }

            @Override
            public int size() {
                return rooms.size();
            }
        };
    }
}
