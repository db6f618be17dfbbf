package org.hearth.models.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A value's instants relative to its base and to each other: every one back, repeats in one byte. */
class RelativeInstantsTest {

    private static final Instant BASE = Instant.parse("2026-11-30T11:58:00.578Z");

    private static byte[] write(List<Instant> instants) throws IOException {
        Bytes.Out out = new Bytes.Out(16);
        RelativeInstants w = new RelativeInstants();
        for (Instant t : instants) {
            w.write(out, t);
        }
        return out.toByteArray();
    }

    private static List<Instant> read(byte[] b, int n) throws IOException {
        Bytes.In in = new Bytes.In(b);
        RelativeInstants r = new RelativeInstants();
        List<Instant> back = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            back.add(r.read(in));
        }
        assertThat(in.available()).isZero();
        return back;
    }

    private static int size(List<Instant> instants) throws IOException {
        return write(instants).length;
    }

    @Test
    void everyInstantComesBackNullsRepeatsFractionsAndFarOnesIncluded() throws Exception {
        List<Instant> values = Arrays.asList(BASE, null, BASE.minusMillis(960_805), BASE, BASE.minusNanos(1),
                Instant.parse("2026-06-10T03:00:00.000000123Z"), BASE.minusMillis(960_805), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.MAX, Instant.MIN, BASE.plusSeconds(86_400 * 400),
                BASE.minusNanos(1), null, Instant.ofEpochSecond(BASE.getEpochSecond()), BASE.plusNanos(999_999_999L));
        assertThat(read(write(values), values.size())).isEqualTo(values);
    }

    @Test
    void randomRunsComeBack() throws Exception {
        Random random = new Random(18);
        for (int run = 0; run < 500; run++) {
            List<Instant> values = new ArrayList<>();
            for (int i = random.nextInt(60); i >= 0; i--) {
                int kind = random.nextInt(6);
                values.add(switch (kind) {
                    case 0 -> null;
                    case 1 -> values.isEmpty() ? BASE : values.get(random.nextInt(values.size())); // a repeat, maybe far back
                    case 2 -> BASE.plusMillis(random.nextInt(200_000_000) - 100_000_000L);
                    case 3 -> BASE.plusNanos(random.nextLong() % 10_000_000_000_000L);
                    case 4 -> BASE.plusSeconds(random.nextInt(2_000_000) - 1_000_000L);
                    default -> Instant.ofEpochSecond(random.nextLong() % 10_000_000_000L, random.nextInt(1_000_000_000));
                });
            }
            assertThat(read(write(values), values.size())).as("run %d", run).isEqualTo(values);
        }
    }

    @Test
    void aRepeatIsOneByteAndTheWatermarkANanosecondBeforeTheBaseTwo() throws Exception {
        Instant lastMotion = BASE.minusMillis(66_332);
        int without = size(List.of(BASE, lastMotion));
        assertThat(size(List.of(BASE, lastMotion, lastMotion))).isEqualTo(without + 1);
        assertThat(size(List.of(BASE, BASE))).isEqualTo(size(List.of(BASE)) + 1);
        assertThat(size(List.of(BASE, BASE.minusNanos(1)))).isEqualTo(size(List.of(BASE)) + 2);
    }

    @Test
    void aRepeatIsLookedForOnlyInTheWindowOfTheMostRecentInstants() throws Exception {
        List<Instant> values = new ArrayList<>();
        values.add(BASE);
        Instant early = BASE.minusMillis(960_805);
        values.add(early);
        for (int i = 0; i < RelativeInstants.WINDOW; i++) {
            values.add(BASE.plusMillis(1_000 + i));
        }
        int before = size(values);
        values.add(early); // 30 instants back: out of the window, written again in full
        assertThat(size(values)).isEqualTo(before + 4);
        assertThat(read(write(values), values.size())).isEqualTo(values);
        values.add(early); // now the most recent
        assertThat(size(values)).isEqualTo(before + 5);
    }

    @Test
    void aReferenceToNoInstantReadIsACorruptValue() throws Exception {
        Bytes.Out out = new Bytes.Out(4);
        Varints.writeUnsigned(out, (1L << 2 | 3) + 1); // one back, with none written
        assertThatThrownBy(() -> new RelativeInstants().read(new Bytes.In(out.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("back");
    }
}
