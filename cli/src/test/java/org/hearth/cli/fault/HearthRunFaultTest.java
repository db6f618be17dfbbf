package org.hearth.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hearth.models.status.HomeStatus;
import org.hearth.installer.status.StatusReader;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.embedded.EmbeddedQuestDb;
import org.hearth.storage.embedded.QuestDbSql;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE fault test (issue 14), run as operators run Hearth: {@code hearth run} in its own JVM against
 * Debian's Mosquitto with the shipped configuration (persistence on), simulated homes publishing
 * through it at QoS 1, events stored in a real QuestDB through the InfluxDB sink, texts in the
 * outbox. After a few days of history are learned, while the homes keep publishing, the job is
 * stopped again and again and started again with the same hearth.yaml. Two plans:
 * <ul>
 *   <li>{@link #killedAndStoppedWithABrokerRestartLoseNothing() bounded}, part of {@code verify}
 *   (about a minute and a half): {@code kill -9} right after a help press was texted to the first carer, then
 *   SIGTERM (savepoint) with a broker restart and a second press while Hearth is down;
 *   <li>{@link #theLongRun() the long run}, on demand ({@code -Dhearth.fault=true}, several minutes):
 *   {@code kill -9} at a random moment, {@code kill -9} while a checkpoint is being written (a
 *   {@code chk-N} folder without its {@code _metadata}), SIGTERM with {@code flink.parallelism} 2 → 1,
 *   {@code kill -9} with a broker restart and a press while down, then more {@code kill -9}/SIGTERM
 *   at random moments ({@code -Dhearth.fault.cycles=N}, default 4, seed {@code -Dhearth.fault.seed}):
 *   <pre>
 * ./mvnw -B -o -pl cli -am test -Dtest=HearthRunFaultTest -Dhearth.fault=true -Dhearth.fault.cycles=8 -Dsurefire.failIfNoSpecifiedTests=false
 *   </pre>
 * </ul>
 * Then: every published event stored exactly once (QuestDB keeps InfluxDB's identity of a point,
 * so a redelivered event overwrites itself: rows = distinct events; the missing ones are named), none
 * late, no text sent twice (outbox keys unique), each home's learning days as before the first kill,
 * the help press made before the kills escalated to the second carer by a restarted job, the press
 * made while Hearth was down texted. The figures and one operator transcript are printed
 * ({@code fault test figures:}); the waits are on conditions, with generous deadlines.
 */
class HearthRunFaultTest {

    /** A real QuestDB (InfluxDB's write API and identity of a point), in this JVM, on a free port. */
    private EmbeddedQuestDb questdb;

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> HOMES = List.of("f1", "f2", "f3", "f4");
    private static final Duration START_LIMIT = Duration.ofSeconds(150);
    private static final String HELP = "pressed the help button";
    /**
     * The urgent escalation (f1's press to its second carer). Only the wait at the end depends on it: the
     * escalation must merely come after the first kill, by a restarted job (40 s here cost 25 s more per run).
     */
    private static final Duration ESCALATION = Duration.ofSeconds(30);
    /** Care days of history published before the faults: what every home has learned. */
    private static final int HISTORY_DAYS = 3;

    /** How a running {@code hearth run} is stopped. */
    enum Stop { KILL, KILL_DURING_CHECKPOINT, KILL_BROKER_RESTART_PRESS, TERM_BROKER_RESTART_PRESS, TERM_RESCALE_TO_1, KILL_OR_TERM }

    @TempDir
    Path dir;

    private int starts;

    @Test
    void killedAndStoppedWithABrokerRestartLoseNothing() throws Exception {
        run(1, List.of(Stop.KILL, Stop.TERM_BROKER_RESTART_PRESS), new Random(14L));
    }

    @Test
    void theLongRun() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("hearth.fault"),
                "the long fault run is on demand (-Dhearth.fault=true); the bounded one runs in verify");
        // The broker restart comes after the rescale to one reader: Debian's Mosquitto 2.0.11 keeps a
        // persistent session over a restart but not its shared subscription ($share/..., what two readers
        // use), so what is published between its restart and Hearth's reconnection reaches nobody (measured
        // here: 14 s of events and the press made while down). streaming-jobs/README.md, Durability.
        List<Stop> plan = new ArrayList<>(List.of(Stop.KILL, Stop.KILL_DURING_CHECKPOINT, Stop.TERM_RESCALE_TO_1,
                Stop.KILL_BROKER_RESTART_PRESS));
        for (int extra = Integer.getInteger("hearth.fault.cycles", 4) - plan.size(); extra > 0; extra--) {
            plan.add(Stop.KILL_OR_TERM);
        }
        run(2, plan, new Random(Long.getLong("hearth.fault.seed", 14L)));
    }

    private void run(int parallelism, List<Stop> plan, Random random) throws Exception {
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        StringBuilder transcript = new StringBuilder();
        questdb = EmbeddedQuestDb.start(java.nio.file.Files.createDirectories(dir.resolve("questdb")), 0);
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("mosquitto")); EmbeddedQuestDb db = questdb) {
            Files.writeString(dir.resolve("homes.yaml"), homesYaml());
            questdb.createTables(PointMappers.standard(HomeCohorts.from(
                    new RegistryLoader().parse("homes.yaml", homesYaml()))).schemas());
            writeConfig(broker.uri(), parallelism);

            HearthProcess hearth = start();
            try (SimulatedHomes homes = new SimulatedHomes(broker.uri())) {
                publishHistory(homes);
                Map<String, Integer> learned = awaitLearning(broker.uri());
                figures.put("learning days before the first kill", learned);
                transcript.append("$ hearth status   (before the kill)\n").append(status(broker.uri()));
                homes.startLive(HOMES, 40);
                // A help press mid-stream: texted to the first carer now, escalated to the second 30 s later in
                // event time (ESCALATION), which trails the wall clock by the out-of-orderness (30 s): ~60 s after the
                // press, after the kill below (which comes once the first text is recorded as sent), which checks it.
                homes.publish("f1", "help", "button", 1, Instant.now());
                await().atMost(Duration.ofSeconds(90)).until(() -> helpTexts("F.1.").size() >= 1);
                // Killed once the text is recorded as sent: a kill inside the gateway call (between the outbox
                // line and the "sent" record) resends it once, on purpose (alerts' DedupeStore: in doubt,
                // a duplicate text beats a missing one). The first long run hit that window at 1 ms.
                String firstText = helpTexts("F.1.").get(0).get("key").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> recordedSent(firstText));

                int kills = 0;
                int terms = 0;
                Instant firstKill = null;
                Instant pressWhileDown = null;
                Instant startedAfterPress = null;
                for (Stop stop : plan) {
                    if (firstKill != null) {
                        Thread.sleep(2_000 + random.nextInt(6_000)); // a random moment, mid-stream (the first: at once)
                    } else {
                        assertThat(helpTexts("F.1.")).as("f1's escalation must come from a restarted job, so not before "
                                + "the first stop (ESCALATION too short for this machine?)")
                                .noneMatch(t -> t.get("to").asText().equals("+447700900201"));
                    }
                    String how;
                    boolean pressWhileStopped = false;
                    switch (stop) {
                        case KILL -> {
                            hearth.kill9();
                            kills++;
                            how = "kill -9";
                        }
                        case KILL_DURING_CHECKPOINT -> {
                            awaitCheckpointInProgress();
                            hearth.kill9();
                            kills++;
                            how = "kill -9 during a checkpoint";
                        }
                        case KILL_BROKER_RESTART_PRESS -> {
                            hearth.kill9();
                            kills++;
                            broker.restart();
                            pressWhileStopped = true;
                            how = "kill -9, broker restart, help press while down";
                        }
                        case TERM_BROKER_RESTART_PRESS -> {
                            terminate(hearth);
                            terms++;
                            broker.restart();
                            pressWhileStopped = true;
                            how = "SIGTERM (savepoint), broker restart, help press while down";
                        }
                        case TERM_RESCALE_TO_1 -> {
                            terminate(hearth);
                            terms++;
                            writeConfig(broker.uri(), 1);
                            how = "SIGTERM (savepoint), parallelism 2 -> 1";
                        }
                        default -> {
                            if (random.nextBoolean()) {
                                hearth.kill9();
                                kills++;
                                how = "kill -9";
                            } else {
                                terminate(hearth);
                                terms++;
                                how = "SIGTERM";
                            }
                        }
                    }
                    if (firstKill == null) {
                        firstKill = Instant.now();
                    }
                    if (pressWhileStopped) {
                        // Made while Hearth is down: queued by the broker, texted when Hearth is back.
                        pressWhileDown = Instant.now();
                        homes.publish("f2", "help", "button", 1, pressWhileDown);
                        startedAfterPress = Instant.now();
                    }
                    hearth = start();
                    System.out.println("fault test: " + how + ", restarted: " + restoreLine(hearth.console()));
                    if (transcript.indexOf("$ kill -9") < 0 && how.startsWith("kill -9")) {
                        transcript.append("$ kill -9 <hearth run>\n$ hearth run --config hearth.yaml\n")
                                .append(restoreLines(hearth.console()));
                    }
                }
                // The presses: the one made while down texted; f1's escalated to the second carer by a restarted
                // job. The homes go on publishing meanwhile, as homes do: event time (and so the escalation,
                // ESCALATION after the press) moves with their events; without them it would wait for the idle floor,
                // wall clock minus time.allowedLateness (2 min).
                if (pressWhileDown != null) {
                    await().atMost(Duration.ofSeconds(150)).until(() -> !helpTexts("F.2.").isEmpty());
                }
                await().atMost(Duration.ofSeconds(150)).until(() -> helpTexts("F.1.").stream()
                        .anyMatch(t -> t.get("to").asText().equals("+447700900201")));
                homes.stopLive();
                figures.put("kill -9", kills);
                figures.put("SIGTERM", terms);
                figures.put("broker restarts", broker.restarts());
                figures.put("publish retries while the broker was away", homes.retries());

                // Everything published is stored exactly once.
                Set<String> published = homes.published();
                try {
                    await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                            .until(() -> storedEvents().containsAll(published));
                } catch (ConditionTimeoutException missing) {
                    // the assertion below names what is missing
                }
                Set<String> stored = storedEvents();
                List<String> missing = published.stream().filter(e -> !stored.contains(e)).sorted().toList();
                figures.put("events published", published.size());
                figures.put("events stored (distinct, after de-dup)", stored.size());
                figures.put("events lost", missing.size());
                figures.put("late events", lateEvents());

                List<JsonNode> texts = outbox();
                Map<String, Long> byKey = texts.stream().collect(Collectors.groupingBy(t -> t.get("key").asText(), Collectors.counting()));
                long duplicates = byKey.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
                figures.put("texts sent", texts.size());
                figures.put("duplicate texts (same key)", duplicates);
                List<JsonNode> f1 = helpTexts("F.1.");
                List<JsonNode> f2 = helpTexts("F.2.");
                if (!f2.isEmpty()) {
                    figures.put("press while down: press -> text", Duration.between(pressWhileDown, at(f2.get(0))));
                    figures.put("press while down: restart -> text", Duration.between(startedAfterPress, at(f2.get(0))));
                }

                // Learning: a job that had lost a home's state would report it again, learning from 0 days,
                // at its first timer after the restart, and overwrite the retained status; a restored one
                // keeps the days (read once every home's status is there again).
                Map<String, Integer> after = awaitLearning(broker.uri());
                figures.put("restore lines", restoreLine(hearth.console()));
                figures.put("learning days after the last restart", after);
                figures.put("state kept (checkpoints and savepoints, bytes)", size(dir.resolve("data/checkpoints")));
                figures.put("newest savepoint (bytes) / homes", newestSavepointBytes() / HOMES.size());
                transcript.append("$ hearth status   (after the restarts)\n").append(status(broker.uri()));
                System.out.println("fault test figures: " + figures);
                System.out.println("fault test transcript:\n" + transcript);

                assertThat(missing).as("published events not stored (lost), of " + published.size()).isEmpty();
                assertThat(lateEvents()).as("nothing queued while Hearth was down was judged late").isZero();
                assertThat(duplicates).as("no text sent twice").isZero();
                for (String home : HOMES) {
                    // Equal, or more when a care day of the history ended meanwhile (see awaitLearning).
                    assertThat(after.get(home)).as(home + "'s learning days kept").isGreaterThanOrEqualTo(learned.get(home));
                }
                Instant killedAt = firstKill;
                assertThat(f1).as("f1's first carer was texted before the first stop, by the first job")
                        .anySatisfy(t -> {
                            assertThat(t.get("to").asText()).isEqualTo("+447700900101");
                            assertThat(at(t)).isBefore(killedAt);
                        });
                assertThat(f1).as("f1's press escalated to the second carer after the first stop, by a restarted job")
                        .anySatisfy(t -> {
                            assertThat(t.get("to").asText()).isEqualTo("+447700900201");
                            assertThat(at(t)).isAfter(killedAt);
                        });
                if (pressWhileDown != null) {
                    assertThat(f2).as("the press made while Hearth was down was texted").isNotEmpty();
                }
            } finally {
                if (hearth.alive()) {
                    hearth.kill9();
                }
            }
        }
    }

    private static void terminate(HearthProcess hearth) throws Exception {
        int code = hearth.terminate(Duration.ofMinutes(2));
        assertThat(code).as("SIGTERM exit code; console:\n" + hearth.console()).isZero();
        assertThat(hearth.console()).contains("stopped with savepoint");
    }

    private static Instant at(JsonNode text) {
        return Instant.parse(text.get("at").asText());
    }

    /** The events in QuestDB, as {@link SimulatedHomes#published()} names them. */
    private Set<String> storedEvents() throws IOException, InterruptedException {
        if (sql().count("sensor_event") == 0) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        for (List<Object> row : sql().query("select home, sensor, timestamp, kind from sensor_event").rows()) {
            out.add(row.get(0) + "/" + row.get(1) + "/" + Instant.parse(String.valueOf(row.get(2))).toEpochMilli() + "/" + row.get(3));
        }
        return out;
    }

    private long newestSavepointBytes() throws IOException {
        Path savepoints = dir.resolve("data/checkpoints/savepoints");
        if (!Files.isDirectory(savepoints)) {
            return 0;
        }
        try (Stream<Path> all = Files.list(savepoints)) {
            Path newest = all.max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
            return newest == null ? 0 : size(newest);
        }
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private String questdbUrl() {
        return "http://127.0.0.1:" + questdb.httpPort();
    }

    private QuestDbSql sql() {
        return new QuestDbSql(questdbUrl());
    }

    private HearthProcess start() throws Exception {
        starts++;
        HearthProcess p = HearthProcess.start(dir.resolve("hearth.yaml"), dir.resolve("run-" + starts + ".log"));
        boolean up = p.awaitLog("MQTT reader hearth-run-0 connected", START_LIMIT);
        assertThat(up).as("start " + starts + " came up:\n" + p.console()).isTrue();
        return p;
    }

    private static String homesYaml() {
        StringBuilder s = new StringBuilder("homes:\n");
        for (int i = 0; i < HOMES.size(); i++) {
            String h = HOMES.get(i);
            s.append("""
                      - id: %s
                        timezone: Europe/London
                        resident: {id: r-%s, alias: "F.%d."}
                        sensors:
                          - {id: bed, kind: bed, room: bedroom, role: bed}
                          - {id: pir-kitchen, kind: motion, room: kitchen}
                          - {id: help, kind: button, room: lounge, role: help-button}
                        carers:
                          - {name: First, phone: "+4477009001%02d"}
                          - {name: Second, phone: "+4477009002%02d"}
                    """.formatted(h, h, i + 1, i + 1, i + 1));
        }
        return s.toString();
    }

    private void writeConfig(String brokerUri, int parallelism) throws IOException {
        Files.writeString(dir.resolve("hearth.yaml"), """
                homes: homes.yaml
                mqtt:
                  url: %s
                  sessionExpiry: 1h
                flink:
                  parallelism: %d
                  checkpointInterval: 1s
                  stateBackend: rocksdb
                time:
                  idleAdvanceAfter: 5s
                dataDir: data
                alerts:
                  dutyLine: "+447700900999"
                  escalation: {urgent: %s, warning: 30m, system: 60m}
                storage:
                  url: %s
                  org: hearth
                  bucket: hearth
                  batchSize: 200
                  flushInterval: 200ms
                watchdog:
                  inRun: false
                """.formatted(brokerUri, parallelism, ESCALATION.toSeconds() + "s", questdbUrl()));
    }

    /** {@link #HISTORY_DAYS} care days of a plain routine per home, ending before today's care day. */
    private static void publishHistory(SimulatedHomes homes) throws InterruptedException {
        LocalDate today = ZonedDateTime.now(LONDON).minusHours(12).toLocalDate(); // the care day now running began at 12:00
        List<Object[]> events = new ArrayList<>();
        for (int d = HISTORY_DAYS; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            for (int i = 0; i < HOMES.size(); i++) {
                String h = HOMES.get(i);
                int offset = i * 7;
                events.add(new Object[] {h, "pir-kitchen", "motion", 1.0, at(day, 13, offset)});
                events.add(new Object[] {h, "pir-kitchen", "motion", 1.0, at(day, 18, offset)});
                events.add(new Object[] {h, "bed", "bed", 1.0, at(day, 22, 30 + offset)});
                events.add(new Object[] {h, "bed", "bed", 0.0, at(day.plusDays(1), 7, 20 + offset)});
                events.add(new Object[] {h, "pir-kitchen", "motion", 1.0, at(day.plusDays(1), 7, 30 + offset)});
                events.add(new Object[] {h, "pir-kitchen", "motion", 1.0, at(day.plusDays(1), 10, offset)});
            }
        }
        events.sort(java.util.Comparator.comparing(e -> (Instant) e[4]));
        for (Object[] e : events) {
            homes.publish((String) e[0], (String) e[1], (String) e[2], (Double) e[3], (Instant) e[4]);
        }
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(LONDON).toInstant();
    }

    /**
     * Waits until every home's retained status shows the history's days learned (all but the last,
     * which counts once event time passes that care day's end: it depends on the hour the test runs),
     * and returns each home's days. A job that had lost a home's state would publish it again at its
     * first timer after the restart, learning from 0 or 1 day(s), and this would time out.
     */
    private static Map<String, Integer> awaitLearning(String brokerUri) {
        Map<String, Integer> days = new HashMap<>();
        // pollDelay(ZERO): without it Awaitility waits a whole interval before its first look (here twice a run).
        await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).until(() -> {
            days.clear();
            for (HomeStatus s : new StatusReader(Clock.systemUTC()).read(brokerUri, null, Duration.ofMillis(500),
                    Duration.ofSeconds(5)).statuses()) {
                days.put(s.homeId(), s.daysLearned());
            }
            return days.keySet().containsAll(HOMES) && days.values().stream().allMatch(n -> n >= HISTORY_DAYS - 1);
        });
        return Map.copyOf(days);
    }

    private static String status(String brokerUri) {
        java.io.StringWriter out = new java.io.StringWriter();
        var cli = org.hearth.cli.HearthCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        cli.execute("status", "--broker", brokerUri);
        return out.toString();
    }

    /** Waits for a checkpoint folder that has no {@code _metadata} yet: a checkpoint being written. */
    private void awaitCheckpointInProgress() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
            Path root = dir.resolve("data/checkpoints");
            if (!Files.isDirectory(root)) {
                return false;
            }
            try (Stream<Path> all = Files.walk(root, 2)) {
                return all.anyMatch(p -> p.getFileName().toString().startsWith("chk-") && !Files.exists(p.resolve("_metadata")));
            } catch (IOException | java.io.UncheckedIOException racing) {
                return false;
            }
        });
    }

    private long lateEvents() throws IOException {
        Path late = dir.resolve("data/late");
        if (!Files.isDirectory(late)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(late)) {
            long n = 0;
            for (Path f : files.toList()) {
                n += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
            }
            return n;
        }
    }

    /** Whether the delivery's dedupe store ({@code delivered.jsonl}) records this step as sent. */
    private boolean recordedSent(String key) throws IOException {
        Path file = dir.resolve("data/delivered.jsonl");
        if (!Files.exists(file)) {
            return false;
        }
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                JsonNode n = HearthJson.json().readTree(l);
                if (key.equals(n.path("key").asText()) && "sent".equals(n.path("state").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<JsonNode> outbox() throws IOException {
        Path file = dir.resolve("data/outbox/sms.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file)) {
                if (!l.isBlank()) {
                    lines.add(HearthJson.json().readTree(l));
                }
            }
        }
        return lines;
    }

    /** The texts about a help press of the resident with this alias (not the other rules' alerts). */
    private List<JsonNode> helpTexts(String alias) throws IOException {
        return outbox().stream().filter(t -> t.get("body").asText().contains(alias) && t.get("body").asText().contains(HELP)).toList();
    }

    private static String restoreLine(String console) {
        return console.lines().filter(l -> l.startsWith("hearth run: restoring") || l.contains("RestoredHomes"))
                .collect(Collectors.joining(" | "));
    }

    private static String restoreLines(String console) {
        return console.lines().filter(l -> l.startsWith("hearth run:") || l.contains("RestoredHomes"))
                .map(l -> l + "\n").collect(Collectors.joining());
    }
}
