package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.NOW;

import java.time.Instant;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/**
 * Shelly payloads as Shelly documents them: Gen2+ notifications
 * (shelly-api-docs.shelly.cloud/gen2/General/Notifications, "Example 1" NotifyStatus and the
 * NotifyEvent example, both from {@code shellypro4pm-f008d1d8b8b8}), BTHome sensors through a BLU
 * gateway (gen2/DynamicComponents/BTHome/BTHomeSensor: {@code {"id":200,"value":...,"last_updated_ts":...}}),
 * and Gen1 MQTT topics (shelly-api-docs.shelly.cloud/gen1, MQTT: {@code shellies/<id>/relay/0/power},
 * {@code .../sensor/state} open/close, {@code .../input_event/0}).
 */
class ShellyDecoderTest {

    private static final String HOMES = """
            homes:
              - id: h5
                resident: {id: r5, alias: "E.F."}
                hubs: [{format: shelly}]
                sensors:
                  - {id: help, kind: button, room: lounge, role: help-button, device: shellypro4pm-f008d1d8b8b8/input:0}
                  - {id: bed-pad, kind: bed, room: bedroom, device: shellypro4pm-f008d1d8b8b8}
                  - {id: pro-alive, kind: heartbeat, room: hall, device: shellypro4pm-f008d1d8b8b8}
                  - {id: kettle, kind: power, room: kitchen, role: kettle, device: shellyplus1pm-441793d69718}
                  - {id: back-door, kind: contact, room: kitchen, device: shellyblugwg3-a0b765e8d234/bthomesensor:201}
                  - {id: pir-landing, kind: motion, room: landing, device: shellyblugwg3-a0b765e8d234/bthomesensor:202}
                  - {id: blu-button, kind: button, room: bedroom, device: shellyblugwg3-a0b765e8d234/bthomesensor:203}
                  - {id: pantry-door, kind: contact, room: kitchen, device: shellyplusi4-c4d8d5586a20/input:2}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: shellydw2-483FDA}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom, device: shellymotionsensor-60A423D3B8A1}
                  - {id: lamp, kind: power, room: lounge, device: shellyplug-s-7C87CEBA5E31}
                  - {id: door-button, kind: button, room: hall, device: shelly1-98CDAC2F1B36}
            """;

    private final MessageDecoder decoder = new MessageDecoder(RoutingTable.of(new RegistryLoader().parse("homes.yaml", HOMES)));

    private static MqttMessage msg(String topic, String payload) {
        return MqttMessage.of(topic, payload, NOW);
    }

