package org.hearth.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.CLOCK;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.REGISTRY;
import static org.hearth.ingest.testing.TestKit.ROUTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterJsonlWriter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.EventValidator;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Fuzzes every decoder and the validator (issue 19): seed payloads of each kit format, mutated
 * ({@link Mutation}), on that format's topics (sometimes mutated too), through the whole door
 * ({@link MessageIngestor}). Whatever comes in:
 * <ul>
 *   <li>nothing throws, and no decoder fails in a way it did not plan ({@code decode-error});
 *   <li>every dead letter becomes one well-formed UTF-8 JSON line that reads back to the exact payload;
 *   <li>every event is registered, finite, in its kind's range, inside the time bounds, and has a dedupe key.
 * </ul>
 * Tries per property: {@code jqwik.tries.default} (3,000 in {@code src/test/resources/junit-platform.properties},
 * seconds in all); {@code -Djqwik.tries.default=1000000} fuzzes longer. Counts go to
 * {@code target/fuzz-counts.txt}.
 */
class DecoderFuzzTest {

    private static final Map<String, LongAdder> FUZZED = new ConcurrentHashMap<>();
    private static final List<String> FORMATS = List.of("native", "zigbee2mqtt", "shelly", "tasmota");
    private static final Map<String, SeedCorpus> CORPUS = new TreeMap<>();

    static {
        FORMATS.forEach(f -> CORPUS.put(f, SeedCorpus.load(f)));
    }

    // The device rate is off so every try reaches a decoder; the throttle is tested in DoorLimitsTest.
    private static final ValidationPolicy POLICY = ValidationPolicy.live().withDeviceRate(null);
    private final MessageIngestor ingestor = new MessageIngestor(ROUTES, POLICY, CLOCK);
    private final EventValidator validator = new EventValidator(POLICY, CLOCK);

    @Property
    void nativeDecoder(@ForAll("native") MqttMessage m) {
        check("native", m);
    }

    @Property
    void zigbee2mqttDecoder(@ForAll("zigbee2mqtt") MqttMessage m) {
        check("zigbee2mqtt", m);
    }

    @Property
    void shellyDecoder(@ForAll("shelly") MqttMessage m) {
        check("shelly", m);
    }

    @Property
    void tasmotaDecoder(@ForAll("tasmota") MqttMessage m) {
        check("tasmota", m);
    }

    /** Random bytes on any seed topic, or a random topic. */
    @Property
    void randomBytesOnAnyTopic(@ForAll("random") MqttMessage m) {
        check("random-bytes", m);
    }

    @Property
    void validator(@ForAll("events") SensorEvent e) {
        FUZZED.computeIfAbsent("validator", k -> new LongAdder()).increment();
        Optional<EventValidator.Violation> v = validator.check(e);
        if (v.isEmpty()) {
            // An implausible battery or link quality is dropped from the event, not a reason to refuse it.
            List<EventValidator.Violation> dropped = new java.util.ArrayList<>();
            assertValidEvent(validator.withoutImplausibleExtras(e, dropped));
            assertThat(dropped).allSatisfy(d -> assertThat(d.detail()).isNotBlank());
        } else {
            assertThat(v.get().detail()).isNotBlank();
        }
    }

    @Example
    void everySeedFormatGivesEventsUnmutated() {
        for (SeedCorpus corpus : CORPUS.values()) {
            long events = corpus.seeds().stream()
                    .mapToLong(s -> ingestor.ingest(new MqttMessage(s.topic(), s.payload(), NOW)).events().size()).sum();
            assertThat(events).as("events from the unmutated " + corpus.format() + " seeds").isPositive();
        }
    }

    @Provide("native")
    Arbitrary<MqttMessage> nativeMessages() {
        return messages("native");
    }

    @Provide("zigbee2mqtt")
    Arbitrary<MqttMessage> zigbeeMessages() {
        return messages("zigbee2mqtt");
    }

    @Provide("shelly")
    Arbitrary<MqttMessage> shellyMessages() {
        return messages("shelly");
    }

    @Provide("tasmota")
    Arbitrary<MqttMessage> tasmotaMessages() {
        return messages("tasmota");
    }

