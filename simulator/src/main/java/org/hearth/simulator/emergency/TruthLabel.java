package org.hearth.simulator.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hearth.models.json.HearthJson;

/**
 * One line of a real recording's {@code labels.jsonl}: {@code {"homeId","type","start","end"}}.
 * The type is kept as written ({@code fall} for inserted emergencies; the judge knows a few more).
 */
public record TruthLabel(String homeId, String type, Instant start, Instant end) {

    public static final String FALL = "fall";
    public static final Comparator<TruthLabel> ORDER = Comparator.comparing(TruthLabel::start)
            .thenComparing(TruthLabel::homeId).thenComparing(TruthLabel::type);

    public TruthLabel {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("label ends before it starts: " + start + " > " + end);
        }
    }

    public static TruthLabel of(Emergency e) {
        return new TruthLabel(e.homeId(), FALL, e.start(), e.end());
    }

    /**
     * Reads a labels file; a line that is not a label is an error naming file and line (labels are
     * the truth everything is judged by, so none may be lost quietly).
     */
    public static List<TruthLabel> read(Path file) throws IOException {
        ObjectMapper json = HearthJson.json();
        List<TruthLabel> out = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = json.readTree(line);
                    out.add(new TruthLabel(text(n, "homeId"), text(n, "type"), Instant.parse(text(n, "start")),
                            Instant.parse(text(n, "end"))));
                } catch (IOException | DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": not a label (" + firstLine(e.getMessage()) + ")");
                }
            }
        }
        return out;
    }

    public static void write(List<TruthLabel> labels, Path file) throws IOException {
        ObjectMapper json = HearthJson.json();
        StringBuilder text = new StringBuilder();
        for (TruthLabel l : labels.stream().sorted(ORDER).toList()) {
            ObjectNode n = json.createObjectNode();
            n.put("homeId", l.homeId()).put("type", l.type()).put("start", l.start().toString()).put("end", l.end().toString());
            text.append(json.writeValueAsString(n)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not text");
        }
        return v.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