    @Test
    void gen2_notifyStatusExampleGivesTheRelayAtTheDevicesOwnTime() {
        // Shelly's "Example 1: Notify that a button has changed the output state of the switch with id=0".
        DecodeResult r = decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc", """
                {"src": "shellypro4pm-f008d1d8b8b8", "dst": "user_1", "method": "NotifyStatus",
                 "params": {"ts": 1631186545.04, "switch:0": {"id": 0, "output": true, "source": "button"}}}"""));

        Instant deviceTime = Instant.parse("2021-09-09T11:22:25.040Z");
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactlyInAnyOrder(
                SensorEvent.of("h5", "bed-pad", deviceTime, SensorKind.BED, 1),
                SensorEvent.of("h5", "pro-alive", deviceTime, SensorKind.HEARTBEAT, 1));
    }

    @Test
    void gen2_notifyEventExampleIsAPressOfTheBoundInputAtItsOwnTime() {
        // Shelly's NotifyEvent example: input:0 single_push.
        DecodeResult r = decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc", """
                {"src": "shellypro4pm-f008d1d8b8b8", "dst": "user_1", "method": "NotifyEvent",
                 "params": {"ts": 1631266595.44, "events": [{"component": "input:0", "id": 0, "event": "single_push", "ts": 1631266595.44}]}}"""));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).contains(SensorEvent.of("h5", "help", Instant.parse("2021-09-10T09:36:35.440Z"), SensorKind.BUTTON, 1));
    }

    @Test
    void gen2_theEdgesOfAPressAreNotCountedAsMorePresses() {
        // A Plus 1 with a push button sends btn_down, btn_up, then single_push for one press.
        String frame = """
                {"src":"shellypro4pm-f008d1d8b8b8","dst":"shellypro4pm-f008d1d8b8b8/events","method":"NotifyEvent",
                 "params":{"ts":1728655744.17,"events":[{"component":"input:0","id":0,"event":"%s","ts":1728655744.17}]}}""";
        assertThat(decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc", frame.formatted("btn_down"))).events())
                .extracting(SensorEvent::kind).doesNotContain(SensorKind.BUTTON);
        assertThat(decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc", frame.formatted("btn_up"))).events())
                .extracting(SensorEvent::kind).doesNotContain(SensorKind.BUTTON);
        assertThat(decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc", frame.formatted("single_push"))).events())
                .extracting(SensorEvent::kind).contains(SensorKind.BUTTON);
    }

    @Test
    void gen2_aPartialNotifyStatusGivesOnlyWhatChanged() {
        // NotifyStatus overlays changes: a power change alone carries apower, not output.
        DecodeResult power = decoder.decode(msg("shellyplus1pm-441793d69718/events/rpc", """
                {"src":"shellyplus1pm-441793d69718","dst":"shellyplus1pm-441793d69718/events","method":"NotifyStatus",
                 "params":{"ts":1764061200.50,"switch:0":{"id":0,"apower":2310.4,"current":9.7}}}"""));
        DecodeResult cloud = decoder.decode(msg("shellyplus1pm-441793d69718/events/rpc", """
                {"src":"shellyplus1pm-441793d69718","dst":"user_1","method":"NotifyStatus","params":{"ts":1624348482.25,"cloud":{"connected":false}}}"""));

        assertThat(power.deadLetters()).isEmpty();
        assertThat(power.events()).containsExactly(
                SensorEvent.of("h5", "kettle", Instant.parse("2025-11-25T09:00:00.500Z"), SensorKind.POWER, 2310.4));
        assertThat(cloud.isIgnored()).as("a cloud status change is no reading").isTrue();
    }

    @Test
    void gen2_bluDoorWindowMotionAndButtonThroughAGateway() {
        DecodeResult door = decoder.decode(msg("shellyblugwg3-a0b765e8d234/events/rpc", """
                {"src":"shellyblugwg3-a0b765e8d234","dst":"shellyblugwg3-a0b765e8d234/events","method":"NotifyStatus",
                 "params":{"ts":1785961497.12,"bthomesensor:201":{"id":201,"value":true,"last_updated_ts":1785961497}}}"""));
        DecodeResult motion = decoder.decode(msg("shellyblugwg3-a0b765e8d234/status/bthomesensor:202",
                "{\"id\":202,\"value\":false,\"last_updated_ts\":1785961600}"));
        DecodeResult press = decoder.decode(msg("shellyblugwg3-a0b765e8d234/events/rpc", """
                {"src":"shellyblugwg3-a0b765e8d234","method":"NotifyEvent",
                 "params":{"ts":1785961700.3,"events":[{"component":"bthomesensor:203","id":203,"event":"single_push","ts":1785961700.3}]}}"""));

        assertThat(door.events()).containsExactly(
                SensorEvent.of("h5", "back-door", Instant.ofEpochSecond(1785961497), SensorKind.CONTACT, 1));
        assertThat(motion.events()).containsExactly(
                SensorEvent.of("h5", "pir-landing", Instant.ofEpochSecond(1785961600), SensorKind.MOTION, 0));
        assertThat(press.events()).containsExactly(
                SensorEvent.of("h5", "blu-button", Instant.ofEpochMilli(1785961700300L), SensorKind.BUTTON, 1));
    }

    @Test
    void gen2_aSwitchTypeInputIsALevelOnItsOwnComponent() {
        DecodeResult open = decoder.decode(msg("shellyplusi4-c4d8d5586a20/status/input:2", "{\"id\":2,\"state\":true}"));
        DecodeResult otherInput = decoder.decode(msg("shellyplusi4-c4d8d5586a20/status/input:0", "{\"id\":0,\"state\":true}"));

        assertThat(open.events()).containsExactly(SensorEvent.of("h5", "pantry-door", NOW, SensorKind.CONTACT, 1));
        assertThat(otherInput.isIgnored()).isTrue();
    }

    @Test
    void gen1_doorWindowMotionRelayPowerAndInputEvent() {
        assertThat(decoder.decode(msg("shellies/shellydw2-483FDA/sensor/state", "open")).events())
                .containsExactly(SensorEvent.of("h5", "front-door", NOW, SensorKind.CONTACT, 1));
        assertThat(decoder.decode(msg("shellies/shellydw2-483FDA/sensor/state", "close")).events())
                .containsExactly(SensorEvent.of("h5", "front-door", NOW, SensorKind.CONTACT, 0));
        assertThat(decoder.decode(msg("shellies/shellymotionsensor-60A423D3B8A1/status",
                "{\"motion\":true,\"timestamp\":1614092826,\"active\":true,\"vibration\":false,\"lux\":78,\"bat\":98}")).events())
                .containsExactly(new SensorEvent("h5", "pir-bathroom", NOW, SensorKind.MOTION, 1, 98, null));
        assertThat(decoder.decode(msg("shellies/shellyplug-s-7C87CEBA5E31/relay/0/power", "2150.45")).events())
                .containsExactly(SensorEvent.of("h5", "lamp", NOW, SensorKind.POWER, 2150.45));
        assertThat(decoder.decode(msg("shellies/shelly1-98CDAC2F1B36/input_event/0", "{\"event\":\"S\",\"event_cnt\":4}")).events())
                .containsExactly(SensorEvent.of("h5", "door-button", NOW, SensorKind.BUTTON, 1));
        assertThat(decoder.decode(msg("shellies/shellydw2-483FDA/sensor/battery", "97")).isIgnored()).isTrue();
        assertThat(decoder.decode(msg("shellies/shellydw2-483FDA/online", "false")).events())
                .containsExactly(SensorEvent.of("h5", "front-door", NOW, SensorKind.AVAILABILITY, 0));
    }

    @Test
    void aRetainedCopyIsNeverAPress() {
        MqttMessage retained = new MqttMessage("shellies/shelly1-98CDAC2F1B36/input_event/0",
                "{\"event\":\"S\",\"event_cnt\":4}".getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW, true);
        assertThat(decoder.decode(retained).events()).isEmpty();
    }

    @Test
    void badReadingsAreDeadLetteredForTheirSensorAlone() {
        assertThat(decoder.decode(msg("shellies/shellydw2-483FDA/sensor/state", "ajar")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(decoder.decode(msg("shellies/shelly-unknown/sensor/state", "open")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.UNKNOWN_DEVICE);
        DecodeResult badTs = decoder.decode(msg("shellypro4pm-f008d1d8b8b8/events/rpc",
                "{\"method\":\"NotifyStatus\",\"params\":{\"ts\":\"soon\",\"switch:0\":{\"output\":true}}}"));
        assertThat(badTs.deadLetters()).singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
    }
}
