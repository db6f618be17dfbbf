package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hearth.job.DetectionFixtures;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    private static final Instant START = Instant.parse("2026-11-20T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldWriteByteIdenticalAlertsWhenRunTwiceOnTheSameFiles() throws Exception {
        Path homes = write("homes.yaml", DetectionFixtures.HOMES);
        Path h1 = write("h1.jsonl", nativeLines(history("h1", true)) + "this is not json\n");
        Path h2 = write("h2.jsonl", nativeLines(history("h2", false)));

        Run first = replay("--events", h1.toString(), h2.toString(), "--homes", homes.toString(),
                "--alerts", dir.resolve("a1.jsonl").toString());
        Run second = replay("--events", h1.toString(), h2.toString(), "--homes", homes.toString(),
                "--alerts", dir.resolve("a2.jsonl").toString());

        assertThat(first.exit).as(first.err).isZero();
        assertThat(second.exit).as(second.err).isZero();
        byte[] a1 = Files.readAllBytes(dir.resolve("a1.jsonl"));
        assertThat(a1).as("first run: %s%nsecond run: %s", first.out, second.out)
                .isEqualTo(Files.readAllBytes(dir.resolve("a2.jsonl")));
        List<Alert> alerts = read(dir.resolve("a1.jsonl"));
        // h1 fell in the bathroom on day 3 and nothing more came from the home: stillness, 12 h later.
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.homeId()).isEqualTo("h1");
            assertThat(a.rule().wireName()).isEqualTo("stillness");
            assertThat(a.at()).isEqualTo(fallAt().plus(Duration.ofHours(12)));
            assertThat(a.message()).contains("J.S.").doesNotContain("Sam");
        });
        assertThat(first.out).contains("2 homes, 8 days").contains("stillness=1").contains("1 dead letters");
        assertThat(Files.readAllLines(dir.resolve("dead-letters.jsonl"))).singleElement()
                .asString().contains("h1.jsonl:").contains("malformed-json");
    }

    @Test
    void shouldReplayCasasLinesThroughTheHomesDeviceMapping() throws Exception {
        String homes = """
                homes:
                  - id: hh101
                    timezone: America/Los_Angeles
                    resident: {id: r9, alias: "C.A."}
                    sensors:
                      - {id: pir-kitchen, kind: motion, room: kitchen, device: M012}
                      - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom, device: M020}
                      - {id: front-door, kind: contact, room: hall, role: front-door, device: D001}
                      - {id: temp, kind: temperature, room: kitchen, device: T001}
                    carers:
                      - {name: Kim, phone: "+447700900999"}
                """;
        Path homesFile = write("homes.yaml", homes);
        StringBuilder casas = new StringBuilder();
        LocalDateTime t = LocalDateTime.of(2011, 6, 15, 7, 0, 0, 123_456_000);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        for (int i = 0; i < 40; i++) {
            casas.append(f.format(t)).append(" M012 ON").append(i == 0 ? " Cook begin" : "").append('\n');
            casas.append(f.format(t.plusSeconds(20))).append("\tM012\tOFF\n");
            casas.append(f.format(t.plusSeconds(30))).append(" T001 21.5\n");
            t = t.plusMinutes(10);
        }
        casas.append(f.format(t)).append(" M020 ON\n"); // last movement: the bathroom
        casas.append(f.format(t.plusSeconds(5))).append(" M099 ON\n"); // not in the kit
        casas.append(f.format(t.plusSeconds(6))).append(" M012 MAYBE\n"); // not a motion value
        for (int h = 1; h <= 13; h++) {
            casas.append(f.format(t.plusHours(h))).append(" T001 21.0\n"); // the house still reports
        }
        Path file = write("hh101.txt", casas.toString());

        Run run = replay("--events", file.toString(), "--format", "casas", "--homes", homesFile.toString(),
                "--alerts", dir.resolve("alerts.jsonl").toString());

        assertThat(run.exit).as(run.err).isZero();
        Instant lastMovement = t.atZone(ZoneId.of("America/Los_Angeles")).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(read(dir.resolve("alerts.jsonl"))).singleElement().satisfies(a -> {
            assertThat(a.rule().wireName()).isEqualTo("stillness");
            assertThat(a.at()).isEqualTo(lastMovement.plus(Duration.ofHours(12)));
            assertThat(a.observed()).contains("bathroom");
        });
        assertThat(run.out).contains("2 dead letters");
        assertThat(String.join("\n", Files.readAllLines(dir.resolve("dead-letters.jsonl"))))
                .contains("unknown-device").contains("wrong-type").contains("hh101.txt:");
    }

    @Test
    void shouldExitWithAClearMessageWhenTheHomesFileIsBroken() throws Exception {
        Path homes = write("homes.yaml", "homes:\n  - id: h1\n    sensors:\n      - {id: x, kind: moton}\n");
        Path events = write("e.jsonl", "");

        Run run = replay("--events", events.toString(), "--homes", homes.toString(), "--alerts", dir.resolve("a.jsonl").toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("homes.yaml:4").contains("moton");
    }

    /**
     * Up to four days of movement from 07:00 to 21:00; the one who falls does so on day 3 and sends
     * nothing more, while the other home's data runs on past the 12 h (the end of the data is not
     * silence in the home).
     */
    private static List<SensorEvent> history(String home, boolean falls) {
        List<SensorEvent> events = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            Instant morning = START.plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
            for (int m = 0; m < 14 * 60; m += 7) {
                String sensor = m % 91 == 0 ? "pir-bathroom" : "pir-kitchen";
                events.add(DetectionFixtures.motion(home, sensor, morning.plus(Duration.ofMinutes(m))));
                if (falls && day == 2 && m >= 3 * 60) {
                    events.add(DetectionFixtures.motion(home, "pir-bathroom", fallAt()));
                    return events;
                }
            }
        }
        return events;
    }

    private static Instant fallAt() {
        return START.plus(Duration.ofDays(2)).plus(Duration.ofHours(4)).plusSeconds(180); // just after the 10:02 movement
    }

    private static String nativeLines(List<SensorEvent> events) throws Exception {
        StringBuilder b = new StringBuilder();
        for (SensorEvent e : events) {
            b.append(HearthJson.json().writeValueAsString(e)).append('\n');
        }
        return b.toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<Alert> read(Path file) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            alerts.add(HearthJson.json().readValue(line, Alert.class));
        }
        return alerts;
    }

    private record Run(int exit, String out, String err) {}

    private static Run replay(String... args) {
        CommandLine cli = HearthCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "replay";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = cli.execute(full);
        return new Run(exit, out.toString(), err.toString());
    }
}
