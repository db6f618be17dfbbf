package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.ingest.testing.TestBroker;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Zigbee2MQTT, Shelly (Gen2 RPC notifications and Gen1 topics) and Tasmota ({@code tele/} and
 * {@code stat/}) as they arrive in the live ingest: Paho publishes to a real broker (embedded
 * HiveMQ CE), the job subscribes with the topic filters the registry gives, decodes, validates and
 * de-duplicates. Payloads are the upstream documentation's examples (sources beside each; the unit
 * tests in {@code decode} quote them too), with one change: device timestamps are set to a few
 * seconds ago, because the live validation refuses readings days old, as it should.
 */
class KitTopicsLiveTest {

    private static final String HOMES = """
            homes:
              - id: h7
                timezone: Europe/London
                resident: {id: r7, alias: "K.L."}
                hubs:
                  - {format: zigbee2mqtt, base: zigbee2mqtt/h7}
                  - {format: shelly}
                  - {format: tasmota, timezone: "+01:00"}
                sensors:
                  - {id: pir-hall, kind: motion, room: hall, device: hall/pir}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: front_door}
                  - {id: help, kind: button, room: lounge, role: help-button, device: shellypro4pm-f008d1d8b8b8/input:0}
                  - {id: bed-pad, kind: bed, room: bedroom, device: shellypro4pm-f008d1d8b8b8}
                  - {id: back-door, kind: contact, room: kitchen, device: shellydw2-483FDA}
                  - {id: kettle, kind: power, room: kitchen, role: kettle, device: kettle_plug}
                  - {id: chair, kind: bed, room: lounge, device: chair_pad}
                  - {id: bridge, kind: heartbeat, room: hall, device: zb_bridge}
            """;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Started before each test, stopped after its job is cancelled (below). */
    @RegisterExtension
    final TestBroker broker = TestBroker.embedded();
    private JobClient job;

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void shouldTurnEachKitsRealPayloadsIntoEventsAndKeepTheBadOnesAsDeadLetters() throws Exception {
        KitRegistry registry = new RegistryLoader().parse("homes.yaml", HOMES);
        Clock clock = Clock.systemUTC();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        MqttSource source = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("kits").clock(clock).build();
        IngestStreams streams = IngestPipeline.attach(env, source, registry, IngestOptions.live(clock));
        streams.events().sinkTo(Collect.into("kits-events"));
        streams.deadLetters().sinkTo(Collect.into("kits-dead"));
        streams.late().sinkTo(Collect.into("kits-late"));
        job = env.executeAsync("kit-topics");

        Instant t;
        try (Publisher pub = new Publisher(broker.uri(), "kits-publisher", 20)) {
            MqttPipelineTest.awaitSubscribed(pub, "h7", "kits-dead");
            // A few seconds ago, once subscribed, in whole seconds (Tasmota's Time has no fraction).
            t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
            String tasmotaLocal = t.atOffset(ZoneOffset.ofHours(1)).toLocalDateTime().toString(); // firmware default Timezone 1
            long shellyTs = t.getEpochSecond();

            // Zigbee2MQTT (zigbee2mqtt.io, "MQTT topics and messages"; herdsman-converters' battery = percentage / 2).
            pub.publish("zigbee2mqtt/h7/hall/pir", """
                    {"battery":97.5,"illuminance_above_threshold":false,"linkquality":87,"occupancy":true,
                     "requested_brightness_level":76,"requested_brightness_percent":30,"temperature":19.5,"humidity":48}""");
            pub.publish("zigbee2mqtt/h7/front_door", "{\"battery\":91,\"contact\":false,\"linkquality\":120,\"voltage\":3005}");
            pub.publish("zigbee2mqtt/h7/bridge/state", "{\"state\":\"offline\"}");
            pub.publish("zigbee2mqtt/h7/front_door", "{\"contact\":\"open\"}");
            pub.publish("zigbee2mqtt/h7/lounge_bulb", "{\"state\": \"ON\", \"brightness\": 215, \"color_temp\": 325}");

            // Shelly Gen2 notifications (shelly-api-docs.shelly.cloud/gen2/General/Notifications) and Gen1 topics.
            pub.publish("shellypro4pm-f008d1d8b8b8/events/rpc", """
                    {"src": "shellypro4pm-f008d1d8b8b8", "dst": "user_1", "method": "NotifyEvent",
                     "params": {"ts": %d.44, "events": [{"component": "input:0", "id": 0, "event": "single_push", "ts": %d.44}]}}"""
                    .formatted(shellyTs, shellyTs));
            pub.publish("shellypro4pm-f008d1d8b8b8/events/rpc", """
                    {"src": "shellypro4pm-f008d1d8b8b8", "dst": "user_1", "method": "NotifyStatus",
                     "params": {"ts": %d.04, "switch:0": {"id": 0, "output": true, "source": "button"}}}""".formatted(shellyTs));
            pub.publish("shellies/shellydw2-483FDA/sensor/state", "open");
            pub.publish("shellies/shellydw2-483FDA/sensor/state", "ajar");

            // Tasmota (tasmota.github.io/docs/MQTT/): telemetry in the device's local time, stat/ answers, LWT.
            pub.publish("tele/kettle_plug/SENSOR", """
                    {"Time": "%s", "ENERGY": {"TotalStartTime": "2020-10-21T22:15:00", "Total": 3.705,
                     "Yesterday": 0.028, "Today": 0.026, "Period": 1, "Power": 5, "ApparentPower": 5, "ReactivePower": 0,
                     "Factor": 1.00, "Voltage": 233, "Current": 0.021}}""".formatted(tasmotaLocal));
            pub.publish("stat/chair_pad/POWER", "ON");
            pub.publish("tele/zb_bridge/LWT", "Offline");
            pub.publish("stat/chair_pad/POWER", "BLINK");
            pub.drain();

            await().atMost(Duration.ofSeconds(60)).until(() -> Collect.size("kits-events") >= 9 && kitDeadLetters().size() >= 4);
        }

        List<SensorEvent> events = Collect.get("kits-events");
        assertThat(events).extracting(SensorEvent::sensorId, SensorEvent::kind, SensorEvent::value).containsExactlyInAnyOrder(
                tuple("pir-hall", SensorKind.MOTION, 1.0),
                tuple("front-door", SensorKind.CONTACT, 1.0),
                tuple("hub", SensorKind.AVAILABILITY, 0.0),
                tuple("help", SensorKind.BUTTON, 1.0),
                tuple("bed-pad", SensorKind.BED, 1.0),
                tuple("back-door", SensorKind.CONTACT, 1.0),
                tuple("kettle", SensorKind.POWER, 5.0),
                tuple("chair", SensorKind.BED, 1.0),
                tuple("bridge", SensorKind.AVAILABILITY, 0.0));
        assertThat(events).allSatisfy(e -> assertThat(e.homeId()).isEqualTo("h7"));
        // The device's own time where the payload has one: Shelly's params.ts, Tasmota's Time read at +01:00.
        assertThat(event(events, "help").ts()).isEqualTo(t.plusMillis(440));
        assertThat(event(events, "bed-pad").ts()).isEqualTo(t.plusMillis(40));
        assertThat(event(events, "kettle").ts()).isEqualTo(t);
        assertThat(event(events, "pir-hall").battery()).isEqualTo(98);

        assertThat(kitDeadLetters()).extracting(DeadLetter::topic, DeadLetter::reason).containsExactlyInAnyOrder(
                tuple("zigbee2mqtt/h7/front_door", DeadLetterReason.WRONG_TYPE),
                tuple("zigbee2mqtt/h7/lounge_bulb", DeadLetterReason.UNKNOWN_DEVICE),
                tuple("shellies/shellydw2-483FDA/sensor/state", DeadLetterReason.WRONG_TYPE),
                tuple("stat/chair_pad/POWER", DeadLetterReason.WRONG_TYPE));
        assertThat(kitDeadLetters()).extracting(DeadLetter::payload).contains("ajar", "BLINK");
        assertThat(Collect.get("kits-late")).isEmpty();
        assertThat(broker.embeddedBroker().droppedMessages()).isZero();
    }

    private static SensorEvent event(List<SensorEvent> events, String sensorId) {
        return events.stream().filter(e -> e.sensorId().equals(sensorId)).findFirst().orElseThrow();
    }

    /** Dead letters apart from the subscription probes. */
    private static List<DeadLetter> kitDeadLetters() {
        return Collect.<DeadLetter>get("kits-dead").stream().filter(d -> !d.topic().endsWith("/probe")).toList();
    }
}
