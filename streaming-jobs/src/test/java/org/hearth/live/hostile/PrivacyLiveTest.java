package org.hearth.live.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.IngestOptions;
import org.hearth.installer.control.RegistryControl;
import org.hearth.job.DetectionJobConfig;
import org.hearth.live.ControlStream;
import org.hearth.live.LiveJob;
import org.hearth.live.LiveJobHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing personal where it should not be (issue 19): the live job on Mosquitto with realistic
 * homes (residents' names and addresses among the registry's extra keys, carers and an installer
 * with names and phone numbers), fed a day's kind of traffic (movement, kettle, door, a help press
 * that is texted, a late event, an unknown sensor, bad input, a broken registry pushed on the
 * control topic, status and heartbeat publishing), then every log line at INFO and above (Hearth's
 * at DEBUG), everything printed, every file written outside the outbox and every MQTT message on
 * the broker is searched for the registry's names, phone numbers and addresses. Positive control:
 * the same search finds the resident's alias, which Hearth does write (the alerts file).
 */
class PrivacyLiveTest {

    static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.F.", name: "Joan Featherstonehaugh", address: "14 Acacia Avenue, Leeds LS6 2AB"}
                address: "14 Acacia Avenue, Leeds LS6 2AB"
                sensors:
                  - {id: help, kind: button, room: hall, role: help-button}
                  - {id: pir-hall, kind: motion, room: hall}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                carers:
                  - {name: "Priyanka Ramaswamy", phone: "+447700900123", quietHours: "22:00-07:00"}
                  - {name: "Declan Oyelaran-Whitby", phone: "+447700900456"}
                installer: {name: "Brightwater Care Duty Desk", phone: "+447700900999"}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "E.M.", name: "Eamon Mulcahy-Torvald", address: "Flat 3, 27 Quarry Hill Road, Otley LS21 9QX"}
                sensors:
                  - {id: pir-lounge, kind: motion, room: lounge}
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                carers:
                  - {name: "Siobhan Mulcahy-Torvald", phone: "+447700900789"}
            """;

    /** What must never appear: names, surnames alone, phone numbers in several writings, addresses. */
    static final List<String> REGISTRY_WORDS = List.of("Featherstonehaugh", "Joan", "Acacia Avenue", "LS6 2AB",
            "Priyanka", "Ramaswamy", "Declan", "Oyelaran", "Brightwater", "Eamon", "Mulcahy", "Torvald", "Siobhan",
            "Quarry Hill", "LS21 9QX", "7700900123", "7700900456", "7700900999", "7700900789");
    /** The same numbers as people write them. */
    static final List<String> PHONE_WRITINGS = List.of("7700 900123", "7700 900456", "7700 900999", "7700 900789", "+44 7700");
    static final List<String> PERSONAL = java.util.stream.Stream.concat(REGISTRY_WORDS.stream(), PHONE_WRITINGS.stream()).toList();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path dir;

    private LiveJobHarness live;
    private final Capture logs = new Capture();
    private PrintStream out;
    private PrintStream err;

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        logs.detach();
        if (out != null) {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void shouldWriteNoNamePhoneNumberOrAddressOutsideTheOutbox() throws Exception {
        live = LiveJobHarness.withMosquitto(dir).outboxAt(dir.resolve("outbox/sms.jsonl"));
        logs.attach();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out, printed), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, printed), true, StandardCharsets.UTF_8));

        Clock clock = live.clock();
        Path outbox = live.outbox();
        List<String> mqtt = Collections.synchronizedList(new ArrayList<>());
        LiveJobHarness.Hub spy = live.hub("privacy-spy");
        spy.client().subscribe("#", 0);
        spy.client().setCallback(new SpyCallback(mqtt));

        // As `hearth kit apply` leaves it: the registry retained on the control topic (the job follows it).
        MqttMessage applied = new MqttMessage(RegistryControl.of(1, clock.instant(), HOMES).toJson());
        applied.setQos(1);
        applied.setRetained(true);
        spy.client().publish(RegistryControl.TOPIC, applied);

        StreamExecutionEnvironment env = live.environment(300);
        // The press is republished with its first timestamp until the source has subscribed: the lateness
        // must cover that wait (as in HelpPressLiveTest); the hour-old event below is still late.
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofMinutes(10))
                .withAllowedLateness(Duration.ofMinutes(10));
        LiveJob.Settings settings = new LiveJob.Settings(DetectionJobConfig.of(HOMES), live.data(), ingest,
                live.outboxDelivery(), true, null).withStatusBroker(live.brokerUri());
        new LiveJob(settings).withHeartbeat(live.brokerUri(), Duration.ofSeconds(1), Duration.ofMillis(300), clock)
                .attach(env, live.sensors(HOMES, "privacy-events"), ControlStream.attach(env, live.control("privacy-control")));
        live.start(env, "privacy-live-test");

        try (LiveJobHarness.Hub hub = live.hub("privacy-hub")) {
            Instant pressed = clock.instant();
            String press = "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}";
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/h1/help", press);
                return Files.exists(outbox) && Files.readString(outbox).contains("h1/carer-0");
            });
            Instant t = clock.instant();
            hub.publish("hearth/h1/pir-hall", "{\"ts\": \"" + t + "\", \"kind\": \"motion\", \"value\": 1, \"battery\": 77}");
            hub.publish("hearth/h1/kitchen-plug", "{\"ts\": \"" + t.plusMillis(5) + "\", \"kind\": \"power\", \"value\": 2150}");
            hub.publish("hearth/h1/front-door", "{\"ts\": \"" + t.plusMillis(9) + "\", \"kind\": \"contact\", \"value\": 1}");
            hub.publish("hearth/h2/bed", "{\"ts\": \"" + t + "\", \"kind\": \"bed\", \"value\": 1}");
            hub.publish("hearth/h2/pir-lounge", "{\"ts\": \"" + t.minus(Duration.ofHours(1)) + "\", \"kind\": \"motion\", \"value\": 1}");
            hub.publish("hearth/h1/toaster", "{\"ts\": \"" + t + "\", \"kind\": \"power\", \"value\": 900}");
            hub.publish("hearth/h9/pir", "{\"ts\": \"" + t + "\", \"kind\": \"motion\", \"value\": 1}");
            hub.publish("hearth/h1/pir-kitchen", "{\"ts\": \"" + t + "\", \"kind\": \"motion\", \"value\": \"\\ud800\"}");
            // A broken registry on the control topic, full of personal data: refused, and the refusal logged.
            String broken = HOMES.replace("kind: bed", "kind: bedd") + "  - {id: h1, resident: {id: r9, alias: x}}\n";
            MqttMessage apply = new MqttMessage(RegistryControl.of(2, clock.instant(), broken).toJson());
            apply.setQos(1);
            apply.setRetained(true);
            hub.client().publish(RegistryControl.TOPIC, apply);
            Thread.sleep(5_000); // several checkpoints, heartbeats and status refreshes
        }
        live.stopJob();
        spy.close();

        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                if (!f.equals(outbox)) {
                    files.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                }
            }
        }
        List<String> lines = logs.lines();
        String console = printed.toString(StandardCharsets.UTF_8);

        // Positive controls: the needles are the registry's own words, and the search does read what
        // Hearth wrote (the alias of the help press's text, in the alerts file outside the outbox).
        assertThat(REGISTRY_WORDS).allSatisfy(word -> assertThat(HOMES).contains(word));
        assertThat(files).as("files outside the outbox that hold the texted alias").anyMatch(f -> f.contains("J.F."));
        assertThat(lines).as("the broken registry's refusal was logged (by field, not value)")
                .anyMatch(l -> l.contains("refused a") && l.contains("homes.yaml:"));
        assertThat(files).as("files written besides the outbox").hasSizeGreaterThan(3);
        assertThat(mqtt).as("MQTT messages seen on the broker").isNotEmpty();
        for (String needle : PERSONAL) {
            String lower = needle.toLowerCase(Locale.ROOT);
            assertThat(lines).as("log lines holding '%s'", needle).noneMatch(l -> l.toLowerCase(Locale.ROOT).contains(lower));
            assertThat(console.toLowerCase(Locale.ROOT)).as("console output holding '%s'", needle).doesNotContain(lower);
            assertThat(files).as("files holding '%s'", needle).noneMatch(f -> f.toLowerCase(Locale.ROOT).contains(lower));
            assertThat(mqtt).as("MQTT messages holding '%s'", needle).noneMatch(m -> m.toLowerCase(Locale.ROOT).contains(lower));
        }
    }

    /** Every log event of the run, formatted with its throwable, from any logger. */
    static final class Capture {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private AbstractAppender appender;

        void attach() {
            appender = new AbstractAppender("privacy-capture", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    StringBuilder s = new StringBuilder(event.getLoggerName()).append(' ')
                            .append(event.getMessage().getFormattedMessage());
                    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                        s.append(" | ").append(t);
                    }
                    lines.add(s.toString());
                }
            };
            appender.start();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().addAppender(appender);
            ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
            ctx.getConfiguration().getLoggers().values().forEach(l -> l.addAppender(appender, Level.ALL, null));
            Configurator.setRootLevel(Level.INFO);
            Configurator.setLevel("org.hearth", Level.DEBUG);
            ctx.updateLoggers();
        }

        void detach() {
            if (appender == null) {
                return;
            }
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
            ctx.getConfiguration().getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
            ctx.reconfigure();
            appender.stop();
            appender = null;
        }

        List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    private static final class SpyCallback implements org.eclipse.paho.mqttv5.client.MqttCallback {
        private final List<String> seen;

        SpyCallback(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(RegistryControl.TOPIC) || topic.matches("hearth/h[0-9]+/[^/]+")) {
                return; // what this test published itself (the broken registry, the sensors)
            }
            seen.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
    }
}
