package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PayloadTree} against the mapper it stands in for ({@link PayloadJson#mapper()}): on the
 * fuzz seeds of every kit format (src/test/resources/fuzz), cut, spliced and sprinkled with
 * troublemakers, whenever the fast reader answers, the mapper reads the same payload to an equal
 * tree of the same node types that prints the same; when it does not answer, the decoders use the
 * mapper as before. Every unmutated seed object takes the fast path.
 */
class PayloadTreeTest {

    private static final List<byte[]> SEEDS = seeds();
    private static final List<String> TOKENS = List.of("\"\\ud800\"", "\"\\u00e9\\n\"", "NaN", "Infinity", "1e400", "-1e400", "-0",
            "-0.0", "1.0E2", "2147483648", "-2147483649", "9223372036854775808", "18446744073709551666", "0.1e-400",
            "1" + "0".repeat(70), "null", "true", "false", "\"\"", "{}", "[]", "[1,[2,{\"a\":null}]]", "\"", "{", "}", "[", "]",
            ",", ":", "\\", "{\"a\":1,\"a\":2}", "\"value\":1,\"value\":2", "\"battery\":97.5", "{\"a\":".repeat(33), " ", "\u00e9");

    @Property(tries = 5_000)
    void whenItAnswers_itIsTheMappersTree(@ForAll("payloads") byte[] payload) {
        ObjectNode fast = PayloadTree.read(payload);
        if (fast == null) {
            return;
        }
        JsonNode tree;
        try {
            tree = PayloadJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new AssertionError("the fast reader took what the mapper refuses (" + e.getMessage() + "): "
                    + new String(payload, StandardCharsets.UTF_8), e);
        }
        assertSameTree(fast, tree);
        assertThat(fast.toString()).isEqualTo(tree.toString());
    }

    @Example
    void takesEverySeedObject() {
        for (byte[] seed : SEEDS) {
            String text = new String(seed, StandardCharsets.UTF_8).trim();
            if (text.startsWith("{")) {
                assertThat(PayloadTree.read(seed)).as(text).isNotNull();
            }
        }
    }

    @Example
    void leavesToTheMapperWhatItMustRefuseOrCannotBeSureOf() {
        for (String refused : new String[] {"", " ", "[1]", "\"text\"", "null", "{\"a\":1,\"a\":2}", "{\"o\":{\"a\":1,\"a\":2}}",
                "{\"a\":1} {}", "{\"a\":1} x", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"n\":" + "1".repeat(65) + "}"}) {
            assertThat(PayloadTree.read(refused.getBytes(StandardCharsets.UTF_8))).as(refused).isNull();
        }
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i <= PayloadTree.MAX_FIELDS; i++) {
            wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        assertThat(PayloadTree.read(wide.append('}').toString().getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Example
    void readsNumbersAsTheMapperTypesThem() throws IOException {
        String json = "{\"i\":1,\"l\":2147483648,\"b\":9223372036854775808,\"d\":97.5,\"e\":1e400,\"z\":-0,\"f\":-0.0,"
                + "\"x\":1.0E2,\"s\":\"\\u00e9\",\"t\":true,\"n\":null,\"a\":[1,{\"k\":[]}],\"o\":{}}";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        assertSameTree(PayloadTree.read(payload), PayloadJson.mapper().readTree(payload));
        byte[] utf16 = json.getBytes(StandardCharsets.UTF_16); // with a byte-order mark
        assertSameTree(PayloadTree.read(utf16), PayloadJson.mapper().readTree(utf16));
    }

    /** Equal, and built of the same node classes all the way down (IntNode is not LongNode). */
    private static void assertSameTree(JsonNode fast, JsonNode tree) {
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

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> token = Arbitraries.of(TOKENS);
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

    /** The payloads of every seed corpus ({@code topic<TAB>payload} lines). */
    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        for (String format : List.of("native", "zigbee2mqtt", "shelly", "tasmota")) {
            try (InputStream in = PayloadTreeTest.class.getResourceAsStream("/fuzz/" + format + ".seeds")) {
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
