package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.core.ConditionTimeoutException;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.route.AwayKind;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.testing.Collect;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State written by this release restores into the current job (issue 14): a savepoint of the
 * detection graph, kept under test resources ({@code savepoints/detection}), is restored and the
 * story goes on:
 * <ul>
 *   <li>h1's learning status comes back as it was: watching, with its usual rise time;
 *   <li>h1's baseline (nine ordinary days) is there: staying in bed, {@code not-up} is raised at the learned time;
 *   <li>h2's help-button alert, open and texted to the first carer before the savepoint, escalates
 *   after it (its escalation timer came back), with the same alert id;
 *   <li>h3 is away (holiday) since before the savepoint: staying in bed, its not-up is suppressed
 *   (its baseline came back too), nobody is texted.
 * </ul>
 * A change to a stored type that cannot read this savepoint fails here: ship a migration (State
 * Processor API) with the change, or, when the old state may be dropped on purpose, regenerate the
 * savepoint <b>only</b> with the documented command (README in the savepoint folder):
 * <pre>
 * ./mvnw -B -o -pl streaming-jobs -am test -Dtest=SavepointCompatibilityTest -Dhearth.savepoint.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SavepointCompatibilityTest {

    static final Path SAVEPOINT = Path.of("src/test/resources/savepoints/detection");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int NORMAL_DAYS = 9;
    private static final LocalDate IN_BED_DAY = FIRST.plusDays(NORMAL_DAYS);
    private static final LocalDate MORNING = IN_BED_DAY.plusDays(1);
    static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "A.A."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                carers:
                  - {name: Sam, phone: "+447700900111"}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "B.B."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: help, kind: button, room: lounge, role: help-button}
                carers:
                  - {name: Jo, phone: "+447700900222"}
                  - {name: Al, phone: "+447700900223"}
              - id: h3
                timezone: Europe/London
                resident: {id: r3, alias: "C.C."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                carers:
                  - {name: Kim, phone: "+447700900333"}
            """;

    /** What the jobs' collecting sinks saw ({@link Collect}, ingest's test sink). */
    private static final String LIFECYCLE = "savepoint-lifecycle";
    private static final String STATUSES = "savepoint-statuses";
    private static final String UNKNOWN = "savepoint-unknown";

    @TempDir
    Path tmp;

    @Test
    void aSavepointOfThisReleaseRestoresBaselinesOpenAlertsEscalationTimersAndAwayModes() throws Exception {
        if (Boolean.getBoolean("hearth.savepoint.regenerate")) {
            regenerate();
        }
        assertThat(SAVEPOINT.resolve("_metadata")).as("the kept savepoint (see its README)").exists();
        String h2Alert = Files.readString(SAVEPOINT.resolve("h2-alert-id")).strip();

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, SAVEPOINT.toAbsolutePath().toUri().toString());
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true); // the first part's source
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(1_000); // without a checkpoint coordinator Flink skips the restore, silently
        // The morning after, then time held at its last moment until the outcomes are in. A bounded
        // input would not do: its end brings the watermark to its maximum at once, and at the end of
        // the input no deadline fires (HomeDetector, LifecycleDriver): when the whole morning was read
        // before the first periodic watermark, nothing at all came out (what failed here since 10:50).
        DataStream<SensorEvent> events = heldAtTheEnd(env, afterTheSavepoint(), "events-after");
        DetectionStreams restored = new DetectionJob(DetectionJobConfig.of(HOMES)).attach(events, null);
        restored.lifecycle().sinkTo(Collect.<LifecycleEvent>into(LIFECYCLE)).name("collect");
        restored.statuses().sinkTo(Collect.<HomeStatus>into(STATUSES)).name("collect-statuses");
        JobClient job = env.executeAsync("savepoint-restore");
        try {
            // Generous: a loaded machine; the three outcomes are due as soon as the watermark passes 11:00.
            // h1's status goes to its own sink and may reach it after the lifecycle's (CI at a8b6817, load ~7).
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() ->
                    has("h1", Rule.NOT_UP, LifecycleEventType.RAISED) && has("h3", Rule.NOT_UP, LifecycleEventType.SUPPRESSED)
                            && lifecycle().stream().anyMatch(e -> e.alert().homeId().equals("h2") && e.type() == LifecycleEventType.ESCALATED)
                            && Collect.<HomeStatus>get(STATUSES).stream().anyMatch(st -> st.homeId().equals("h1")));
        } catch (ConditionTimeoutException missing) {
            // the assertions below say which outcome is missing
        } finally {
            job.cancel().get();
        }

        assertThat(Collect.<HomeStatus>get(STATUSES)).filteredOn(s -> s.homeId().equals("h1")).as("h1's learning status after the restore, before any new event of h1's")
                .first().satisfies(s -> {
                    assertThat(s.state()).isEqualTo(LearningState.WATCHING);
                    assertThat(s.daysLearned()).isGreaterThanOrEqualTo(s.daysNeeded());
                    assertThat(s.baseline().usualRise()).isBetween(LocalTime.of(7, 30), LocalTime.of(7, 59));
                });
        List<LifecycleEvent> out = lifecycle();
        assertThat(out).filteredOn(e -> e.alert().homeId().equals("h1") && e.alert().rule() == Rule.NOT_UP
                        && e.type() == LifecycleEventType.RAISED).as("h1's baseline came back: not-up at the learned time")
                .singleElement().satisfies(e -> {
                    assertThat(e.at()).isAfter(at(MORNING, "08:00")).isBefore(at(MORNING, "08:45"));
                    assertThat(e.alert().expected()).startsWith("usually up by 07:");
                });
        assertThat(out).filteredOn(e -> e.alert().homeId().equals("h2")).as("h2's open alert escalated after the restore")
                .anySatisfy(e -> {
                    assertThat(e.alert().alertId()).isEqualTo(h2Alert);
                    assertThat(e.type()).isEqualTo(LifecycleEventType.ESCALATED);
                });
        assertThat(out).filteredOn(e -> e.alert().homeId().equals("h2") && e.type() == LifecycleEventType.RAISED)
                .as("not raised a second time").isEmpty();
        List<LifecycleEvent> h3 = out.stream().filter(e -> e.alert().homeId().equals("h3")).toList();
        assertThat(h3).as("h3 is away: its away mode came back, so its not-up is suppressed, not texted")
                .isNotEmpty().allSatisfy(e -> assertThat(e.type()).isEqualTo(LifecycleEventType.SUPPRESSED));
    }

    /** Runs the first part of the story and keeps its savepoint under test resources. */
    private void regenerate() throws Exception {
        List<SensorEvent> before = beforeTheSavepoint();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500);
        DataStream<SensorEvent> events = heldAtTheEnd(env, before, "events-before");
        DataStream<ControlMessage> away = env.fromData(List.of(ControlMessage.away(AwayCommand.away("h3", AwayKind.HOLIDAY,
                at(MORNING, "12:00").plus(Duration.ofDays(3)), "carer-0", at(IN_BED_DAY, "20:00")).json())),
                org.hearth.job.JsonTypeInfo.of(ControlMessage.class)).uid("away-before");
        DetectionStreams first = new DetectionJob(DetectionJobConfig.of(HOMES)).attach(events, away);
        first.lifecycle().sinkTo(Collect.<LifecycleEvent>into(LIFECYCLE)).name("collect");
        first.unknownHome().sinkTo(Collect.<SensorEvent>into(UNKNOWN)).name("collect-unknown");
        JobClient job = env.executeAsync("savepoint-regenerate");
        // Every event of the story has reached the detector (the unregistered home's ticks come after
        // them) and h2's carer was texted; events not applied yet are in the detector's buffer, which
        // the savepoint holds. The restore check below verifies what was kept.
        await().atMost(Duration.ofSeconds(180)).until(() -> Collect.size(UNKNOWN) > 0 && lifecycle().stream()
                .anyMatch(e -> e.alert().homeId().equals("h2") && e.type() == LifecycleEventType.NOTIFIED));
        String made = job.stopWithSavepoint(false, tmp.toUri().toString(), SavepointFormatType.CANONICAL).get();
        Path made1 = Path.of(java.net.URI.create(made));
        clearExceptReadme(SAVEPOINT);
        try (Stream<Path> files = Files.list(made1)) {
            for (Path f : files.toList()) {
                Files.copy(f, SAVEPOINT.resolve(f.getFileName()));
            }
        }
        String alertId = lifecycle().stream().filter(e -> e.alert().homeId().equals("h2") && e.type() == LifecycleEventType.RAISED)
                .findFirst().orElseThrow().alert().alertId();
        Files.writeString(SAVEPOINT.resolve("h2-alert-id"), alertId + "\n");
    }

    /**
     * The events in order, then, for ever, an event of an unregistered home at the last one's moment:
     * the watermark reaches the last event and stays there (the job never sees its input end).
     */
    private static DataStream<SensorEvent> heldAtTheEnd(StreamExecutionEnvironment env, List<SensorEvent> events, String name)
            throws IOException {
        ArrayList<String> lines = json(events);
        SensorEvent last = events.get(events.size() - 1);
        String tick = HearthJson.json().writeValueAsString(SensorEvent.of("clock", last.sensorId(), last.ts(), last.kind(), last.value()));
        GeneratorFunction<Long, SensorEvent> read = i ->
                HearthJson.json().readValue(i < lines.size() ? lines.get(i.intValue()) : tick, SensorEvent.class);
        return env.fromSource(new DataGeneratorSource<>(read, Long.MAX_VALUE, RateLimiterStrategy.perSecond(400),
                        TypeInformation.of(SensorEvent.class)),
                WatermarkStrategy.<SensorEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts().toEpochMilli()),
                name).uid(name);
    }

    private static boolean has(String home, Rule rule, LifecycleEventType type) {
        return lifecycle().stream().anyMatch(e -> e.alert().homeId().equals(home) && e.alert().rule() == rule && e.type() == type);
    }

    /** Nine ordinary days for h1 and h3, their tenth evening into bed; h2 moves and presses help at 23:00. */
    private static List<SensorEvent> beforeTheSavepoint() {
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            for (String home : List.of("h1", "h3")) {
                events.addAll(day(home, FIRST.plusDays(i), i % 4 * 4, true));
            }
        }
        for (String home : List.of("h1", "h3")) {
            events.addAll(day(home, IN_BED_DAY, 0, false));
        }
        for (Instant t = at(IN_BED_DAY, "13:00"); !t.isAfter(at(IN_BED_DAY, "23:05")); t = t.plus(Duration.ofMinutes(10))) {
            events.add(SensorEvent.of("h2", "pir-kitchen", t, SensorKind.MOTION, 1));
        }
        events.add(SensorEvent.of("h2", "pir-kitchen", at(IN_BED_DAY, "23:05"), SensorKind.MOTION, 1)); // time passes the press
        events.add(SensorEvent.of("h2", "help", at(IN_BED_DAY, "23:00"), SensorKind.BUTTON, 1));
        events.sort(Comparator.comparing(SensorEvent::ts));
        return events;
    }

    /** The morning after: only h2 moves (time goes on); h1 and h3 stay in bed until 09:40. */
    private static List<SensorEvent> afterTheSavepoint() {
        List<SensorEvent> events = new ArrayList<>();
        for (Instant t = at(MORNING, "06:00"); t.isBefore(at(MORNING, "11:00")); t = t.plus(Duration.ofMinutes(5))) {
            events.add(SensorEvent.of("h2", "pir-kitchen", t, SensorKind.MOTION, 1));
        }
        return events;
    }

    /** Care day {@code d} of a plain routine (as in DetectionRestoreTest). */
    private static List<SensorEvent> day(String home, LocalDate d, int riseOffset, boolean rises) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>(List.of(
                SensorEvent.of(home, "pir-kitchen", at(d, "12:30"), SensorKind.MOTION, 1),
                SensorEvent.of(home, "kitchen-plug", at(d, "12:31"), SensorKind.POWER, 2100),
                SensorEvent.of(home, "kitchen-plug", at(d, "12:34"), SensorKind.POWER, 0),
                SensorEvent.of(home, "pir-kitchen", at(d, "17:30"), SensorKind.MOTION, 1),
                SensorEvent.of(home, "pir-bathroom", at(d, "22:40"), SensorKind.MOTION, 1),
                SensorEvent.of(home, "bed", at(d, "22:50"), SensorKind.BED, 1)));
        if (rises) {
            Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
            out.addAll(List.of(
                    SensorEvent.of(home, "bed", up, SensorKind.BED, 0),
                    SensorEvent.of(home, "pir-bathroom", up.plusSeconds(120), SensorKind.MOTION, 1),
                    SensorEvent.of(home, "pir-kitchen", up.plusSeconds(900), SensorKind.MOTION, 1),
                    SensorEvent.of(home, "kitchen-plug", up.plusSeconds(960), SensorKind.POWER, 2200),
                    SensorEvent.of(home, "kitchen-plug", up.plusSeconds(1140), SensorKind.POWER, 0),
                    SensorEvent.of(home, "pir-kitchen", at(n, "10:00"), SensorKind.MOTION, 1)));
        }
        return out;
    }

    private static ArrayList<String> json(List<SensorEvent> events) throws IOException {
        ArrayList<String> lines = new ArrayList<>();
        for (SensorEvent e : events) {
            lines.add(HearthJson.json().writeValueAsString(e));
        }
        return lines;
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    /** The savepoint folder emptied of an older savepoint (its README stays). */
    private static void clearExceptReadme(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.filter(p -> !p.getFileName().toString().equals("README.md")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<LifecycleEvent> lifecycle() {
        return Collect.get(LIFECYCLE);
    }
}
