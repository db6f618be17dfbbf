package org.hearth.simulator.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyInserterTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);

    @TempDir
    Path dir;

    private static Instant local(LocalDate d, int hour, int minute) {
        return ZonedDateTime.of(d, LocalTime.of(hour, minute), LONDON).toInstant();
    }

    /** 30 days: motion every 3 min 07:00-22:00, the front door and the kettle now and then, hub and temperature all day. */
    private Path recording() throws Exception {
        List<SensorEvent> events = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            LocalDate date = DAY0.plusDays(d);
            for (Instant t = local(date, 0, 0); t.isBefore(local(date.plusDays(1), 0, 0)); t = t.plus(Duration.ofMinutes(5))) {
                events.add(SensorEvent.of("h1", "hub", t, SensorKind.HEARTBEAT, 1));
                events.add(SensorEvent.of("h1", "thermo", t.plusSeconds(2), SensorKind.TEMPERATURE, 19.5));
            }
            for (Instant t = local(date, 7, 0); t.isBefore(local(date, 22, 0)); t = t.plus(Duration.ofMinutes(3))) {
                events.add(SensorEvent.of("h1", "pir-living", t.plusSeconds(11), SensorKind.MOTION, 1));
            }
            for (int h = 8; h < 21; h += 2) {
                events.add(SensorEvent.of("h1", "front-door", local(date, h, 17), SensorKind.CONTACT, 1));
                events.add(SensorEvent.of("h1", "kettle", local(date, h, 31), SensorKind.POWER, 2100));
            }
        }
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        StringBuilder text = new StringBuilder();
        for (SensorEvent e : events) {
            text.append(HearthJson.json().writeValueAsString(e)).append('\n');
        }
        text.insert(text.indexOf("\n", text.length() / 2) + 1, "this is not an event\n");
        Path file = dir.resolve("in/events.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void insert_removesBehaviourKeepsHeartbeatsAndWritesTheReplayContract() throws Exception {
        Path in = recording();
        Path out = dir.resolve("out");
        InsertionSettings settings = InsertionSettings.DEFAULTS.withLearnDays(20).withEveryDays(4);

        EmergencyInserter.Result r = new EmergencyInserter(settings).insert(in, Map.of("h1", LONDON), List.of(), out, ProgressListener.NONE);

        assertThat(r.inserted()).hasSize(3); // days 20, 24, 28
        List<String> inLines = Files.readAllLines(in);
        List<String> outLines = Files.readAllLines(out.resolve("events.jsonl"));
        assertThat(outLines.size() + r.removed()).isEqualTo(inLines.size());
        assertThat(inLines).containsAll(outLines); // lines copied byte for byte
        assertThat(outLines).contains("this is not an event"); // unreadable: kept for the replay to dead-letter
        assertThat(r.recording().unreadable()).singleElement().asString().startsWith("events.jsonl:");

        for (Emergency e : r.inserted()) {
            List<SensorEvent> inside = new ArrayList<>();
            for (String line : outLines) {
                if (line.startsWith("{")) {
                    SensorEvent ev = HearthJson.json().readValue(line, SensorEvent.class);
                    if (e.covers(ev.ts())) {
                        inside.add(ev);
                    }
                }
            }
            assertThat(inside).extracting(SensorEvent::kind).containsOnly(SensorKind.HEARTBEAT, SensorKind.TEMPERATURE);
            assertThat(inside).hasSize(6 * 12 * 2); // a heartbeat and a temperature every 5 min for 6 h
        }
        // removed: 6 h of motion (120), 3 door and 3 kettle readings per emergency, give or take the window's edges
        assertThat(r.removed()).isBetween(3L * 120, 3L * 126);

        List<TruthLabel> labels = TruthLabel.read(out.resolve("labels.jsonl"));
        assertThat(labels).extracting(TruthLabel::type).containsOnly("fall");
        assertThat(labels).extracting(TruthLabel::start).containsExactlyElementsOf(r.inserted().stream().map(Emergency::start).toList());

        RecordingMeta meta = RecordingMeta.read(out.resolve("meta.json"));
        assertThat(meta.homes()).isEqualTo(1);
        assertThat(meta.days()).isEqualTo(29); // first event 00:00 day 0, last 23:55 day 29
        assertThat(meta.learn()).isEqualTo(20);
        assertThat(meta.labels()).isEqualTo(3);
        assertThat(meta.events()).isEqualTo(outLines.size());
        assertThat(meta.outages()).isEmpty();
        assertThat(meta.insertion().path("seed").asLong()).isEqualTo(1);
    }

    @Test
    void insert_isByteForByteTheSameForTheSameSeed() throws Exception {
        Path in = recording();
        InsertionSettings settings = InsertionSettings.DEFAULTS.withLearnDays(10).withSeed(42);

        new EmergencyInserter(settings).insert(in, Map.of("h1", LONDON), List.of(), dir.resolve("a"), ProgressListener.NONE);
        new EmergencyInserter(settings).insert(in, Map.of("h1", LONDON), List.of(), dir.resolve("b"), ProgressListener.NONE);

        for (String f : List.of("events.jsonl", "labels.jsonl", "meta.json")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void insert_keepsTheRecordingsOwnLabelsAndNeverOverwritesTheInput() throws Exception {
        Path in = recording();
        TruthLabel old = new TruthLabel("h1", "fall", local(DAY0.plusDays(20), 11, 0), local(DAY0.plusDays(20), 17, 0));

        EmergencyInserter.Result r = new EmergencyInserter(InsertionSettings.DEFAULTS.withLearnDays(20).withEveryDays(4))
                .insert(in, Map.of("h1", LONDON), List.of(old), dir.resolve("out"), ProgressListener.NONE);

        assertThat(r.days().get(0).skip()).isEqualTo(CandidateDay.Skip.OVERLAPS_LABEL);
        assertThat(r.labels()).contains(old).hasSize(1 + r.inserted().size());
        assertThatThrownBy(() -> new EmergencyInserter(InsertionSettings.DEFAULTS)
                .insert(in, Map.of("h1", LONDON), List.of(), in.getParent(), ProgressListener.NONE))
                .hasMessageContaining("holds the input");
    }

    @Test
    void read_refusesAFileWithoutAnyEvent() throws Exception {
        Path file = dir.resolve("empty.jsonl");
        Files.writeString(file, "nothing here\n\n");

        assertThatThrownBy(() -> Recording.read(file, ProgressListener.NONE)).hasMessageContaining("no readable event in 2 lines")
                .hasMessageContaining("empty.jsonl:1");
    }

    /** The shared real home's meta.json lists its outages; they are exactly its gaps of 12 h or more. */
    @Test
    void outages_ofTheSharedRealHomeAreThoseItsMetaLists() throws Exception {
        Path home = Stream.of(System.getenv("HEARTH_SHARED"), "../../shared", "/work/shared").filter(p -> p != null)
                .map(p -> Path.of(p, "data/real-homes-dev/nears0102")).filter(Files::isDirectory).findFirst().orElse(null);
        assumeThat(home).as("../shared/data/real-homes-dev/nears0102").isNotNull();

        Recording r = Recording.read(home.resolve("events.jsonl"), ProgressListener.NONE);
        JsonNode meta = HearthJson.json().readTree(home.resolve("meta.json").toFile());

        List<Outage> expected = new ArrayList<>();
        meta.path("outages").forEach(o -> expected.add(new Outage(Instant.parse(o.path("start").asText()), Instant.parse(o.path("end").asText()))));
        assertThat(r.outages(Duration.ofHours(12))).isEqualTo(expected);
        assertThat(r.days()).isEqualTo(meta.path("days").asInt());
        assertThat(r.events()).isEqualTo(meta.path("events").asInt());
    }
}
