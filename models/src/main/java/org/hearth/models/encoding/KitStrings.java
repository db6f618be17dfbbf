package org.hearth.models.encoding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The strings a home's kit already knows (its id, the resident's, the sensor ids and the rooms, in an order the kit
 * fixes), so that a value kept per home refers to them by index instead of writing them (issue 18: the sensor ids
 * alone were a third of the hot value). A value written against a kit names it by its {@link #fingerprint}: read with
 * another kit (a sensor added or gone), the fingerprints differ and the reader needs the strings the value was written
 * against ({@link #encode}, kept by whoever keeps the value).
 *
 * <p>The fingerprint is a CRC-32C of the strings: two kits of one home that differ have the same fingerprint with a
 * probability of 2^-32 (then a reader would take one kit's strings for the other's).
 */
public final class KitStrings {

    /** No kit: every string is written in the value itself. Fingerprint 0, which no kit has. */
    public static final KitStrings NONE = new KitStrings(List.of());

    private final List<String> strings;
    private final Map<String, Integer> index;
    private final int fingerprint;

    private KitStrings(List<String> strings) {
        this.strings = List.copyOf(strings);
        this.index = new HashMap<>(strings.size() * 2);
        for (String s : this.strings) {
            index.putIfAbsent(s, index.size());
        }
        if (index.size() != this.strings.size()) {
            throw new IllegalArgumentException("a kit's strings are distinct: " + strings);
        }
        if (this.strings.isEmpty()) {
            this.fingerprint = 0;
        } else {
            CRC32C crc = new CRC32C();
            for (String s : this.strings) {
                crc.update(s.getBytes(StandardCharsets.UTF_8));
                crc.update(0);
            }
            int f = (int) crc.getValue();
            this.fingerprint = f == 0 ? 1 : f; // 0 is "no kit"
        }
    }

    /** The kit's strings in the order given (the caller fixes it: the same kit must always give the same order). */
    public static KitStrings of(List<String> strings) {
        return strings.isEmpty() ? NONE : new KitStrings(strings);
    }

    public int fingerprint() {
        return fingerprint;
    }

    public int size() {
        return strings.size();
    }

    public String get(int i) {
        return strings.get(i);
    }

    /** The index of {@code s}, or -1 when the kit does not know it. */
    public int indexOf(String s) {
        Integer i = index.get(s);
        return i == null ? -1 : i;
    }

    /**
     * A table for writing one value against this kit: a string the kit knows is its index, any other is added after
     * the kit's ({@link #extras}: the value writes those itself).
     */
    public Writing writing() {
        return new Writing();
    }

    /** A table for reading a value written against this kit, whose own strings ({@code extras}) follow the kit's. */
    public StringTable reading(List<String> extras) {
        return new StringTable() {
            @Override
            public int index(String s) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public String get(int i) {
                if (i < 0 || i >= strings.size() + extras.size()) {
                    throw new IllegalArgumentException("string " + i + " is neither in the kit (" + strings.size()
                            + ") nor in the value's own " + extras.size());
                }
                return i < strings.size() ? strings.get(i) : extras.get(i - strings.size());
            }
        };
    }

    /** See {@link #writing()}. */
    public final class Writing implements StringTable {
        private final List<String> extras = new ArrayList<>(0);
        private Map<String, Integer> extraIndex;

        @Override
        public int index(String s) {
            Integer i = index.get(s);
            if (i != null) {
                return i;
            }
            if (extraIndex == null) {
                extraIndex = new HashMap<>();
            }
            return extraIndex.computeIfAbsent(s, k -> {
                extras.add(k);
                return strings.size() + extras.size() - 1;
            });
        }

        @Override
        public String get(int i) {
            return i < strings.size() ? strings.get(i) : extras.get(i - strings.size());
        }

        /** The strings the kit does not know, in the order met: the value writes them. */
        public List<String> extras() {
            return extras;
        }
    }

    /** The strings as bytes (a varint count, then each as a varint length and UTF-8), for {@link #decode}; {@link Varints#writeStrings}. */
    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * strings.size() + 1);
            DataOutputStream out = new DataOutputStream(bytes);
            Varints.writeStrings(out, strings);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KitStrings decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            List<String> strings = Varints.readStrings(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after a kit's strings");
            }
            return of(strings);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt kit strings: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KitStrings k && k.fingerprint == fingerprint && k.strings.equals(strings);
    }

    @Override
    public int hashCode() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "KitStrings" + strings;
    }
}
