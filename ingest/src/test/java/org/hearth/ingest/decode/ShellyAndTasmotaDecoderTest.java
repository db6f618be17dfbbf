package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class ShellyAndTasmotaDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(ROUTES);

    /**
     * Switch component status as documented by Shelly (Allterco):
     * https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Switch#status and the "report for switch
     * status" example in https://github.com/ALLTERCO/shelly-script-examples (switch status).
     */
    private static final String SHELLY_SWITCH_STATUS = """
            {"temperature": { "tF": 121.1, "tC": 49.5 },
             "aenergy": {"minute_ts": 1632600459, "by_minute": [0, 0, 0], "total": 0.134},
             "current": 0, "voltage": 238.215, "apower": 0, "output": false, "source": "switch", "id": 0}""";

    @Test
    void shelly_apowerBecomesPowerAtReceiveTime() {
        DecodeResult r = decoder.decode(msg("shellyplus1pm-441793d69718/status/switch:0", SHELLY_SWITCH_STATUS));
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactly(SensorEvent.of("h3", "kettle", NOW, SensorKind.POWER, 0));

        DecodeResult boiling = decoder.decode(msg("shellyplus1pm-441793d69718/status/switch:0",
                SHELLY_SWITCH_STATUS.replace("\"apower\": 0", "\"apower\": 2310.4")));
        assertThat(boiling.events()).singleElement().extracting(SensorEvent::value).isEqualTo(2310.4);
    }

    @Test
    void shelly_onlineTrueFalse() {
        // https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Mqtt : "<topic_prefix>/online" true/false.
        assertThat(decoder.decode(msg("shellyplus1pm-441793d69718/online", "false")).events())
                .containsExactly(SensorEvent.of("h3", "kettle", NOW, SensorKind.AVAILABILITY, 0));
        assertThat(decoder.decode(msg("shellyplus1pm-441793d69718/online", "true")).events())
                .singleElement().extracting(SensorEvent::value).isEqualTo(1.0);
    }

    @Test
    void shelly_unknownDeviceAndMissingPowerAreDeadLettered() {
        assertThat(decoder.decode(msg("shellyplus1pm-000000000000/status/switch:0", SHELLY_SWITCH_STATUS)).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.UNKNOWN_DEVICE);
        // A Shelly Plus 1 without metering reports only the output.
        assertThat(decoder.decode(msg("shellyplus1pm-441793d69718/status/switch:0", "{\"id\":0,\"source\":\"init\",\"output\":true}"))
                .deadLetters()).singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
    }

    /**
     * Tasmota energy telemetry as shown for tele/livingroom-lamp/SENSOR in
     * https://blog.mylocalbytes.com/kb/2022-01-10/LB-PM-Power-Monitoring (format per
     * https://tasmota.github.io/docs/Power-Monitoring-Calibration/ and https://tasmota.github.io/docs/MQTT/).
     */
    @Test
    void tasmota_energyPowerWithLocalTimeInTheHomesZone() {
        String payload = """
                {"Time": "2022-01-11T21:57:38", "ENERGY": {"TotalStartTime": "2020-10-21T22:15:00", "Total": 3.705,
                 "Yesterday": 0.028, "Today": 0.026, "Period": 1, "Power": 5, "ApparentPower": 5, "ReactivePower": 0,
                 "Factor": 1.00, "Voltage": 233, "Current": 0.021}}""";
        DecodeResult r = decoder.decode(msg("tele/livingroom-lamp/SENSOR", payload));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactly(SensorEvent.of("h3", "lamp-plug",
                LocalDateTime.parse("2022-01-11T21:57:38").atZone(ZoneId.of("Europe/London")).toInstant(), SensorKind.POWER, 5));
    }

    @Test
    void tasmota_summerTimeIsConvertedToUtc() {
        DecodeResult r = decoder.decode(msg("tele/livingroom-lamp/SENSOR", "{\"Time\":\"2026-07-01T08:00:00\",\"ENERGY\":{\"Power\":40}}"));
        assertThat(r.events()).singleElement().extracting(SensorEvent::ts).hasToString("2026-07-01T07:00:00Z");
    }

    /** Console log of a Tasmota device, https://pastebin.com/4izDrY6W (tele STATE and SENSOR with Switch1). */
    @Test
    void tasmota_stateGivesRelayAndHeartbeatAndSensorGivesSwitch() {
        String state = "{\"Time\":\"2024-02-24T22:20:38\",\"Uptime\":\"0T00:10:11\",\"UptimeSec\":611,\"Heap\":24,"
                + "\"SleepMode\":\"Dynamic\",\"Sleep\":50,\"LoadAvg\":19,\"MqttCount\":1,\"POWER\":\"OFF\",\"Wifi\":{\"AP\":1,"
                + "\"SSId\":\"ESP-Network\",\"BSSId\":\"E6:8D:8C:4B:BE:F7\",\"Channel\":3,\"Mode\":\"11n\",\"RSSI\":44,"
                + "\"Signal\":-78,\"LinkCount\":1,\"Downtime\":\"0T00:00:05\"}}";
        DecodeResult r = decoder.decode(msg("tele/tasmota_9CF9D1/STATE", state));
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).extracting(SensorEvent::sensorId, SensorEvent::kind, SensorEvent::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bed", SensorKind.BED, 0.0),
                        org.assertj.core.groups.Tuple.tuple("bed-plug-alive", SensorKind.HEARTBEAT, 1.0));

        DecodeResult sensor = decoder.decode(msg("tele/tasmota_9CF9D1/SENSOR", "{\"Time\":\"2024-02-24T22:20:38\",\"Switch1\":\"ON\"}"));
        assertThat(sensor.events()).singleElement().satisfies(e -> {
            assertThat(e.sensorId()).isEqualTo("bed");
            assertThat(e.value()).isEqualTo(1.0);
        });
    }

    @Test
    void tasmota_lwtOnlineOffline() {
        // https://tasmota.github.io/docs/MQTT/ : "tele/tasmota/LWT Online" (retained), "Offline" as last will.
        assertThat(decoder.decode(msg("tele/livingroom-lamp/LWT", "Offline")).events())
                .containsExactly(SensorEvent.of("h3", "lamp-plug", NOW, SensorKind.AVAILABILITY, 0));
        assertThat(decoder.decode(msg("tele/livingroom-lamp/LWT", "Online")).events())
                .singleElement().extracting(SensorEvent::value).isEqualTo(1.0);
    }

    @Test
    void tasmota_otherTeleMessagesAreIgnoredAndBadOnesDeadLettered() {
        assertThat(decoder.decode(msg("tele/livingroom-lamp/INFO1", "{\"Module\":\"Generic\"}")).isIgnored()).isTrue();
        assertThat(decoder.decode(msg("tele/livingroom-lamp/SENSOR", "{\"Time\":\"2022-01-11T21:57:38\"}")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(decoder.decode(msg("tele/livingroom-lamp/SENSOR", "{\"ENERGY\":{\"Power\":[5,7]}}")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(decoder.decode(msg("tele/unknown_plug/SENSOR", "{\"ENERGY\":{\"Power\":5}}")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.UNKNOWN_DEVICE);
    }
}
