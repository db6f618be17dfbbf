package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PayloadScanner} against the mapper it stands in for ({@link PayloadJson#mapper()}): whenever
 * the scanner answers, the mapper reads the same payload to an equal tree of the same node types
 * that prints the same, on {@link PayloadFuzz}'s mutated seeds with the scanner's own borders
 * sprinkled in (leading zeros, a bare point, exponents, escapes, bytes beyond ASCII, control
 * characters, trailing commas, words cut short) and on numbers of every shape; when it does not
 * answer, the decoders read the payload the general way, as before.
 */
class PayloadScannerTest {

    private static final List<String> TOKENS = List.of("0", "01", "-01", "00", "1.", ".5", "-", "-.5", "+1", "1e5", "1E-2", "0.1",
            "97.5", "97.50", "-0", "-0.0", "0.0", "2147483647", "2147483648", "-2147483648", "-2147483649", "999999999999999999",
            "1000000000000000000", "9007199254740993.5", "0.30000000000000004", "1.7976931348623157", "4.9", "123456.789012345",
            "\"\\\"\"", "\"\\u00e9\"", "\u00e9", "\u007f", "\t", "\r\n", "\u0000", "\u0001", "\uFEFF", "\"", "tru", "nul", "fals",
            "truex", "nullx", "true", "false", "null", "[1,]", "[,1]", "{\"a\":1,}", "}{", "{}", "[]", "[[[[[[[[[[1]]]]]]]]]]",
            "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{}}}}}}}}}", ",", ":", "{", "}", "[", "]", "/*c*/", "//",
            "\"battery\":97.5", "\"update\":{\"state\":\"idle\"}", "\"occupancy\":true,\"occupancy\":false", "'a'", "NaN");

    @Property(tries = 5_000)
    void whenItAnswers_itIsTheMappersTree(@ForAll("payloads") byte[] payload) {
        assertReadsAsTheMapper(payload);
    }

    @Property(tries = 3_000)
    void readsNumbersAsTheMapperDoes(@ForAll("numbers") String number) {
        assertReadsAsTheMapper(("{\"n\":" + number + ",\"a\":[" + number + "]}").getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void takesEveryPlainSeedObject() {
        for (byte[] seed : PayloadFuzz.SEEDS) {
            String text = new String(seed, StandardCharsets.UTF_8).trim();
            boolean plain = text.startsWith("{") && text.chars().allMatch(c -> c >= ' ' && c < 0x7f) && text.indexOf('\\') < 0
                    && !text.matches(".*[0-9][eE].*");
            if (plain) {
                assertThat(PayloadScanner.read(seed)).as(text).isNotNull();
                assertReadsAsTheMapper(seed);
            }
        }
    }

    @Example
    void readsZigbee2MqttsDocumentedPayloads() throws IOException {
        for (String payload : new String[] {
                "{\"battery\":97.5,\"voltage\":3045,\"illuminance\":23,\"illuminance_lux\":23,\"occupancy\":true,\"linkquality\":87,"
                        + "\"device_temperature\":25,\"power_outage_count\":4}",
                "{\"contact\":true,\"last_seen\":\"2024-04-08T21:21:36.794Z\",\"linkquality\":144}",
                "{\"temperature\": 27.34, \"humidity\": 44.72, \"occupancy\": false, \"battery\": 91, \"linkquality\": 120}",
                "{\"state\":\"ON\",\"power\":2150.5,\"linkquality\":90,\"update\":{\"state\":\"idle\",\"installed_version\":-1,"
                        + "\"latest_version\":-1},\"update_available\":false}",
                "{\"action\":\"single\",\"battery\":80,\"linkquality\":51,\"voltage\":2985}", "{}", " {\"a\": [ ] }\n"}) {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            ObjectNode fast = PayloadScanner.read(bytes);
            assertThat(fast).as(payload).isNotNull();
            PayloadFuzz.assertSameTree(fast, PayloadJson.mapper().readTree(bytes));
        }
    }

    @Example
    void leavesToTheGeneralWayWhatItMustRefuseOrCannotBeSureOf() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i <= PayloadTree.MAX_FIELDS; i++) {
            wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        for (String left : new String[] {"", " ", "[1]", "\"text\"", "null", "{\"a\":1,\"a\":2}", "{\"o\":{\"a\":1,\"a\":2}}",
                "{\"a\":1} {}", "{\"a\":1} x", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
                "{\"a\":-}", "{\"a\":1e2}", "{\"a\":1.5E2}", "{\"a\":1234567890123456789}", "{\"a\":truex}", "{\"a\":tru}",
                "{\"a\":\"\\n\"}", "{\"\u00e9\":1}", "{\"a\":\"\u00e9\"}", "{\"a\":\"\t\"}", "\uFEFF{}", "{\"a\":1}\u0000",
                "{\"a\":" + "[".repeat(9) + "]".repeat(9) + "}", "{\"" + "n".repeat(65) + "\":1}",
                "{\"a\":\"" + "x".repeat(1025) + "\"}", "{\"a\":1 /* c */}", "{'a':1}", "{a:1}", wide + "}"}) {
            assertThat(PayloadScanner.read(left.getBytes(StandardCharsets.UTF_8))).as(left).isNull();
        }
    }

    @Example
    void aKnownNameIsTheDecodersOwnString() {
        ObjectNode node = PayloadScanner.read("{\"battery\":1,\"other\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(node.fieldNames().next()).isSameAs("battery");
        assertThat(node.get("other").intValue()).isEqualTo(2);
    }

    private static void assertReadsAsTheMapper(byte[] payload) {
        PayloadFuzz.assertReadsAsTheMapper("the scanner", PayloadScanner.read(payload), payload);
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return PayloadFuzz.mutatedSeeds(TOKENS);
    }

    /** Whole numbers and decimals of 1-20 digits with the point anywhere, signed or not, some with leading zeros. */
    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.integers().between(-1, 20))
                .as((sign, d, point) -> {
                    String unsigned = point < 0 || point >= d.length() ? d : d.substring(0, point) + "." + d.substring(point);
                    return sign + unsigned;
                });
    }
}
