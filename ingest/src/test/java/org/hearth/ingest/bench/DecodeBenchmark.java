package org.hearth.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Messages per second on one thread through the whole per-message ingest path (size check, topic
 * routing, decode, validation) against the floor of any JSON pipeline: Jackson alone parsing the
 * same bytes into a tree, measured in the same run. A score is messages/s (one operation is one
 * message); {@link #EVENTS_PER_Z2M_MESSAGE} converts Zigbee2MQTT messages to events.
 *
 * <p>{@code homes} sizes the kit registry, so that routing costs that grow with the number of
 * homes (a linear scan of Zigbee2MQTT base topics, say) show up. Never part of {@code verify}:
 * run through {@code streaming-jobs/bench.sh} or the command in BENCHMARKS.md.
 *
 * <p>Warm-up: each benchmark's fork needs 4-12 one-second iterations on this 2-core machine before
 * C2 has compiled its loop; with one (bench.sh's setting until 2026-12-07) JMH measured the JIT at
 * work, both scores at a tenth or less of their steady ones, and put decode + validate at 1.1-1.2 of the
 * tree parse where warmed runs of both harnesses agree on about half (BENCHMARKS.md, section 1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    /** Messages per invocation: a varied batch so that branch prediction does not learn one payload. */
    static final int BATCH = 1024;
    /** The Zigbee2MQTT mix below yields this many events per message on average (see {@link #z2mMix}). */
    public static final double EVENTS_PER_Z2M_MESSAGE = (3 + 1 + 1 + 1) / 4.0;
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Param({"10", "10000"})
    public int homes;

    private final ObjectMapper json = HearthJson.json();
    private MessageIngestor ingestor;
    private MqttMessage[] nativeMessages;
    private MqttMessage[] z2mMessages;

    @Setup
    public void setUp() {
        ingestor = ingestor(homes);
        Random random = new Random(42);
        nativeMessages = nativeMix(random, homes);
        z2mMessages = z2mMix(random, homes);
        requireAllValid(ingestor, nativeMessages, 1.0);
        requireAllValid(ingestor, z2mMessages, EVENTS_PER_Z2M_MESSAGE);
    }

    @TearDown
    public void checkStillValid() {
        // Whatever ran must have been the decode path to the end, not a cheaper rejection.
        requireAllValid(ingestor, nativeMessages, 1.0);
        requireAllValid(ingestor, z2mMessages, EVENTS_PER_Z2M_MESSAGE);
    }

    /**
     * The live ingest path for a registry of {@code homes} homes of each format, on a clock fixed at
     * {@link #NOW}. The device rate limit is on (its per-topic look-up is part of the cost) but with
     * a burst no run exhausts: every message carries the same receive time, so the default bucket
     * (10,000) never refills, and with 10 homes a topic was throttled after about 600 batches. The
     * runs before 2026-12-06 measured the cheaper {@code rate-limited} dead letter from then on.
     */
    static MessageIngestor ingestor(int homes) {
        KitRegistry registry = new RegistryLoader().parse("homes.yaml", registryYaml(homes));
        return new MessageIngestor(RoutingTable.of(registry),
                ValidationPolicy.live().withDeviceRate(new ValidationPolicy.DeviceRate(Integer.MAX_VALUE, 20)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nativeJacksonTree(Blackhole bh) throws Exception {
        for (MqttMessage m : nativeMessages) {
            bh.consume(json.readTree(m.payload()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nativeDecodeValidate(Blackhole bh) {
        for (MqttMessage m : nativeMessages) {
            bh.consume(ingestor.ingest(m));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void z2mJacksonTree(Blackhole bh) throws Exception {
        for (MqttMessage m : z2mMessages) {
            bh.consume(json.readTree(m.payload()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void z2mDecodeValidate(Blackhole bh) {
        for (MqttMessage m : z2mMessages) {
            bh.consume(ingestor.ingest(m));
        }
    }

    /** Native homes {@code n0..}, Zigbee2MQTT homes {@code z0..}, each with the usual kit. */
    static String registryYaml(int homes) {
        StringBuilder y = new StringBuilder("homes:\n");
        for (int i = 0; i < homes; i++) {
            y.append("""
                      - id: n%1$d
                        resident: {id: rn%1$d, alias: "N.N."}
                        sensors:
                          - {id: bed, kind: bed, room: bedroom, role: bed}
                          - {id: kettle, kind: power, room: kitchen, role: kettle}
                          - {id: pir-kitchen, kind: motion, room: kitchen}
                          - {id: pir-hall, kind: motion, room: hall}
                          - {id: front-door, kind: contact, room: hall, role: front-door}
                          - {id: help, kind: button, room: lounge, role: help-button}
                      - id: z%1$d
                        resident: {id: rz%1$d, alias: "Z.Z."}
                        hubs:
                          - {format: zigbee2mqtt, base: zigbee2mqtt/z%1$d}
                        sensors:
                          - {id: pir-hall, kind: motion, room: hall, device: hall/pir}
                          - {id: hall-temp, kind: temperature, room: hall, device: hall/pir}
                          - {id: hall-humidity, kind: humidity, room: hall, device: hall/pir}
                          - {id: front-door, kind: contact, room: hall, role: front-door, device: front_door}
                          - {id: kettle, kind: power, room: kitchen, role: kettle, device: kettle_plug}
                          - {id: help, kind: button, room: lounge, role: help-button, device: help_button}
                    """.formatted(i));
        }
        return y.toString();
    }

    /** What the simulator's native homes publish: motion, bed, kettle power, door, with battery and link quality. */
    static MqttMessage[] nativeMix(Random random, int homes) {
        MqttMessage[] out = new MqttMessage[BATCH];
        String[][] sensors = {{"pir-kitchen", "motion"}, {"pir-hall", "motion"}, {"bed", "bed"}, {"kettle", "power"},
                {"front-door", "contact"}, {"pir-kitchen", "heartbeat"}};
        for (int i = 0; i < BATCH; i++) {
            String[] s = sensors[random.nextInt(sensors.length)];
            String ts = NOW.minusMillis(random.nextInt(60_000)).toString();
            String value = s[1].equals("power") ? String.valueOf(random.nextInt(3000) + 0.5) : String.valueOf(random.nextInt(2));
            String payload = s[1].equals("power")
                    ? f("{\"ts\":\"%s\",\"kind\":\"power\",\"value\":%s,\"linkQuality\":%d}", ts, value, 60 + random.nextInt(150))
                    : f("{\"ts\":\"%s\",\"kind\":\"%s\",\"value\":%s,\"battery\":%d,\"linkQuality\":%d}", ts, s[1], value, 20 + random.nextInt(80), 60 + random.nextInt(150));
            out[i] = MqttMessage.of("hearth/n" + random.nextInt(homes) + "/" + s[0], payload, NOW);
        }
        return out;
    }

    /** Zigbee2MQTT device messages as z2m 1.x sends them (one each of four devices, in turn). */
    static MqttMessage[] z2mMix(Random random, int homes) {
        MqttMessage[] out = new MqttMessage[BATCH];
        for (int i = 0; i < BATCH; i++) {
            String base = "zigbee2mqtt/z" + random.nextInt(homes) + "/";
            int lq = 60 + random.nextInt(150);
            out[i] = switch (i % 4) {
                case 0 -> MqttMessage.of(base + "hall/pir", f("{\"battery\":%d,\"humidity\":%.2f,\"linkquality\":%d,\"occupancy\":%s,\"temperature\":%.2f,\"voltage\":3005}", 20 + random.nextInt(80), 40 + random.nextDouble() * 20, lq, random.nextBoolean(), 18 + random.nextDouble() * 5), NOW);
                case 1 -> MqttMessage.of(base + "front_door", f("{\"battery\":%d,\"contact\":%s,\"linkquality\":%d,\"last_seen\":\"%s\"}", 20 + random.nextInt(80), random.nextBoolean(), lq, NOW.minusMillis(random.nextInt(60_000))), NOW);
                case 2 -> MqttMessage.of(base + "kettle_plug", f("{\"state\":\"ON\",\"power\":%.1f,\"energy\":12.3,\"linkquality\":%d}", random.nextDouble() * 3000, lq), NOW);
                default -> MqttMessage.of(base + "help_button", f("{\"action\":\"single\",\"battery\":%d,\"linkquality\":%d}", 20 + random.nextInt(80), lq), NOW);
            };
        }
        return out;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A benchmark of dead letters would measure the wrong path: every message must decode cleanly. */
    static void requireAllValid(MessageIngestor ingestor, MqttMessage[] messages, double eventsPerMessage) {
        long events = 0;
        List<String> problems = new ArrayList<>();
        for (MqttMessage m : messages) {
            DecodeResult r = ingestor.ingest(m);
            events += r.events().size();
            r.deadLetters().forEach(d -> problems.add(d.topic() + ": " + d.detail()));
        }
        if (!problems.isEmpty() || events != Math.round(eventsPerMessage * messages.length)) {
            throw new IllegalStateException(events + " events from " + messages.length + " messages; problems: "
                    + problems.subList(0, Math.min(5, problems.size())));
        }
    }
}
