package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.CLOCK;
import static org.hearth.ingest.testing.TestKit.NOW;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/**
 * Tasmota's {@code stat/} topics and device-local time, with payloads as tasmota.github.io/docs
 * shows them ("MQTT": {@code stat/tasmota/RESULT = {"POWER":"ON"}}, {@code stat/tasmota/POWER = ON},
 * {@code tele/tasmota/STATE = {"Time":"...","POWER":"OFF",...}}, {@code tele/tasmota/LWT Offline};
 * "Commands": {@code Timezone} default 1, {@code SetOption73} giving {@code {"Button1":{"Action":"SINGLE"}}}).
 */
class TasmotaDecoderTest {

    private static final String HOMES = """
            homes:
              - id: h6
                timezone: Europe/London
                resident: {id: r6, alias: "G.H."}
                hubs:
                  - {format: tasmota, timezone: "+01:00"}
                sensors:
                  - {id: help, kind: button, room: lounge, role: help-button, device: help_btn}
                  - {id: kettle, kind: power, room: kitchen, role: kettle, device: kettle_plug}
                  - {id: bridge, kind: heartbeat, room: hall, device: zb_bridge}
                  - {id: bed, kind: bed, room: bedroom, role: bed, device: bed_pad}
            """;

    private final RoutingTable routes = RoutingTable.of(new RegistryLoader().parse("homes.yaml", HOMES));
    private final MessageDecoder decoder = new MessageDecoder(routes);

    private static MqttMessage at(String topic, String payload, Instant receivedAt) {
        return MqttMessage.of(topic, payload, receivedAt);
    }

    @Test
    void aHelpButtonThatTogglesTheRelayIsAPressOnEveryChangeNotOnlyWhenItReadsOn() {
        // Four presses: the relay goes ON, OFF, ON, OFF. Each is published as stat/.../RESULT then stat/.../POWER.
        List<SensorEvent> presses = new ArrayList<>();
        String[] levels = {"ON", "OFF", "ON", "OFF"};
        for (int i = 0; i < levels.length; i++) {
            Instant t = NOW.plusSeconds(60L * i);
            presses.addAll(decoder.decode(at("stat/help_btn/RESULT", "{\"POWER\":\"" + levels[i] + "\"}", t)).events());
            presses.addAll(decoder.decode(at("stat/help_btn/POWER", levels[i], t.plusMillis(3))).events());
        }

        assertThat(presses).hasSize(4).allSatisfy(e -> {
            assertThat(e.sensorId()).isEqualTo("help");
            assertThat(e.kind()).isEqualTo(SensorKind.BUTTON);
            assertThat(e.value()).as("a press, whichever way the relay went").isEqualTo(1.0);
        });
    }

    @Test
    void periodicTelemetryOfAButtonsRelayIsNoPress() {
        String state = "{\"Time\":\"2026-11-23T11:00:00\",\"Uptime\":\"0T00:10:11\",\"UptimeSec\":611,\"POWER\":\"ON\"}";
        assertThat(decoder.decode(at("tele/help_btn/STATE", state, NOW)).events()).isEmpty();
    }

    @Test
    void decoupledButtonActionIsAPress() {
        assertThat(decoder.decode(at("stat/help_btn/RESULT", "{\"Button1\":{\"Action\":\"SINGLE\"}}", NOW)).events())
                .containsExactly(SensorEvent.of("h6", "help", NOW, SensorKind.BUTTON, 1));
    }

