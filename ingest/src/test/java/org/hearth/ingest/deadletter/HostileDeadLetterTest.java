package org.hearth.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.CLOCK;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters whose content was chosen by an attacker or a broken device are still written. */
class HostileDeadLetterTest {

    private final MessageIngestor ingestor = new MessageIngestor(ROUTES, ValidationPolicy.live(), CLOCK);

    @Test
    void loneSurrogateEscapeInAValue_isWrittenAsADeadLetter(@TempDir Path dir) throws Exception {
        // Issue 19: a 60-byte message whose JSON escape decodes to a lone surrogate killed the writer
        // (MalformedInputException, then the task, then the job: no help press was texted after it).
        DecodeResult r = ingestor.ingest(msg("hearth/h1/pir-kitchen",
                "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"motion\",\"value\":\"\\ud800\"}"));
        assertThat(r.deadLetters()).hasSize(1);

        List<DeadLetter> back = writeAndReadBack(dir, r.deadLetters());

        assertThat(back).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
            assertThat(d.detail()).contains("field 'value'").contains("\uFFFD");
            assertThat(d.originalPayload()).isEqualTo(r.deadLetters().get(0).originalPayload());
        });
    }

    @Test
    void everyLoneSurrogateAndControlCharacterInEveryField_isWrittenAndReadBack(@TempDir Path dir) throws Exception {
        String nasty = "a\ud800b\udfffc\u0000d\u001b[31me\nf\u2028g\uD83D";
        List<DeadLetter> letters = List.of(
                DeadLetter.of(MqttMessage.of("hearth/" + nasty + "/x", "{\"kind\":\"" + nasty + "\"}", NOW),
                        DeadLetterReason.UNKNOWN_HOME, "home '" + nasty + "'"),
                // Built outside DeadLetter.of, as replay does, with text that UTF-8 cannot carry.
                new DeadLetter(DeadLetterReason.MALFORMED_JSON, nasty, "replay:" + nasty, nasty, DeadLetter.UTF_8, 7, NOW));

        List<DeadLetter> back = writeAndReadBack(dir, letters);

        assertThat(back).hasSize(2);
        for (DeadLetter d : back) {
            assertThat(SafeText.isWellFormed(d.detail())).isTrue();
            assertThat(d.detail()).doesNotContain("\n", "\u001b", "\u0000").contains("\\u001b");
            assertThat(SafeText.isWellFormed(d.topic())).isTrue();
        }
        assertThat(back.get(0).detail()).startsWith("home 'a\uFFFDb\uFFFDc\\u0000d\\u001b[31me\\u000af\u2028g\uFFFD'");
    }

    @Test
    void aSurrogatePairCutByAnAbbreviatedTopic_isWritten(@TempDir Path dir) throws Exception {
        // The decoder abbreviates topics to 40 chars: a cut in the middle of an emoji leaves half of it.
        String topic = "x".repeat(39) + "\uD83D\uDE00/more/than/a/topic";
        DecodeResult r = ingestor.ingest(msg(topic, "{}"));

        assertThat(writeAndReadBack(dir, r.deadLetters())).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.UNKNOWN_TOPIC));
    }

    @Test
    void invalidUtf8AndRandomBytes_areKeptByteForByteInBase64(@TempDir Path dir) throws Exception {
        byte[] invalid = {'{', '"', 'k', '"', ':', (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'};
        byte[] random = new byte[4096];
        new Random(19).nextBytes(random);
        List<DeadLetter> letters = List.of(
                ingestor.ingest(new MqttMessage("hearth/h1/pir-kitchen", invalid, NOW)).deadLetters().get(0),
                ingestor.ingest(new MqttMessage("hearth/h1/pir-kitchen", random, NOW)).deadLetters().get(0));

        List<DeadLetter> back = writeAndReadBack(dir, letters);

        assertThat(back.get(0).encoding()).isEqualTo(DeadLetter.BASE64);
        assertThat(back.get(0).originalPayload()).isEqualTo(invalid);
        assertThat(back.get(1).originalPayload()).isEqualTo(random);
        // Strict UTF-8 read: the file itself is valid UTF-8 whatever the payloads held.
        assertThat(Files.readString(dir.resolve("dead-letters.jsonl"), StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void aOneMegabytePayloadOfControlCharacters_isOneWholeLine(@TempDir Path dir) throws Exception {
        char[] body = new char[1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (char) (i % 32);
        }
        MqttMessage huge = MqttMessage.of("hearth/h1/pir-kitchen", new String(body), NOW);
        DecodeResult r = ingestor.ingest(huge);
        assertThat(r.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.PAYLOAD_TOO_LARGE));

        List<DeadLetter> back = writeAndReadBack(dir, r.deadLetters());

        assertThat(back).singleElement().satisfies(d -> {
            assertThat(d.payloadBytes()).isEqualTo(1024 * 1024);
            assertThat(d.originalPayload()).isEqualTo(huge.payload());
        });
    }

    @Test
    void theFallbackLine_isJsonWithEverySenderChosenByteInBase64() throws Exception {
        DeadLetter d = DeadLetter.of(msg("hearth/h1/\u00e9", "caf\u00e9"), DeadLetterReason.UNKNOWN_SENSOR, "why");

        String line = DeadLetterJsonlWriter.fallbackJson(d, new IllegalStateException("test"));

        JsonNode json = HearthJson.json().readTree(line);
        assertThat(line).matches("\\p{ASCII}*");
        assertThat(json.get("reason").asText()).isEqualTo("unknown-sensor");
        assertThat(new String(Base64.getDecoder().decode(json.get("topic").asText()), StandardCharsets.UTF_8)).isEqualTo("hearth/h1/\u00e9");
        assertThat(Base64.getDecoder().decode(json.get("payload").asText())).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void safeText_keepsPairsAndCutsLongDetailsBetweenCodePoints() {
        assertThat(SafeText.wellFormed("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
        char[] longDetail = new char[2000];
        Arrays.fill(longDetail, 'x');
        longDetail[SafeText.MAX_DETAIL_CHARS - 1] = '\uD83D';
        longDetail[SafeText.MAX_DETAIL_CHARS] = '\uDE00';

        String cut = SafeText.detail(new String(longDetail));

        assertThat(cut).endsWith("x... (2000 chars)").hasSizeLessThan(SafeText.MAX_DETAIL_CHARS + 30);
        assertThat(SafeText.isWellFormed(cut)).isTrue();
    }

    private static List<DeadLetter> writeAndReadBack(Path dir, List<DeadLetter> letters) throws Exception {
        Path file = dir.resolve("dead-letters.jsonl");
        try (DeadLetterJsonlWriter w = new DeadLetterJsonlWriter(file)) {
            for (DeadLetter d : letters) {
                w.write(d);
            }
            assertThat(w.flush()).isTrue();
            assertThat(w.file().written()).isEqualTo(letters.size());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(letters.size());
        return lines.stream().map(l -> {
            try {
                return DeadLetterJsonlWriter.fromJson(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
