package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
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
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.testing.TestClock;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live and replay give the same alerts on the same recorded stream: a simulated recording (one home,
 * 9 days, its baseline learned in the first 7, then a fall with a help press, a hub outage and a
 * morning in bed) goes once through {@code hearth replay} ({@link ReplayJob}) and once, message by
 * message in recorded order, through a real embedded MQTT broker into the live graph
 * ({@link LiveJob}: MQTT source, decoding, watermarks, de-duplication, detection, lifecycle) on a
 * local MiniCluster. The alerts must be equal field for field (rule, home, raised-at, id, message,
 * explanation), and the same number of events must reach the rules. The recording's help press and
 * hub outage must be among them, so that the comparison is not between two empty lists. Live, the
 * help press also takes the urgent path ahead of the watermark ({@code LifecycleDriver.urgentAppliesAtOnce}); replay is
 * event-time order alone: the same help-button alert from both is that path's equivalence proof.
 *
 * <p><b>The clock.</b> Live, the watermark is the largest event time seen minus the allowed
 * out-of-orderness, and, when the input is idle, at least the wall clock minus the allowed
 * lateness. Publishing nine days takes seconds, so the wall clock would make the whole recording
 * late, so the live job's clock stands before the recording while it is published ({@link TestClock}:
 * the job's serialized copies follow it): only event time moves the watermark, as in replay. Both use the same bound on disorder
 * (10 minutes: the simulator's late deliveries and skewed hub clocks are well inside it), so no
 * event is late in either.
 *
 * <p><b>The end of the recording, where they may differ, by design.</b> Replay knows where its
 * input ends: the buffered last minutes are still applied, but no deadline fires after the last
 * watermark it derived from an event (the end of a file is not silence; see {@code HomeDetector}).
 * A live job cannot know that nothing more will come: when the clock is then moved to just after
 * the recording (time passes, nothing arrives), its idle watermark passes the last event and the
 * deadlines up to it fire. So the alerts are compared up to replay's last event watermark (last
 * event time minus the lateness, minus its one-second step); a deadline alert in the final ten
 * minutes may exist live only. Event-driven alerts there (a help press) exist in both.
 */
class LiveReplayEquivalenceTest {

    private static final long SEED = 29; // a fall with a help press, a hub outage, a morning in bed
    private static final Duration DISORDER = Duration.ofMinutes(10);
    private static final Duration IDLE_LATENESS = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private LiveJobHarness live;

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void shouldRaiseTheSameAlertsLiveAsInReplayOnTheSameRecordedStream() throws Exception {
        Path recording = dir.resolve("recording");
        SimulationConfig simulation = SimulationConfig.of(1, 9, SEED)
                .withAnomalies(new AnomalyRates(0.45, 0.45, 0, 0, 0, 0, 0.3, 0, 0, 7));
        new Simulator(Clock.systemUTC()).writeFiles(simulation, recording, ProgressListener.NONE);
        Path events = SimulationConfig.eventsFile(recording);
        String homesYaml = Files.readString(SimulationConfig.homesFile(recording));
        DetectionJobConfig detection = new DetectionJobConfig(homesYaml, null, EscalationPolicy.defaults());
        Instant lastEvent = lastEventTime(events);
        Instant cutoff = lastEvent.minus(DISORDER).minusSeconds(1);

        ReplayResult replay = new ReplayJob(new ReplayJob.Options(List.of(events), ReplayFormat.NATIVE, detection, DISORDER, 1))
                .run(new PrintStream(OutputStream.nullOutputStream()));
        List<Alert> expected = before(cutoff, replay.alerts());

        LiveRun live = runLive(detection, events, lastEvent, replay.events());
        List<Alert> actual = before(cutoff, live.alerts());

        assertThat(replay.late()).isEmpty();
        assertThat(live.late()).isZero();
        assertThat(live.events()).as("events applied live").isEqualTo(replay.events());
        assertThat(expected).extracting(Alert::rule).as("the recording's anomalies are found")
                .contains(Rule.HELP_BUTTON, Rule.HUB_OFFLINE);
        assertThat(actual).as("live alerts up to %s (live only after it: %s)", cutoff, after(cutoff, live.alerts()))
                .containsExactlyElementsOf(expected);
        assertThat(after(cutoff, replay.alerts())).as("replay's alerts after the cutoff are live's too")
                .isSubsetOf(after(cutoff, live.alerts()));
    }

    /** What the live graph did with the recording. */
    private record LiveRun(List<Alert> alerts, long events, long late) {}

