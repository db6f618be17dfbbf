package org.hearth.replay;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;

/**
 * Replay files of any {@link ReplayFormat} written out as one native events file (DESIGN.md, event
 * files for replay), merged in event time as the replay reads them, and the lines that could not be
 * read kept beside it as dead letters: how {@code hearth evaluate --events} takes a CASAS log or an
 * MQTT capture, since it inserts its emergencies into native lines.
 */
public final class NativeRecording {

    /** What was written: the events, and the unreadable lines as dead-letter JSON, in file order. */
    public record Written(long events, List<String> deadLetters) {}

    private NativeRecording() {}

    public static Written write(List<Path> files, ReplayFormat format, String homesYaml, Path out) throws IOException {
        ObjectWriter eventJson = HearthJson.json().writerFor(SensorEvent.class);
        ObjectWriter deadJson = HearthJson.json().writerFor(DeadLetter.class);
        List<String> dead = new ArrayList<>();
        long events = 0;
        try (MergedLines lines = new MergedLines(files, format, new RegistryLoader().parse("homes.yaml", homesYaml), 0);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            while (lines.hasNext()) {
                ReplayRecord r = lines.next();
                if (r.isEvent()) {
                    w.write(eventJson.writeValueAsString(r.event()));
                    w.newLine();
                    events++;
                } else {
                    dead.add(deadJson.writeValueAsString(r.deadLetter()));
                }
            }
        }
        return new Written(events, dead);
    }
}
