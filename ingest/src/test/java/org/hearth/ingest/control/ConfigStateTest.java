package org.hearth.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.rules.DetectionSettings;
import org.junit.jupiter.api.Test;

/**
 * The one registry follower: every function that follows the control topic accepts and refuses the
 * same changes, and parses a change once.
 */
class ConfigStateTest {

    private static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "K.M."}
                hubs: [{format: zigbee2mqtt, base: z2m/h2}]
                sensors:
                  - {id: pir-hall, kind: motion, room: hall, device: hall-pir}
            """;

    @Test
    void apply_refusesARegistryIngestCouldNotRoute_soNoFunctionTakesIt() throws Exception {
        // Loads as a registry, but two homes claim one zigbee2mqtt base: ingest could not route it.
        String twoClaims = HOMES.replace("sensors:\n      - {id: pir-kitchen",
                "hubs: [{format: zigbee2mqtt, base: z2m/h2}]\n    sensors:\n      - {id: pir-kitchen");
        KitRegistry applied = follow(HOMES, twoClaims).registry();

        assertThat(applied.homes()).extracting(h -> h.id()).containsExactly("h1", "h2");
        assertThat(applied.home("h1").orElseThrow().hubs()).isEmpty();
    }

    @Test
    void apply_aThresholdsChangeKeepsTheParsedRegistry() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(ControlMessage.homes(HOMES), 0);
            KitRegistry before = h.current().registry();
            h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 9h}\n"), 0);
            DetectionSettings after = h.current();

            assertThat(after.registry()).isSameAs(before);
            assertThat(after.settings().safety().stillness()).hasHours(9);
        }
    }

    @Test
    void apply_refusesThresholdsThatDoNotParse_andKeepsThePrevious() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 9h}\n"), 0);
            h.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: soon}\n"), 0);

            assertThat(h.current().settings().safety().stillness()).hasHours(9);
        }
    }

    /** The settings a follower holds after the start registry {@code start} and then the change {@code next}. */
    private static DetectionSettings follow(String start, String next) throws Exception {
        try (var h = harness(start)) {
            h.processBroadcastElement(ControlMessage.homes(next), 0);
            return h.current();
        }
    }

    private static Harness harness() throws Exception {
        return harness(HOMES);
    }

    private static Harness harness(String homes) throws Exception {
        Follower f = new Follower(new Texts(homes, null));
        return new Harness(ProcessFunctionTestHarnesses.forBroadcastProcessFunction(f, ConfigState.DESCRIPTOR), f);
    }

    private record Harness(BroadcastOperatorTestHarness<String, ControlMessage, String> harness, Follower follower)
            implements AutoCloseable {
        void processBroadcastElement(ControlMessage m, long t) throws Exception {
            harness.processBroadcastElement(m, t);
        }

        DetectionSettings current() {
            return follower.current;
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    /** The start configuration, as the detection job's config gives it. */
    private record Texts(String homesYaml, String thresholdsYaml) implements ConfigTexts, java.io.Serializable {}

    /** A function that only follows the configuration, as ingest's decoder, detection, delivery and the rest do. */
    private static final class Follower extends BroadcastProcessFunction<String, ControlMessage, String> {
        private final ConfigTexts initial;
        private transient ConfigState config;
        transient DetectionSettings current;

        Follower(ConfigTexts initial) {
            this.initial = initial;
        }

        @Override
        public void processElement(String value, ReadOnlyContext ctx, Collector<String> out) {}

        @Override
        public void processBroadcastElement(ControlMessage message, Context ctx, Collector<String> out) throws Exception {
            if (config == null) {
                config = new ConfigState(initial);
            }
            BroadcastState<String, String> state = ctx.getBroadcastState(ConfigState.DESCRIPTOR);
            config.apply(state, message);
            current = config.current(state);
        }
    }
}