    private LiveRun runLive(DetectionJobConfig detection, Path events, Instant lastEvent, long expectedEvents)
            throws Exception {
        TestClock clock = new TestClock(firstEventTime(events).minus(Duration.ofDays(1)));
        live = LiveJobHarness.withEmbeddedBroker(dir).clock(clock);
        Path data = live.data();

        // A local MiniCluster of its own, as the replay has (ReplayJob starts a local environment). The MQTT
        // source acknowledges at checkpoints; collected alerts arrive with them.
        StreamExecutionEnvironment env = live.environment(300);
        // Timestamps cannot be checked against a clock that stands before them: size checks only, as in replay.
        IngestOptions ingest = IngestOptions.live(clock)
                .withValidation(ValidationPolicy.replay())
                .withOutOfOrderness(DISORDER)
                .withAllowedLateness(IDLE_LATENESS)
                .withIdleAfter(Duration.ofSeconds(30));
        DetectionStreams out = new LiveJob(live.settings(detection, ingest))
                .attach(env, live.sensors(detection.homesYaml(), "live-replay-equivalence"), null);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        CloseableIterator<Alert> collected = out.alerts().collectAsync();
        JobClient job = live.start(env, "live-replay-equivalence");
        Thread drain = new Thread(() -> collected.forEachRemaining(alerts::add), "collect-live-alerts");
        drain.setDaemon(true);
        drain.start();

        try (AsyncPahoPublisher hub = new AsyncPahoPublisher(live.brokerUri(), "recorded-homes", 500)) {
            // The source subscribes once its task runs: a message for an unknown home is dead-lettered once it does.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/probe-start/probe", "{}".getBytes(StandardCharsets.UTF_8));
                return deadLettersMention(data, "probe-start");
            });
            publishRecording(hub, events);
            // Messages reach the job in order: once this one is dead-lettered, every event before it has been decoded
            // and stands ahead of any watermark that comes next.
            hub.publish("hearth/probe-end/probe", "{}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> deadLettersMention(data, "probe-end"));
        }
        // The recording has ended and time passes: the idle watermark moves to just after its last event.
        clock.set(lastEvent.plus(IDLE_LATENESS).plusMillis(1));

        // Under load the job can pause for seconds (a checkpoint, a GC): "nothing new for three polls" alone
        // once stopped the wait with 10,431 of 10,967 events applied. So wait for as many events as replay
        // applied too; one that never comes fails the wait, and the assertions below say what differs.
        long[] seen = {-1, -1, 0};
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<String, Object> counts = job.getAccumulators().get();
                long applied = count(counts, Counters.EVENTS);
                long raised = count(counts, Counters.ALERTS);
                boolean still = applied == seen[0] && raised == seen[1] && alerts.size() == raised;
                seen[0] = applied;
                seen[1] = raised;
                seen[2] = still ? seen[2] + 1 : 0;
                // nothing new for three polls, every event applied and every alert raised collected
                return seen[2] >= 3 && applied >= expectedEvents;
            });
        } catch (org.awaitility.core.ConditionTimeoutException stillShort) {
            // fall through: the assertions on what was applied and raised say what differs
        }
        Map<String, Object> counts = job.getAccumulators().get();
        List<Alert> sorted = new ArrayList<>(alerts);
        sorted.sort(ReplayJob.ALERT_ORDER);
        return new LiveRun(sorted, count(counts, Counters.EVENTS),
                count(counts, Counters.LATE));
    }

    /** Publishes each recorded event as its hub would, in the recording's (delivery) order. */
    private static void publishRecording(AsyncPahoPublisher hub, Path events) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(events)) {
            String line;
            while ((line = in.readLine()) != null) {
                SensorEvent e = HearthJson.json().readValue(line, SensorEvent.class);
                hub.publish("hearth/" + e.homeId() + "/" + e.sensorId(),
                        HearthJson.json().writeValueAsBytes(NativeMessage.of(e)));
            }
        }
    }

    private static List<Alert> before(Instant cutoff, List<Alert> alerts) {
        return alerts.stream().filter(a -> a.at().isBefore(cutoff)).toList();
    }

    private static List<Alert> after(Instant cutoff, List<Alert> alerts) {
        return alerts.stream().filter(a -> !a.at().isBefore(cutoff)).toList();
    }

    private static Instant firstEventTime(Path events) throws IOException {
        try (Stream<String> lines = Files.lines(events)) {
            return lines.map(LiveReplayEquivalenceTest::ts).min(Instant::compareTo).orElseThrow();
        }
    }

    private static Instant lastEventTime(Path events) throws IOException {
        try (Stream<String> lines = Files.lines(events)) {
            return lines.map(LiveReplayEquivalenceTest::ts).max(Instant::compareTo).orElseThrow();
        }
    }

    private static Instant ts(String line) {
        try {
            return HearthJson.json().readValue(line, SensorEvent.class).ts();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean deadLettersMention(Path data, String text) throws IOException {
        Path deadLetters = data.resolve("dead-letters");
        if (!Files.isDirectory(deadLetters)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(deadLetters)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.readString(f).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long count(Map<String, Object> accumulators, String name) {
        return accumulators.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
