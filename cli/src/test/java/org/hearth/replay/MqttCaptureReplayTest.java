package org.hearth.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.cli.HearthCommand;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth replay --format mqtt} over {@code capture/kits-capture.jsonl}: a capture of mixed
 * real kit payloads (Zigbee2MQTT with a fractional battery, a redelivery and its own timed-out
 * {@code occupancy:false}; Shelly Gen2 NotifyStatus/NotifyEvent, a BLU Door/Window through a gateway
 * and a Gen1 Door/Window; Tasmota SENSOR/STATE in CET on a UK home, a toggling help button on
 * {@code stat/}, and its hub's LWT) goes through ingest's decoders, validation and the detection job.
 */
class MqttCaptureReplayTest {

    private static final Path CAPTURE = resource("capture/kits-capture.jsonl");
    private static final Path HOMES = resource("capture/kits-homes.yaml");

    @TempDir
    Path dir;

    @Test
    void everyLineOfTheCaptureDecodesToTheExpectedEventsWithNoDeadLetter() throws Exception {
        KitRegistry registry = new RegistryLoader().load(HOMES);
        MqttLines lines = new MqttLines("kits-capture.jsonl", registry);
        List<ReplayRecord> records = new ArrayList<>();
        long n = 0;
        for (String line : Files.readAllLines(CAPTURE, StandardCharsets.UTF_8)) {
            records.addAll(lines.decode(line, ++n));
        }

        assertThat(records).filteredOn(r -> !r.isEvent()).as("dead letters").isEmpty();
        assertThat(records).extracting(ReplayRecord::event).containsExactly(
                ev("h2", "hub", "2026-11-23T06:59:00Z", SensorKind.AVAILABILITY, 1),
                new SensorEvent("h2", "pir-hall", Instant.parse("2026-11-23T07:00:00Z"), SensorKind.MOTION, 1, 98, 87),
                new SensorEvent("h2", "pir-hall", Instant.parse("2026-11-23T07:00:00Z"), SensorKind.MOTION, 1, 98, 87),
                new SensorEvent("h2", "pir-hall", Instant.parse("2026-11-23T07:01:30Z"), SensorKind.MOTION, 0, 98, 87),
                new SensorEvent("h2", "front-door", Instant.parse("2026-11-23T07:05:10Z"), SensorKind.CONTACT, 1, 100, 144),
                new SensorEvent("h2", "front-door", Instant.parse("2026-11-23T07:05:40Z"), SensorKind.CONTACT, 0, 100, 144),
                ev("h5", "kettle", "2026-11-23T07:10:00.500Z", SensorKind.POWER, 2310.4),
                new SensorEvent("h2", "kettle", Instant.parse("2026-11-23T07:12:03.120Z"), SensorKind.POWER, 2150.3, null, 160),
                ev("h6", "kettle", "2026-11-23T07:14:00Z", SensorKind.POWER, 2150),
                ev("h6", "bridge", "2026-11-23T07:15:00Z", SensorKind.HEARTBEAT, 1),
                ev("h5", "back-door", "2026-11-23T07:15:00Z", SensorKind.CONTACT, 1),
                ev("h5", "front-door", "2026-11-23T07:16:00Z", SensorKind.CONTACT, 1),
                new SensorEvent("h2", "help", Instant.parse("2026-11-23T07:20:00Z"), SensorKind.BUTTON, 1, 98, 102),
                ev("h5", "help", "2026-11-23T07:25:00.880Z", SensorKind.BUTTON, 1),
                ev("h6", "help", "2026-11-23T07:30:00.004Z", SensorKind.BUTTON, 1),
                ev("h6", "help", "2026-11-23T07:34:00.004Z", SensorKind.BUTTON, 1),
                ev("h6", "bridge", "2026-11-23T07:40:00Z", SensorKind.AVAILABILITY, 0));
    }

    @Test
    void replayFormatMqttGivesTheHelpPressesAndTheHubOutageWithZeroDeadLetters() throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = HearthCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("replay", "--events", CAPTURE.toString(), "--format", "mqtt", "--homes", HOMES.toString(),
                "--alerts", alerts.toString());

        assertThat(exit).as(err.toString()).isZero();
        String summary = out.toString().trim();
        System.out.println("kits capture replay summary: " + summary);
        assertThat(summary).contains("16 events, 3 homes").contains("0 dead letters, 0 late, 1 duplicates");
        assertThat(Files.exists(dir.resolve("dead-letters.jsonl"))).isFalse();
        List<Alert> raised = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            raised.add(HearthJson.json().readValue(line, Alert.class));
        }
        assertThat(raised).extracting(Alert::homeId, a -> a.rule().wireName(), Alert::at).containsExactlyInAnyOrder(
                tuple("h2", "help-button", Instant.parse("2026-11-23T07:20:00Z")),
                tuple("h5", "help-button", Instant.parse("2026-11-23T07:25:00.880Z")),
                tuple("h6", "help-button", Instant.parse("2026-11-23T07:30:00.004Z")),
                tuple("h6", "hub-offline", Instant.parse("2026-11-23T07:40:00Z")));
        assertThat(raised).filteredOn(a -> a.homeId().equals("h6") && a.rule().wireName().equals("help-button"))
                .as("the toggling button's second press is the same episode, not a second alert").hasSize(1);
    }

    private static SensorEvent ev(String home, String sensor, String ts, SensorKind kind, double value) {
        return SensorEvent.of(home, sensor, Instant.parse(ts), kind, value);
    }

    private static Path resource(String name) {
        try {
            return Path.of(MqttCaptureReplayTest.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
