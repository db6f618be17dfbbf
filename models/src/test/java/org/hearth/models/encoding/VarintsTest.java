package org.hearth.models.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** LEB128 varints through the lock-free byte streams: every length comes back, in the bytes LEB128 defines. */
class VarintsTest {

    private static byte[] unsigned(long v) throws Exception {
        Bytes.Out bytes = new Bytes.Out(4);
        Varints.writeUnsigned(new DataOutputStream(bytes), v);
        return bytes.toByteArray();
    }

    @Test
    void unsignedValuesTakeSevenBitsPerByteAndComeBack() throws Exception {
        long[] values = {0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, Integer.MAX_VALUE, Long.MAX_VALUE};
        int[] lengths = {1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 9};
        for (int i = 0; i < values.length; i++) {
            byte[] b = unsigned(values[i]);
            assertThat(b).as("%d", values[i]).hasSize(lengths[i]);
            assertThat(Varints.readUnsigned(new DataInputStream(new Bytes.In(b)))).isEqualTo(values[i]);
        }
        assertThat(unsigned(300)).containsExactly(0xAC, 0x02); // LEB128's own example
    }

    @Test
    void signedValuesAreZigZaggedAndManyInOneStreamComeBackInOrder() throws Exception {
        // every long, the extremes included (zig-zag uses the top bit for magnitudes of 2^62 and more)
        long[] values = {0, -1, 1, -64, 64, -65, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, -1_764_000_000L,
            Long.MIN_VALUE, Long.MAX_VALUE, (1L << 62), -(1L << 62) - 1};
        Bytes.Out bytes = new Bytes.Out(4); // grows as it goes
        DataOutputStream out = new DataOutputStream(bytes);
        for (long v : values) {
            Varints.writeSigned(out, v);
        }
        DataInputStream in = new DataInputStream(new Bytes.In(bytes.toByteArray()));
        for (long v : values) {
            assertThat(Varints.readSigned(in)).isEqualTo(v);
        }
        assertThat(in.available()).isZero();
        assertThat(unsigned(0)).containsExactly(0);
    }

    @Test
    void instantsAndDatesComeBackAgainstTheirBaseAndNoneAsNull() throws Exception {
        long base = 1_780_000_000L;
        java.time.Instant[] instants = {null, java.time.Instant.ofEpochSecond(base), java.time.Instant.ofEpochSecond(base - 3_600, 250_000_000),
            java.time.Instant.ofEpochSecond(base + 86_400, 123), java.time.Instant.EPOCH};
        java.time.LocalDate[] dates = {null, java.time.LocalDate.of(2026, 6, 1), java.time.LocalDate.of(1970, 1, 1)};
        Bytes.Out bytes = new Bytes.Out(4);
        DataOutputStream out = new DataOutputStream(bytes);
        for (java.time.Instant t : instants) {
            Varints.writeInstant(out, t, base);
        }
        for (java.time.LocalDate d : dates) {
            Varints.writeDate(out, d, 20_600);
        }
        DataInputStream in = new DataInputStream(new Bytes.In(bytes.toByteArray()));
        for (java.time.Instant t : instants) {
            assertThat(Varints.readInstant(in, base)).isEqualTo(t);
        }
        for (java.time.LocalDate d : dates) {
            assertThat(Varints.readDate(in, 20_600)).isEqualTo(d);
        }
        assertThat(in.available()).isZero();
        // the base's own second, whole: one byte
        Bytes.Out one = new Bytes.Out(4);
        Varints.writeInstant(new DataOutputStream(one), java.time.Instant.ofEpochSecond(base), base);
        assertThat(one.toByteArray()).containsExactly(1);
    }

    @Test
    void optionalBytesComeBackAsWrittenAndNoneAsNull() throws Exception {
        Bytes.Out bytes = new Bytes.Out(4);
        DataOutputStream out = new DataOutputStream(bytes);
        Varints.writeOptionalBytes(out, null);
        Varints.writeOptionalBytes(out, new byte[0]);
        Varints.writeOptionalBytes(out, new byte[] {7, -1, 0});
        DataInputStream in = new DataInputStream(new Bytes.In(bytes.toByteArray()));
        assertThat(Varints.readOptionalBytes(in)).isNull();
        assertThat(Varints.readOptionalBytes(in)).isEmpty();
        assertThat(Varints.readOptionalBytes(in)).containsExactly(7, -1, 0);
        assertThat(in.available()).isZero();
    }

    @Test
    void aNegativeUnsignedValueIsRefusedAndATruncatedOneIsAnError() throws Exception {
        assertThatThrownBy(() -> unsigned(-1)).isInstanceOf(IllegalArgumentException.class);
        byte[] cut = java.util.Arrays.copyOf(unsigned(16_384), 2);
        assertThatThrownBy(() -> Varints.readUnsigned(new DataInputStream(new Bytes.In(cut))))
                .isInstanceOf(java.io.EOFException.class);
    }

