package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.emergency.Recording;
import org.hearth.simulator.emergency.RecordingMeta;
import org.hearth.simulator.emergency.TruthLabel;
import org.hearth.simulator.evaluate.RecordingJudge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth evaluate --events ...}: emergencies inserted into a recording, replayed and judged. */
class EvaluateRecordingCommandTest {

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void recording() {
        sim = dir.resolve("sim");
        CliRun run = CliRun.of("simulate", "--homes", "1", "--days", "36", "--seed", "3", "--anomaly-scale", "0", "--out", sim.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void evaluate_insertsReplaysAndJudgesARecording() throws Exception {
        Path out = dir.resolve("ev");

        CliRun run = CliRun.of("evaluate", "--events", sim.resolve("events.jsonl").toString(), "--homes", sim.resolve("homes.yaml").toString(),
                "--out", out.toString(), "--learn-days", "20", "--every", "5", "--seed", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {"events.jsonl", "labels.jsonl", "meta.json", "alerts.jsonl", "report/report.html",
                "report/summary.json", "report/rules.csv", "report/emergencies.csv", "report/false-alerts.csv"}) {
            assertThat(out.resolve(f)).exists();
        }
        int labels = TruthLabel.read(out.resolve("labels.jsonl")).size();
        assertThat(labels).isBetween(3, 4); // due days 20, 25, 30, 35
        assertThat(run.out()).contains("inserted " + labels + " emergencies of 6h00m (seed 2, every 5 days after 20, window 10:00-16:00)")
                .contains("replay: ");
        String last = run.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("hearth evaluate: found ").contains(" of " + labels + " ").contains("false alerts per 30 days")
                .endsWith(out.resolve("report").resolve("report.html").toString());

        // the printed figures are the judge's over the files written, as score.py would read them
        String printed = run.out().lines().filter(l -> l.startsWith("score.py: ")).findFirst().orElseThrow().substring(10);
        String again = new RecordingJudge().judge(RecordingMeta.read(out.resolve("meta.json")), TruthLabel.read(out.resolve("labels.jsonl")),
                RecordingJudge.readAlerts(out.resolve("alerts.jsonl")),
                Recording.read(out.resolve("events.jsonl"), ProgressListener.NONE).firstLine()).scorePyJson();
        assertThat(printed).isEqualTo(again);
    }

    /**
     * A council's recording may be a CASAS log: the same recording written as CASAS lines (local time,
     * the sensor ids as CASAS names, a few on/off words garbled as real logs garble them, a line of a
     * sensor outside the kit) is judged exactly as the native file is. CASAS sensors send only their
     * own kind's readings, so both files leave out the simulated kit's device heartbeats.
     */
    @Test
    void evaluate_readsACasasLogAsTheSameRecording() throws Exception {
        Path homes = sim.resolve("homes.yaml");
        org.hearth.models.registry.Home home = new org.hearth.models.registry.RegistryLoader().load(homes).homes().get(0);
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(home.zone());
        StringBuilder nativeLines = new StringBuilder();
        StringBuilder casas = new StringBuilder();
        int garbled = 0;
        int events = 0;
        for (String line : Files.readAllLines(sim.resolve("events.jsonl"))) {
            org.hearth.models.event.SensorEvent e = org.hearth.models.json.HearthJson.json().readValue(line, org.hearth.models.event.SensorEvent.class);
            if (home.sensor(e.sensorId()).map(s -> s.kind() != e.kind()).orElse(true)) {
                continue;
            }
            String value = switch (e.kind()) {
                case MOTION, BED, BUTTON, AVAILABILITY -> e.isOn() ? (garbled++ % 50 == 0 ? "ONc" : "ON") : "OFF";
                case CONTACT -> e.isOn() ? "OPEN" : "CLOSE";
                default -> String.valueOf(e.value());
            };
            nativeLines.append(line).append('\n');
            casas.append(local.format(e.ts())).append(' ').append(e.sensorId()).append(' ').append(value).append('\n');
            events++;
        }
        casas.append("2026-11-20 10:00:00.000 M099 ON\n"); // not in the kit
        Path asNative = dir.resolve("home.jsonl");
        Path asCasas = dir.resolve("home.txt");
        Files.writeString(asNative, nativeLines);
        Files.writeString(asCasas, casas);
        String[] common = {"--homes", homes.toString(), "--learn-days", "20", "--every", "5", "--seed", "2"};

        CliRun fromNative = CliRun.of(concat(new String[] {"evaluate", "--events", asNative.toString(),
                "--out", dir.resolve("ev-native").toString()}, common));
        CliRun fromCasas = CliRun.of(concat(new String[] {"evaluate", "--events", asCasas.toString(), "--format", "casas",
                "--out", dir.resolve("ev-casas").toString()}, common));

        assertThat(fromNative.exitCode()).as(fromNative.err()).isZero();
        assertThat(fromCasas.exitCode()).as(fromCasas.err()).isZero();
        assertThat(garbled).isGreaterThan(10);
        assertThat(fromCasas.out()).contains(String.format(java.util.Locale.ROOT, "read %,d events from 1 casas file into ", events))
                .contains("; 1 unreadable lines in ");
        assertThat(Files.readString(dir.resolve("ev-casas").resolve("dead-letters-recording.jsonl"))).contains("M099").contains("unknown-device");
        assertThat(scorePy(fromCasas)).isEqualTo(scorePy(fromNative)).contains("\"recall\"");
    }

    private static String scorePy(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("score.py: ")).findFirst().orElseThrow();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void evaluate_badInputExitsNonZeroWithAClearMessage() {
        String events = sim.resolve("events.jsonl").toString();
        String homes = sim.resolve("homes.yaml").toString();

        CliRun noHomes = CliRun.of("evaluate", "--events", events, "--out", dir.resolve("x").toString());
        CliRun badWindow = CliRun.of("evaluate", "--events", events, "--homes", homes, "--window", "10-16");
        CliRun both = CliRun.of("evaluate", "--events", events, "--homes", homes, "--alerts", events);
        CliRun neither = CliRun.of("evaluate", "--report", dir.resolve("r").toString());
        CliRun noFile = CliRun.of("evaluate", "--events", dir.resolve("nope.jsonl").toString(), "--homes", homes);
        CliRun tooLate = CliRun.of("evaluate", "--events", events, "--homes", homes, "--learn-days", "40", "--out", dir.resolve("y").toString());

        assertThat(noHomes.exitCode()).isEqualTo(2);
        assertThat(noHomes.err()).contains("--events needs --homes");
        assertThat(badWindow.exitCode()).isEqualTo(2);
        assertThat(badWindow.err()).contains("HH:MM-HH:MM");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give one or the other");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give --alerts and --labels");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("cannot read events file");
        assertThat(tooLate.exitCode()).isEqualTo(2);
        assertThat(tooLate.err()).contains("no emergency could be inserted");
    }
}
