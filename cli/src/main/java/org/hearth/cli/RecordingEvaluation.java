package org.hearth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryException;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.threshold.ThresholdsException;
import org.hearth.replay.NativeRecording;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.emergency.CandidateDay;
import org.hearth.simulator.emergency.Doorways;
import org.hearth.simulator.emergency.EmergencyInserter;
import org.hearth.simulator.emergency.InsertionSettings;
import org.hearth.simulator.emergency.TruthLabel;
import org.hearth.simulator.evaluate.RecordingJudge;
import org.hearth.simulator.evaluate.RecordingReport;
import org.hearth.simulator.evaluate.RecordingScore;

/**
 * {@code hearth evaluate --events ...}: inserts emergencies into a real recording
 * ({@link EmergencyInserter}), writes it in the replay contract, replays it through the same job as
 * {@code hearth replay}, judges the alerts as {@code score.py} does ({@link RecordingJudge}) and
 * writes the report. The command's options are read from {@link EvaluateCommand}.
 */
final class RecordingEvaluation {

    private final EvaluateCommand o;
    private final PrintWriter out;
    private final PrintWriter err;

    RecordingEvaluation(EvaluateCommand options, PrintWriter out, PrintWriter err) {
        this.o = options;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        InsertionSettings settings = settings();
        if (o.homes == null) {
            throw new UserError("--events needs --homes (the recording's homes.yaml: time zones and kit)");
        }
        o.events.forEach(f -> readable(f, "events file"));
        ReplayFormat format;
        try {
            format = ReplayFormat.fromName(o.format);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        readable(o.homes, "homes file");
        if (o.thresholds != null) {
            readable(o.thresholds, "thresholds file");
        }
        Path outDir = o.out != null ? o.out : Path.of("evaluate-out");
        Path reportDir = o.report != null ? o.report : outDir.resolve("report");
        DetectionJobConfig config;
        Map<String, ZoneId> zones = new TreeMap<>();
        Doorways doorways;
        try {
            config = DetectionJobConfig.load(o.homes, o.thresholds);
            List<Home> homes = new RegistryLoader().parse(o.homes.getFileName().toString(), config.homesYaml()).homes();
            for (Home h : homes) {
                zones.put(h.id(), h.zone());
            }
            doorways = Doorways.of(homes);
        } catch (RegistryException | ThresholdsException e) {
            throw new UserError(e.getMessage());
        }
        List<TruthLabel> existing = List.of();
        if (o.labels != null) {
            existing = TruthLabel.read(readable(o.labels, "labels file"));
        }

        Path recording = nativeRecording(format, config, outDir);
        EmergencyInserter.Result inserted = new EmergencyInserter(settings).insert(recording, zones, doorways, existing, outDir, progress());
        err.println();
        inserted.recording().unreadable().stream().limit(10).forEach(r -> err.println("unreadable (kept for the replay to dead-letter): " + r));
        out.println(insertionLine(inserted, settings));
        if (inserted.labels().isEmpty()) {
            String why = inserted.days().isEmpty() ? "no day is due: the recording has " + inserted.recording().days() + " days"
                    : skips(inserted);
            throw new UserError("no emergency could be inserted (" + why + "): the recording needs more than "
                    + settings.learnDays() + " days with movement in the window " + settings.windowStart() + "-" + settings.windowEnd());
        }

        Path replayed = outDir.resolve("events.jsonl");
        ReplayResult result = new ReplayJob(new ReplayJob.Options(List.of(replayed), ReplayFormat.NATIVE, config, o.lateness,
                o.parallelism)).run(System.err);
        ReplayCommand.writeLines(outDir.resolve("alerts.jsonl"), result.alerts().stream().map(ReplayCommand::json).toList());
        if (!result.deadLetters().isEmpty()) {
            ReplayCommand.writeLines(outDir.resolve("dead-letters.jsonl"), result.deadLetters());
        }
        out.println(result.summaryLine());

        RecordingScore score = new RecordingJudge().judge(inserted.meta(), inserted.labels(),
                result.alerts().stream().map(RecordingJudge.JudgedAlert::of).toList(), inserted.recording().firstLine());
        RecordingReport.write(score, inserted.meta(), zones, reportDir);
        printTable(score);
        out.println("score.py: " + score.scorePyJson());
        out.println("hearth evaluate: " + score.oneLine() + "; report in " + reportDir.resolve("report.html"));
        return 0;
    }

    /**
     * The recording as one native events file: the file given, or, for another format or several files,
     * what the replay's decoders read from them (merged in time), its unreadable lines kept as dead letters.
     */
    private Path nativeRecording(ReplayFormat format, DetectionJobConfig config, Path outDir) throws IOException {
        if (format == ReplayFormat.NATIVE && o.events.size() == 1) {
            return o.events.get(0);
        }
        Files.createDirectories(outDir);
        Path recording = outDir.resolve("recording.jsonl");
        NativeRecording.Written written;
        try {
            written = NativeRecording.write(o.events, format, config.homesYaml(), recording);
        } catch (IllegalArgumentException e) { // a CASAS file that names no home
            throw new UserError(e.getMessage());
        }
        String dead = "";
        if (!written.deadLetters().isEmpty()) {
            Path file = outDir.resolve("dead-letters-recording.jsonl");
            ReplayCommand.writeLines(file, written.deadLetters());
            dead = String.format(Locale.ROOT, "; %,d unreadable lines in %s", written.deadLetters().size(), file);
        }
        out.printf(Locale.ROOT, "read %,d events from %d %s file%s into %s%s%n", written.events(), o.events.size(),
                format.name().toLowerCase(Locale.ROOT), o.events.size() == 1 ? "" : "s", recording, dead);
        return recording;
    }

    private InsertionSettings settings() {
        try {
            LocalTime[] w = InsertionSettings.parseWindow(o.window);
            return new InsertionSettings(o.learnDays, o.every, o.length, w[0], w[1], o.movedWithin, o.seed, o.outageGap);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private ProgressListener progress() {
        int[] shown = {-1};
        return (fraction, events) -> {
            int tenth = (int) (fraction * 10);
            if (tenth != shown[0]) {
                shown[0] = tenth;
                err.printf(Locale.ROOT, "\rhearth evaluate: %s %d%% (%,d events)", fraction < 0.5 ? "reading" : "writing",
                        tenth * 10, events);
                err.flush();
            }
        };
    }

    private static String insertionLine(EmergencyInserter.Result r, InsertionSettings s) {
        return String.format(Locale.ROOT, "inserted %d emergencies of %s (seed %d, every %d days after %d, window %s-%s) on %d due days%s; "
                        + "%,d behaviour readings removed, %d outages of the recording",
                r.inserted().size(), org.hearth.simulator.evaluate.EvaluationReport.duration(s.length()), s.seed(), s.everyDays(),
                s.learnDays(), s.windowStart(), s.windowEnd(), r.days().size(),
                r.skipped().isEmpty() ? "" : " (skipped: " + skips(r) + ")", r.removed(), r.meta().outages().size());
    }

    private static String skips(EmergencyInserter.Result r) {
        return r.skipped().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().text())
                .collect(Collectors.joining(", "));
    }

    private void printTable(RecordingScore score) {
        out.printf(Locale.ROOT, "%-16s %7s %9s %9s %10s %7s %10s%n", "rule", "alerts", "found", "within1h", "delay p50", "false",
                "false/30d");
        for (RecordingScore.RuleScore r : score.byRule()) {
            out.printf(Locale.ROOT, "%-16s %7d %5d/%-3d %9d %10s %7d %10.2f%n", r.rule(), r.alerts(), r.found().count(), r.labels(),
                    r.found().withinHour(), RecordingScore.minutes(r.found().medianMinutes()), r.falseAlerts(), r.falsePer30Days());
        }
    }

    private static Path readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read " + what + " " + file);
        }
        return file;
    }
}
