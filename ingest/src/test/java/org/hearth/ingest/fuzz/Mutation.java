package org.hearth.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change to a seed payload, as a mutation fuzzer makes them: flip a bit, insert random bytes or
 * a token from a dictionary of known troublemakers, delete, duplicate, truncate, splice another
 * seed in. Positions are fractions of the length, so a mutation applies to any seed.
 */
sealed interface Mutation {

    byte[] apply(byte[] in);

    /** Tokens that broke, or could break, a JSON decoder or the files behind it. */
    List<byte[]> DICTIONARY = List.of(
            ascii("\"\\ud800\""), ascii("\"\\udfff\\ud800\""), ascii("\"\\u0000\""), ascii("\"\\u001b[2J\""),
            ascii("NaN"), ascii("Infinity"), ascii("-Infinity"), ascii("1e400"), ascii("-1e400"), ascii("-0"),
            ascii("18446744073709551666"), ascii("0.0000000000000000000000000001"), ascii("1" + "0".repeat(80)),
            ascii("null"), ascii("true"), ascii("false"), ascii("\"\""), ascii("{}"), ascii("[]"),
            ascii("\""), ascii("{"), ascii("}"), ascii("["), ascii("]"), ascii(","), ascii(":"), ascii("\\"),
            ascii("[".repeat(40)), ascii("{\"a\":".repeat(40)),
            ascii("\"ts\":\"+999999999-12-31T23:59:59Z\""), ascii("\"ts\":\"-999999999-01-01T00:00:00Z\""),
            ascii("\"ts\":\"2026-11-23T09:59:00Z\""), ascii("\"ts\":\"1970-01-01T00:00:00Z\""),
            ascii("\"kind\":\"button\""), ascii("\"kind\":\"heartbeat\""), ascii("\"value\":"), ascii("\"value\":1"),
            ascii("\"battery\":"), ascii("\"linkquality\":"), ascii("\"last_seen\":"), ascii("\"occupancy\":"),
            ascii("\"contact\":"), ascii("\"action\":\""), ascii("\"state\":\"ON\""), ascii("\"apower\":"),
            ascii("\"output\":"), ascii("\"Time\":\""), ascii("\"ENERGY\":{\"Power\":"), ascii("\"POWER\":\""),
            ascii("\"Switch1\":\"ON\""), ascii("\"x\":\"" + "y".repeat(300) + "\""),
            bytes(0xC3, 0x28), bytes(0xED, 0xA0, 0x80), bytes(0xF0, 0x9F, 0x98), bytes(0xFF), bytes(0xFE, 0xFF),
            bytes(0xEF, 0xBB, 0xBF), bytes(0x00), bytes(0x0A), bytes(0x0D), "\u00e9\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));

    record FlipBit(double at, int bit) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[index(at, in.length - 1)] ^= (byte) (1 << bit);
            return out;
        }
    }

    record Insert(double at, byte[] bytes) implements Mutation {
        public byte[] apply(byte[] in) {
            int i = index(at, in.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + bytes.length);
            out.write(in, 0, i);
            out.write(bytes, 0, bytes.length);
            out.write(in, i, in.length - i);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "Insert[at=" + at + ", bytes=" + Arrays.toString(bytes) + "]";
        }
    }

    record Delete(double at, int length) implements Mutation {
        public byte[] apply(byte[] in) {
            int i = index(at, in.length);
            int end = Math.min(in.length, i + length);
            byte[] out = new byte[in.length - (end - i)];
            System.arraycopy(in, 0, out, 0, i);
            System.arraycopy(in, end, out, i, in.length - end);
            return out;
        }
    }

    record Duplicate(double at, int length, int times) implements Mutation {
        public byte[] apply(byte[] in) {
            int i = index(at, in.length);
            int end = Math.min(in.length, i + length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(in, 0, end);
            for (int t = 0; t < times; t++) {
                out.write(in, i, end - i);
            }
            out.write(in, end, in.length - end);
            return out.toByteArray();
        }
    }

    record Truncate(double at) implements Mutation {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, index(at, in.length));
        }
    }

    record Splice(double at, byte[] other, double from) implements Mutation {
        public byte[] apply(byte[] in) {
            int i = index(at, in.length);
            int j = index(from, other.length);
            byte[] out = Arrays.copyOf(in, i + other.length - j);
            System.arraycopy(other, j, out, i, other.length - j);
            return out;
        }

        @Override
        public String toString() {
            return "Splice[at=" + at + ", other=" + new String(other, StandardCharsets.UTF_8) + ", from=" + from + "]";
        }
    }

    static Arbitrary<Mutation> any(List<byte[]> seeds) {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(at, Arbitraries.integers().between(0, 7)).as(FlipBit::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(at, Arbitraries.of(DICTIONARY)).as(Insert::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)).as(Insert::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, Arbitraries.integers().between(1, 16)).as(Delete::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(at, Arbitraries.integers().between(1, 32), Arbitraries.integers().between(1, 50)).as(Duplicate::new)),
                net.jqwik.api.Tuple.of(1, at.map(Truncate::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(at, Arbitraries.of(seeds), at).as(Splice::new)));
    }

    private static int index(double at, int length) {
        return (int) Math.min(length, Math.floor(at * (length + 1)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
