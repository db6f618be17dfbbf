package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Payloads for checking a fast reader against the mapper it stands in for ({@link PayloadTreeTest},
 * {@link PayloadScannerTest}): the fuzz seeds of every kit format (src/test/resources/fuzz), cut,
 * spliced and sprinkled with troublemakers; and the check that two trees are the same.
 */
final class PayloadFuzz {

    /** The payloads of every seed corpus ({@code topic<TAB>payload} lines). */
    static final List<byte[]> SEEDS = seeds();

    private PayloadFuzz() {}

    /** Seeds with up to four edits each: a token inserted, bytes deleted, the payload cut, another seed spliced in. */
    static Arbitrary<byte[]> mutatedSeeds(List<String> tokens) {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> token = Arbitraries.of(tokens);
        Arbitrary<Edit> edit = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.doubles().between(0, 1), token).as((at, t) -> (Edit) in -> insert(in, at, t)),
                Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 12))
                        .as((at, n) -> (Edit) in -> delete(in, at, n)),
                Arbitraries.doubles().between(0, 1).map(at -> (Edit) in -> new String(in, StandardCharsets.ISO_8859_1)
                        .substring(0, (int) (at * in.length)).getBytes(StandardCharsets.ISO_8859_1)),
                Combinators.combine(Arbitraries.doubles().between(0, 1), seed).as((at, other) -> (Edit) in -> insert(in, at,
                        new String(other, StandardCharsets.UTF_8))));
        return Combinators.combine(seed, edit.list().ofMaxSize(4)).as((s, edits) -> {
            byte[] out = s;
            for (Edit e : edits) {
                out = e.apply(out);
            }
            return out;
        });
    }

    /** Equal, and built of the same node classes all the way down (IntNode is not LongNode). */
    /**
     * What a fast reader answered ({@code fast}; null: it passed the payload on) is the tree the limited
     * mapper reads from the same bytes, and it took nothing the mapper refuses.
     */
    static void assertReadsAsTheMapper(String reader, JsonNode fast, byte[] payload) {
        if (fast == null) {
            return;
        }
        JsonNode tree;
        try {
            tree = PayloadJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new AssertionError(reader + " took what the mapper refuses (" + e.getMessage() + "): "
                    + new String(payload, StandardCharsets.UTF_8), e);
        }
        assertSameTree(fast, tree);
        assertThat(fast.toString()).isEqualTo(tree.toString());
    }

    static void assertSameTree(JsonNode fast, JsonNode tree) {
        assertThat(fast).isNotNull();
        assertThat(fast.getClass()).isEqualTo(tree.getClass());
        assertThat(fast).isEqualTo(tree);
        assertThat(fast.size()).isEqualTo(tree.size());
        if (fast.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> a = fast.fields();
            Iterator<Map.Entry<String, JsonNode>> b = tree.fields();
            while (b.hasNext()) {
                Map.Entry<String, JsonNode> x = a.next();
                Map.Entry<String, JsonNode> y = b.next();
                assertThat(x.getKey()).isEqualTo(y.getKey());
                assertSameTree(x.getValue(), y.getValue());
            }
            assertThat(a.hasNext()).isFalse();
        } else if (fast.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                assertSameTree(fast.get(i), tree.get(i));
            }
        }
    }

    private interface Edit {
        byte[] apply(byte[] in);
    }

    private static byte[] insert(byte[] in, double at, String token) {
        int i = (int) (at * in.length);
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length + t.length];
        System.arraycopy(in, 0, out, 0, i);
        System.arraycopy(t, 0, out, i, t.length);
        System.arraycopy(in, i, out, i + t.length, in.length - i);
        return out;
    }

    private static byte[] delete(byte[] in, double at, int n) {
        int i = (int) (at * in.length);
        int to = Math.min(in.length, i + n);
        byte[] out = new byte[in.length - (to - i)];
        System.arraycopy(in, 0, out, 0, i);
        System.arraycopy(in, to, out, i, in.length - to);
        return out;
    }

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        for (String format : List.of("native", "zigbee2mqtt", "shelly", "tasmota")) {
            try (InputStream in = PayloadFuzz.class.getResourceAsStream("/fuzz/" + format + ".seeds")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int tab = line.indexOf('\t');
                    if (!line.isBlank() && !line.startsWith("#") && tab > 0) {
                        out.add(line.substring(tab + 1).getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }
}