    @Test
    void scaledInstantsComeBackExactlyAndASensorsTimeTakesNoMoreBytesThanSecondsAndMillisecondsApart() throws Exception {
        long base = 1_764_000_000L;
        java.time.Instant[] values = {null, java.time.Instant.ofEpochSecond(base), java.time.Instant.ofEpochSecond(base - 86_400),
            java.time.Instant.ofEpochSecond(base + 1_000, 123_000_000), java.time.Instant.ofEpochSecond(base - 1_000, 999_000_000),
            java.time.Instant.ofEpochSecond(base - 1, 1_000_000), java.time.Instant.ofEpochSecond(base + 5, 123_456_789),
            java.time.Instant.ofEpochSecond(0, 1_000_000), java.time.Instant.EPOCH, java.time.Instant.ofEpochSecond(-base, 7_000_000)};
        Bytes.Out bytes = new Bytes.Out(4);
        DataOutputStream out = new DataOutputStream(bytes);
        for (java.time.Instant t : values) {
            Varints.writeInstantScaled(out, t, base);
        }
        DataInputStream in = new DataInputStream(new Bytes.In(bytes.toByteArray()));
        for (java.time.Instant t : values) {
            assertThat(Varints.readInstantScaled(in, base)).isEqualTo(t);
        }
        assertThat(in.available()).isZero();

        // a sensor's time (milliseconds) 2 minutes, 25 minutes, 9 hours before the base: 3, 4, 4 bytes (writeInstant: 4, 4, 5)
        long[] before = {120, 1_500, 9 * 3_600};
        int[] lengths = {3, 4, 4};
        int[] plainLengths = {4, 4, 5};
        for (int i = 0; i < before.length; i++) {
            java.time.Instant t = java.time.Instant.ofEpochSecond(base - before[i], 987_000_000);
            Bytes.Out scaled = new Bytes.Out(4);
            Varints.writeInstantScaled(new DataOutputStream(scaled), t, base);
            Bytes.Out plain = new Bytes.Out(4);
            Varints.writeInstant(new DataOutputStream(plain), t, base);
            assertThat(scaled.toByteArray()).as("%d s", before[i]).hasSize(lengths[i]);
            assertThat(plain.toByteArray()).as("%d s", before[i]).hasSize(plainLengths[i]);
        }
    }

    @Test
    void ratiosOfSmallDenominatorsAreAFewBytesAndEveryDoubleComesBackBitForBit() throws Exception {
        double[] values = {25.0 / 28, 559.0 / 28, 0.1, -7.0 / 3, 1.0 / 64, 3, -0.0, Double.NaN, Double.MAX_VALUE,
            Double.MIN_VALUE, 1e-300, Math.PI, Double.POSITIVE_INFINITY, 1.0 / 65, 0x1p45 + 0.5};
        int[] most = {3, 3, 2, 2, 3, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        for (int i = 0; i < values.length; i++) {
            Bytes.Out bytes = new Bytes.Out(4);
            Varints.writeRatio(new DataOutputStream(bytes), values[i]);
            double back = Varints.readRatio(new DataInputStream(new Bytes.In(bytes.toByteArray())));
            assertThat(Double.doubleToRawLongBits(back)).as("%s", values[i]).isEqualTo(Double.doubleToRawLongBits(values[i]));
            assertThat(bytes.toByteArray().length).as("%s", values[i]).isLessThanOrEqualTo(most[i]);
        }
        // what writeDouble wrote reads as a ratio too (a format that moves to ratios reads its older doubles)
        Bytes.Out plain = new Bytes.Out(4);
        Varints.writeDouble(new DataOutputStream(plain), 25.0 / 28);
        assertThat(Varints.readRatio(new DataInputStream(new Bytes.In(plain.toByteArray())))).isEqualTo(25.0 / 28);
    }

    @Test
    void compactDoublesAreOneByteWhenSmallAndWholeAndExactOtherwise() throws Exception {
        double[] values = {0, 1, -1, 63, 2150, -0.0, 0.5, Double.NaN, Double.MAX_VALUE, 1e300, -(1L << 52)};
        Bytes.Out bytes = new Bytes.Out(4);
        DataOutputStream out = new DataOutputStream(bytes);
        for (double d : values) {
            Varints.writeDouble(out, d);
        }
        DataInputStream in = new DataInputStream(new Bytes.In(bytes.toByteArray()));
        for (double d : values) {
            assertThat(Double.doubleToRawLongBits(Varints.readDouble(in))).isEqualTo(Double.doubleToRawLongBits(d));
        }
        assertThat(bytes.toByteArray()[0]).isEqualTo((byte) 0);
    }
}
