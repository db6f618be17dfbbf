package org.hearth.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The homes and time span a set of native event files covers: the denominator of "alerts per home
 * per 30 days" when no labels (and so no simulator observation) are given.
 */
record ObservedSpan(int homes, Instant start, Instant end) {

    double homeMonths() {
        if (homes == 0 || start == null || !end.isAfter(start)) {
            return Double.NaN;
        }
        return homes * (end.toEpochMilli() - start.toEpochMilli()) / 86_400_000.0 / 30.0;
    }

    /** Reads only {@code homeId} and {@code ts} of each line; unreadable lines are the replay's business. */
    static ObservedSpan ofNativeFiles(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> homes = new HashSet<>();
        Instant start = null;
        Instant end = null;
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode node = json.readTree(line);
                        Instant ts = Instant.parse(node.path("ts").asText());
                        homes.add(node.path("homeId").asText());
                        start = start == null || ts.isBefore(start) ? ts : start;
                        end = end == null || ts.isAfter(end) ? ts : end;
                    } catch (IOException | RuntimeException e) {
                        // counted as a dead letter by the replay itself
                    }
                }
            }
        }
        return new ObservedSpan(homes.size(), start, end);
    }
}