    @Test
    void statGivesABedTheLevelAtOnceAndOtherAnswersAreIgnored() {
        assertThat(decoder.decode(at("stat/bed_pad/POWER", "ON", NOW)).events())
                .containsExactly(SensorEvent.of("h6", "bed", NOW, SensorKind.BED, 1));
        assertThat(decoder.decode(at("stat/bed_pad/RESULT", "{\"Timezone\":99}", NOW)).isIgnored()).isTrue();
        assertThat(decoder.decode(at("stat/bed_pad/STATUS7", "{\"StatusTIM\":{\"Timezone\":\"+01:00\"}}", NOW)).isIgnored()).isTrue();
        assertThat(decoder.decode(at("stat/bed_pad/POWER", "BLINK", NOW)).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void timeIsReadInTheHubsZoneSoADeviceAtTheFirmwareDefaultIsNotAnHourAhead() {
        // A UK home, a Tasmota left at Timezone 1 (CET): at 10:00 UTC it writes 11:00 local.
        MessageIngestor live = new MessageIngestor(routes, ValidationPolicy.live(), CLOCK);
        String sensor = "{\"Time\":\"2026-11-23T11:00:00\",\"ENERGY\":{\"Power\":2150}}";

        var r = live.ingest(at("tele/kettle_plug/SENSOR", sensor, NOW));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactly(SensorEvent.of("h6", "kettle", NOW, SensorKind.POWER, 2150));
        // With SetOption52 the payload carries its own offset, which wins.
        assertThat(decoder.decode(at("tele/kettle_plug/SENSOR",
                "{\"Time\":\"2026-11-23T10:00:00+00:00\",\"ENERGY\":{\"Power\":5}}", NOW)).events())
                .singleElement().extracting(SensorEvent::ts).isEqualTo(NOW);
    }

    @Test
    void withoutTheHubZoneTheSameDeviceWouldBeRefusedAsInTheFuture() {
        RoutingTable homeZoneOnly = RoutingTable.of(new RegistryLoader().parse("homes.yaml",
                HOMES.replace("{format: tasmota, timezone: \"+01:00\"}", "{format: tasmota}")));
        var r = new MessageIngestor(homeZoneOnly, ValidationPolicy.live(), CLOCK)
                .ingest(at("tele/kettle_plug/SENSOR", "{\"Time\":\"2026-11-23T11:00:00\",\"ENERGY\":{\"Power\":2150}}", NOW));
        assertThat(r.deadLetters()).singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void lwtOfTheDeviceThatCarriesTheHubHeartbeatIsTheHubsAvailability() {
        assertThat(decoder.decode(at("tele/zb_bridge/LWT", "Offline", NOW)).events())
                .containsExactly(SensorEvent.of("h6", "bridge", NOW, SensorKind.AVAILABILITY, 0));
    }

    /** Tasmota's Status 7 answer: {"StatusTIM":{"UTC":...,"Local":...,"StartDST":...,"EndDST":...,"Timezone":...,...}}. */
    private static String status7(String utc, String local, String timezone) {
        return "{\"StatusTIM\":{\"UTC\":\"" + utc + "\",\"Local\":\"" + local + "\",\"StartDST\":\"2026-03-29T02:00:00\","
                + "\"EndDST\":\"2026-10-25T03:00:00\",\"Timezone\":" + timezone + ",\"Sunrise\":\"07:43\",\"Sunset\":\"16:06\"}}";
    }

    @Test
    void status7RevealsADeviceClockZoneThatDiffersFromTheOneItsTimeIsReadIn() {
        RoutingTable homeZoneOnly = RoutingTable.of(new RegistryLoader().parse("homes.yaml",
                HOMES.replace("{format: tasmota, timezone: \"+01:00\"}", "{format: tasmota}")));
        String cet = status7("2026-11-23T10:00:00", "2026-11-23T11:00:00", "\"+01:00\"");

        var mismatch = new MessageDecoder(homeZoneOnly).decode(at("stat/kettle_plug/STATUS7", cet, NOW));
        var declared = decoder.decode(at("stat/kettle_plug/STATUS7", cet, NOW));
        // Timezone 99 with the UK's DST rules: +01:00 in July is what Europe/London says too.
        var ukSummer = new MessageDecoder(homeZoneOnly).decode(at("stat/kettle_plug/STATUS7",
                status7("2026-07-01T10:00:00", "2026-07-01T11:00:00", "99"), NOW));

        assertThat(mismatch.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.ZONE_MISMATCH);
            assertThat(d.detail()).contains("UTC+01:00").contains("Europe/London (UTC+00:00").contains("timezone: \"+01:00\"");
        });
        assertThat(declared.isIgnored()).as("the hub's timezone key matches the device").isTrue();
        assertThat(ukSummer.isIgnored()).isTrue();
    }
}
