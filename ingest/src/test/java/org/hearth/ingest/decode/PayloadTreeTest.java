package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PayloadTree} against the mapper it stands in for ({@link PayloadJson#mapper()}): on
 * {@link PayloadFuzz}'s mutated seeds, whenever the fast reader answers, the mapper reads the same payload to an equal
 * tree of the same node types that prints the same; when it does not answer, the decoders use the
 * mapper as before. Every unmutated seed object takes the fast path.
 */
class PayloadTreeTest {

    private static final List<byte[]> SEEDS = PayloadFuzz.SEEDS;
    private static final List<String> TOKENS = List.of("\"\\ud800\"", "\"\\u00e9\\n\"", "NaN", "Infinity", "1e400", "-1e400", "-0",
            "-0.0", "1.0E2", "2147483648", "-2147483649", "9223372036854775808", "18446744073709551666", "0.1e-400",
            "1" + "0".repeat(70), "null", "true", "false", "\"\"", "{}", "[]", "[1,[2,{\"a\":null}]]", "\"", "{", "}", "[", "]",
            ",", ":", "\\", "{\"a\":1,\"a\":2}", "\"value\":1,\"value\":2", "\"battery\":97.5", "{\"a\":".repeat(33), " ", "\u00e9");

    @Property(tries = 5_000)
    void whenItAnswers_itIsTheMappersTree(@ForAll("payloads") byte[] payload) {
        PayloadFuzz.assertReadsAsTheMapper("the fast reader", PayloadTree.read(payload), payload);
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
        PayloadFuzz.assertSameTree(PayloadTree.read(payload), PayloadJson.mapper().readTree(payload));
        byte[] utf16 = json.getBytes(StandardCharsets.UTF_16); // with a byte-order mark
        PayloadFuzz.assertSameTree(PayloadTree.read(utf16), PayloadJson.mapper().readTree(utf16));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return PayloadFuzz.mutatedSeeds(TOKENS);
    }
}
