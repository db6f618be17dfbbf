package org.hearth.simulator.emergency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.ProgressListener;

/**
 * Inserts inactivity emergencies into a real recording and writes it in the replay contract:
 * {@code events.jsonl} (the input's lines, byte for byte, less the removed behaviour),
 * {@code labels.jsonl} (the recording's own labels, if given, and one {@code fall} per emergency)
 * and {@code meta.json} (with the recording's outages).
 *
 * <p>Removed during an emergency: the readings a person causes ({@link #BEHAVIOUR}: motion, contact,
 * power, bed, button). Kept: heartbeats, availability, temperature and humidity, as a kit goes on
 * reporting while a person lies still. Lines the inserter cannot read are kept as they are (the
 * replay dead-letters them) and counted.
 */
public final class EmergencyInserter {

    /** The kinds of reading a person causes; these stop while they lie still. */
    public static final Set<SensorKind> BEHAVIOUR = EnumSet.of(SensorKind.MOTION, SensorKind.CONTACT, SensorKind.POWER,
            SensorKind.BED, SensorKind.BUTTON);

    /** What was inserted and written. */
    public record Result(Recording recording, List<CandidateDay> days, List<Emergency> inserted, List<TruthLabel> labels,
                         long linesWritten, long removed, RecordingMeta meta) {

        /** How many due days had no emergency, by reason. */
        public Map<CandidateDay.Skip, Integer> skipped() {
            Map<CandidateDay.Skip, Integer> out = new TreeMap<>();
            days.stream().filter(d -> d.emergency() == null).forEach(d -> out.merge(d.skip(), 1, Integer::sum));
            return out;
        }
    }

    private final InsertionSettings settings;

    public EmergencyInserter(InsertionSettings settings) {
        this.settings = settings;
    }

    /** As {@link #insert(Path, Map, Doorways, List, Path, ProgressListener)} without the kits' doors. */
    public Result insert(Path events, Map<String, ZoneId> zones, List<TruthLabel> existing, Path outDir, ProgressListener progress)
            throws IOException {
        return insert(events, zones, Doorways.NONE, existing, outDir, progress);
    }

    /**
     * @param zones each home's time zone, from homes.yaml
     * @param doorways each home's front doors and the motion past them, from homes.yaml: no emergency
     *     begins while the resident is at the door or has just gone out
     * @param existing labels already true of the recording (kept, and new emergencies keep clear of them)
     * @param progress told of both passes over the file (0-0.5 reading, 0.5-1 writing)
     */
    public Result insert(Path events, Map<String, ZoneId> zones, Doorways doorways, List<TruthLabel> existing, Path outDir,
            ProgressListener progress) throws IOException {
        Files.createDirectories(outDir);
        Path outEvents = outDir.resolve("events.jsonl");
        if (Files.exists(outEvents) && Files.isSameFile(outEvents, events)) {
            throw new IllegalArgumentException("the output folder " + outDir + " holds the input " + events
                    + ": choose another, the recording must stay as it is");
        }
        Recording recording = Recording.read(events, doorways, (f, n) -> progress.progress(f / 2, n));
        List<Outage> outages = recording.outages(settings.outageGap());
        List<Emergency> labelled = existing.stream().map(l -> new Emergency(l.homeId(), l.start(), l.end())).toList();
        List<CandidateDay> days = new EmergencyPlanner(settings).plan(recording, zones, outages, labelled);
        List<Emergency> inserted = days.stream().map(CandidateDay::emergency).filter(e -> e != null).toList();

        long[] counts = copyWithout(events, outEvents, inserted, Files.size(events), progress);
        List<TruthLabel> labels = new ArrayList<>(existing);
        inserted.forEach(e -> labels.add(TruthLabel.of(e)));
        labels.sort(TruthLabel.ORDER);
        TruthLabel.write(labels, outDir.resolve("labels.jsonl"));
        RecordingMeta meta = new RecordingMeta(recording.homes().size(), recording.days(), settings.learnDays(), labels.size(),
                counts[0], outages, describe(events, days, inserted));
        meta.write(outDir.resolve("meta.json"));
        progress.progress(1.0, counts[0]);
        return new Result(recording, days, inserted, List.copyOf(labels), counts[0], counts[1], meta);
    }

    /** Copies the event lines, leaving out behaviour inside an emergency; returns {lines written, removed}. */
    private static long[] copyWithout(Path in, Path out, List<Emergency> emergencies, long size, ProgressListener progress)
            throws IOException {
        Map<String, TreeMap<Instant, Emergency>> byHome = new HashMap<>();
        emergencies.forEach(e -> byHome.computeIfAbsent(e.homeId(), h -> new TreeMap<>()).put(e.start(), e));
        ObjectMapper json = HearthJson.json();
        long written = 0;
        long removed = 0;
        long bytes = 0;
        long reported = 0;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                bytes += line.length() + 1;
                if (!line.isBlank() && removes(json, line, byHome)) {
                    removed++;
                } else {
                    w.write(line);
                    w.write('\n');
                    written++;
                }
                if (bytes - reported > size / 100) {
                    reported = bytes;
                    progress.progress(0.5 + Math.min(0.5, 0.5 * bytes / Math.max(1, size)), written);
                }
            }
        }
        return new long[] {written, removed};
    }

    private static boolean removes(ObjectMapper json, String line, Map<String, TreeMap<Instant, Emergency>> byHome) {
        SensorEvent e;
        try {
            e = json.readValue(line, SensorEvent.class);
        } catch (IOException | RuntimeException ex) {
            return false; // counted as unreadable by the first pass; kept for the replay to dead-letter
        }
        if (!BEHAVIOUR.contains(e.kind())) {
            return false;
        }
        TreeMap<Instant, Emergency> home = byHome.get(e.homeId());
        var floor = home == null ? null : home.floorEntry(e.ts());
        return floor != null && floor.getValue().covers(e.ts());
    }

    private ObjectNode describe(Path events, List<CandidateDay> days, List<Emergency> inserted) {
        ObjectNode n = HearthJson.json().createObjectNode();
        n.put("source", events.getFileName().toString()).put("seed", settings.seed()).put("learnDays", settings.learnDays())
                .put("everyDays", settings.everyDays()).put("length", settings.length().toString())
                .put("window", settings.windowStart() + "-" + settings.windowEnd())
                .put("movedWithin", settings.movedWithin().toString()).put("outageGap", settings.outageGap().toString())
                .put("dueDays", days.size()).put("inserted", inserted.size());
        ObjectNode skipped = n.putObject("skipped");
        days.stream().filter(d -> d.emergency() == null)
                .forEach(d -> skipped.put(d.skip().name().toLowerCase(java.util.Locale.ROOT), skipped.path(d.skip().name()
                        .toLowerCase(java.util.Locale.ROOT)).asInt() + 1));
        return n;
    }
}
