package org.hearth.installer.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.time.Durations;

/**
 * Runs a {@link KitCheck} against a live broker: subscribes to the home's topics, feeds what
 * arrives into the check on one thread, walks the installer through the role tests, and redraws
 * the display. All decisions stay in {@link KitCheck}; this class only moves things and waits.
 *
 * <p>Paho delivers on its own thread; messages cross to the check's thread through a queue so the
 * check never sees two at once. Keystrokes arrive the same way from a reader thread.
 */
public final class KitCheckRunner {

    /** What the installer types to skip a role test. */
    public static final String SKIP = "skip";

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration REDRAW = Duration.ofSeconds(1);

    private final KitCheck check;
    private final Clock clock;
    private final CheckDisplay display;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> keys = new LinkedBlockingQueue<>();
    private volatile boolean keyboardClosed;
    private volatile String lostConnection;
    private Instant lastDrawn = Instant.MIN;

    private record Arrival(String topic, byte[] payload, boolean retained, Instant at) {}

    public KitCheckRunner(KitCheck check, Clock clock, CheckDisplay display) {
        this.check = check;
        this.clock = clock;
        this.display = display;
    }

    /**
     * Listens for {@code duration}, running the role tests first if any are given.
     *
     * @param brokerUrl the broker
     * @param duration how long to listen in all (the role tests may make it longer)
     * @param tests role tests to prompt for, in order; empty for none
     * @param promptTimeout how long each test waits for its reaction
     * @param input the installer's keyboard (Enter to start a test, {@code skip} to skip); null without tests
     * @param interactive true for a person at a keyboard, who may also type {@code skip} while a test
     *     waits; false for scripted answers, where every line answers one prompt
     * @return the verdict
     * @throws BrokerException when the broker cannot be reached, or the connection is lost
     */
    public CheckVerdict run(String brokerUrl, Duration duration, List<RoleTest> tests, Duration promptTimeout,
                            BufferedReader input, boolean interactive) throws InterruptedException {
        return run(brokerUrl, MqttSecurity.none(), duration, tests, promptTimeout, input, interactive);
    }

    /**
     * Listens as {@link #run(String, Duration, List, Duration, BufferedReader, boolean)} does, logged
     * in with credentials and/or TLS (the job's {@link MqttSecurity}).
     *
     * @throws BrokerException when the broker cannot be reached or refuses the login, or the connection is lost
     */
    public CheckVerdict run(String brokerUrl, MqttSecurity security, Duration duration, List<RoleTest> tests,
                            Duration promptTimeout, BufferedReader input, boolean interactive) throws InterruptedException {
        MqttClient client = Broker.connect(brokerUrl, "check", new Inbox(), Duration.ofSeconds(10), security);
        try {
            List<String> filters = check.topicFilters();
            for (String filter : filters) {
                client.subscribe(filter, 1);
            }
            display.say("hearth kit check: home " + check.home().id() + ": listening on " + String.join(", ", filters)
                    + " at " + brokerUrl);
            Instant end = check.startedAt().plus(duration);
            if (!tests.isEmpty()) {
                startKeyboard(input);
                for (int i = 0; i < tests.size(); i++) {
                    runTest(tests.get(i), i + 1, tests.size(), promptTimeout, interactive);
                }
            }
            while (clock.instant().isBefore(end)) {
                pump(TICK);
            }
            pump(Duration.ZERO);
        } catch (MqttException e) {
            throw new BrokerException("subscribing at " + brokerUrl + " failed: " + e.getMessage(), e);
        } finally {
            Broker.close(client);
        }
        display.finish(check, clock.instant());
        return check.verdict();
    }

    private void runTest(RoleTest test, int number, int count, Duration timeout, boolean interactive)
            throws InterruptedException {
        display.say("[" + number + "/" + count + "] " + test.action() + " (" + test.label() + ", " + test.sensor().id()
                + "). Press Enter when ready, or type skip.");
        Optional<String> key = awaitKey();
        if (key.isPresent() && key.get().trim().toLowerCase(Locale.ROOT).equals(SKIP)) {
            check.startTest(test, timeout);
            check.skipTest().ifPresent(o -> display.say(o.line()));
            return;
        }
        check.startTest(test, timeout);
        display.say("waiting up to " + Durations.format(timeout) + " for " + test.reaction() + " ...");
        int done = check.outcomes().size();
        while (check.outcomes().size() == done) {
            pump(TICK);
            // Only a "skip" is taken here: anything else typed while waiting answers the next prompt.
            String typed = interactive ? keys.peek() : null;
            if (typed != null && typed.trim().toLowerCase(Locale.ROOT).equals(SKIP)) {
                keys.poll();
                check.skipTest();
            }
            check.expireTest();
        }
        display.say(check.outcomes().get(done).line());
    }

    /** Waits for a line from the installer while still taking messages; end of input counts as Enter. */
    private Optional<String> awaitKey() throws InterruptedException {
        while (true) {
            boolean closed = keyboardClosed;
            String key = keys.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
            pump(Duration.ZERO);
            if (key != null) {
                return Optional.of(key);
            }
            if (closed) {
                return Optional.empty();
            }
        }
    }

    /** Takes whatever has arrived (waiting up to {@code wait} for the first) and redraws when due. */
    private void pump(Duration wait) throws InterruptedException {
        if (lostConnection != null) {
            throw new BrokerException("lost the connection to the broker: " + lostConnection, null);
        }
        Arrival first = wait.isZero() ? arrivals.poll() : arrivals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        for (Arrival a = first; a != null; a = arrivals.poll()) {
            List<String> notes = check.accept(new org.hearth.ingest.source.MqttMessage(a.topic(), a.payload(), a.at()), a.retained());
            display.notes(Duration.between(check.startedAt(), a.at()), notes);
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastDrawn.plus(REDRAW)) || first != null) {
            display.refresh(check, now);
            lastDrawn = now;
        }
    }

    private void startKeyboard(BufferedReader input) {
        Thread reader = new Thread(() -> {
            try {
                String line;
                while (input != null && (line = input.readLine()) != null) {
                    keys.add(line);
                }
            } catch (IOException e) {
                // a closed keyboard is the same as the end of scripted input
            }
            // After the end of input every prompt starts at once: scripted runs keep going.
            keyboardClosed = true;
        }, "hearth-kit-check-keyboard");
        reader.setDaemon(true);
        reader.start();
    }

    /** Paho's callback: hands messages to the check's thread with their arrival time. */
    private final class Inbox implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrivals.add(new Arrival(topic, message.getPayload(), message.isRetained(), clock.instant()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lostConnection = response.getReasonString() != null ? response.getReasonString() : "disconnected";
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lostConnection = exception.getMessage();
        }

    }
}