    @Provide("random")
    Arbitrary<MqttMessage> randomMessages() {
        List<String> topics = CORPUS.values().stream().flatMap(c -> c.topics().stream()).toList();
        Arbitrary<String> topic = Arbitraries.oneOf(Arbitraries.of(topics),
                Arbitraries.strings().all().ofMaxLength(300));
        return Combinators.combine(topic, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048))
                .as((t, p) -> new MqttMessage(t, p, NOW));
    }

    @Provide("events")
    Arbitrary<SensorEvent> events() {
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                        Double.MAX_VALUE, 0.0, 1.0, 20_000.0, 20_000.000001));
        Arbitrary<Instant> ts = Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(-86_400_000L * 30, 86_400_000L * 30).map(NOW::plusMillis));
        Arbitrary<Integer> small = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 300)).injectNull(0.3);
        return Combinators.combine(Arbitraries.of("h1", "h2", "h3"), Arbitraries.of("bed", "help", "kettle"), ts,
                        Arbitraries.of(SensorKind.class), values, small, small)
                .as(SensorEvent::new);
    }

    private Arbitrary<MqttMessage> messages(String format) {
        SeedCorpus corpus = CORPUS.get(format);
        List<byte[]> all = CORPUS.values().stream().flatMap(c -> c.payloads().stream()).toList();
        Arbitrary<SeedCorpus.Seed> seed = Arbitraries.of(corpus.seeds());
        Arbitrary<List<Mutation>> mutations = Mutation.any(all).list().ofMaxSize(6);
        Arbitrary<Mutation> topicMutation = Mutation.any(all).injectNull(0.9);
        return Combinators.combine(seed, mutations, topicMutation).as((s, ms, tm) -> {
            byte[] payload = s.payload();
            for (Mutation m : ms) {
                payload = m.apply(payload);
            }
            String topic = tm == null ? s.topic()
                    : new String(tm.apply(s.topic().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            return new MqttMessage(topic, payload, NOW);
        });
    }

    private void check(String decoder, MqttMessage m) {
        FUZZED.computeIfAbsent(decoder, k -> new LongAdder()).increment();
        DecodeResult r = ingestor.ingest(m);
        for (DeadLetter d : r.deadLetters()) {
            assertThat(d.reason()).as("a decoder failed unplanned: %s", d.detail()).isNotEqualTo(DeadLetterReason.DECODE_ERROR);
            String line = DeadLetterJsonlWriter.toJson(d);
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(strictUtf8(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(line);
            try {
                assertThat(DeadLetterJsonlWriter.fromJson(line).originalPayload()).isEqualTo(m.payload());
            } catch (IOException e) {
                throw new AssertionError("dead letter line does not read back: " + line, e);
            }
        }
        r.events().forEach(DecoderFuzzTest::assertValidEvent);
    }

    private static void assertValidEvent(SensorEvent e) {
        assertThat(REGISTRY.home(e.homeId())).as("home of " + e).isPresent();
        assertThat(Double.isFinite(e.value())).as("finite value in " + e).isTrue();
        assertThat(e.kind().accepts(e.value())).as("value in range in " + e).isTrue();
        assertThat(e.ts()).isAfterOrEqualTo(POLICY.earliest()).isBefore(POLICY.latest())
                .isBeforeOrEqualTo(NOW.plus(POLICY.maxAhead())).isAfterOrEqualTo(NOW.minus(POLICY.maxBehind()));
        if (e.battery() != null) {
            assertThat(e.battery()).isBetween(0, 100);
        }
        if (e.linkQuality() != null) {
            assertThat(e.linkQuality()).isBetween(0, 255);
        }
        assertThat(e.dedupeKey()).isNotEmpty();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("dead letter line is not valid UTF-8", e);
        }
    }

    @AfterContainer
    static void reportCounts() throws IOException {
        StringBuilder out = new StringBuilder("payloads fuzzed per decoder (DecoderFuzzTest):\n");
        new TreeMap<>(FUZZED).forEach((k, v) -> out.append(String.format("  %-14s %,d%n", k, v.sum())));
        System.out.print(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-counts.txt"), out);
    }
}
