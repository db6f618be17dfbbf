package org.hearth.alerts.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hearth.models.json.HearthJson;

/**
 * The trend lines waiting for each home's daily digest, on disk so that a restart loses none: an
 * append-only JSONL file ({@code homeId}, digest {@code day}, {@code alertId}, the rendered line).
 * A trend belongs to the first digest at or after it was raised, in the home's local time (raised
 * after 18:00 on Monday: Tuesday's digest). Lines are kept a week, then dropped at the next start.
 * Which digests were sent is the dedupe store's business (key per carer and day), not this file's.
 */
public final class DigestBook {

    /** How long a waiting line is kept (a digest that could not be sent for a week is stale). */
    static final int KEEP_DAYS = 7;

    /** A home's digest for one local day. */
    public record Due(String homeId, LocalDate day, List<String> lines) {}

    private record Line(String homeId, LocalDate day, String alertId, String text) {}

    private final Path file;
    private final LocalTime at;
    private final Map<String, Map<LocalDate, Map<String, String>>> pending = new LinkedHashMap<>();
    private final Set<String> done = new LinkedHashSet<>();

    private DigestBook(Path file, LocalTime at) {
        this.file = file;
        this.at = at;
    }

    /** A book in memory only (tests, and callers that accept losing waiting trends at a restart). */
    public static DigestBook inMemory(LocalTime at) {
        return new DigestBook(null, Objects.requireNonNull(at, "at"));
    }

    /**
     * Opens the book, keeping lines of the last {@link #KEEP_DAYS} days before {@code today}.
     *
     * @param at the local time of the digest ({@code 18:00})
     */
    public static DigestBook open(Path file, LocalTime at, LocalDate today) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        DigestBook book = new DigestBook(file, Objects.requireNonNull(at, "at"));
        List<Line> kept = new ArrayList<>();
        if (Files.exists(file)) {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = HearthJson.json().readTree(raw);
                    Line l = new Line(n.path("homeId").asText(), LocalDate.parse(n.path("day").asText()),
                            n.path("alertId").asText(), n.path("line").asText());
                    if (!l.day().isBefore(today.minusDays(KEEP_DAYS))) {
                        kept.add(l);
                    }
                } catch (IOException | RuntimeException torn) {
                    // a torn last line after a crash: that trend was not acknowledged to the job either
                }
            }
            // Rewrite without the stale lines: the file stays a week long.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder out = new StringBuilder();
            for (Line l : kept) {
                out.append(json(l)).append('\n');
            }
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        kept.forEach(book::remember);
        return book;
    }

    public LocalTime at() {
        return at;
    }

    /** The digest day a trend raised at {@code raisedAt} belongs to, in the home's zone. */
    public LocalDate dayOf(Instant raisedAt, ZoneId zone) {
        ZonedDateTime local = raisedAt.atZone(zone);
        return local.toLocalTime().isBefore(at) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    }

    /** When the digest of {@code day} is due in {@code zone} (a time in a spring gap moves forward). */
    public Instant dueAt(LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(day, at, zone).toInstant();
    }

    /**
     * Adds a trend line, durably; the same alert again (a replay) is not added twice.
     *
     * @return false when this alert was already in the book
     */
    public synchronized boolean add(String homeId, LocalDate day, String alertId, String text) {
        Map<String, String> lines = pending.computeIfAbsent(homeId, h -> new LinkedHashMap<>())
                .computeIfAbsent(day, d -> new LinkedHashMap<>());
        if (lines.containsKey(alertId)) {
            return false;
        }
        Line l = new Line(homeId, day, alertId, text);
        if (file != null) try {
            Files.writeString(file, json(l) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("digest line not recorded", e);
        }
        remember(l);
        return true;
    }

    /** The digests due at {@code now} and not yet handed out by {@link #done}, oldest first. */
    public synchronized List<Due> due(Instant now, java.util.function.Function<String, ZoneId> zoneOf) {
        List<Due> due = new ArrayList<>();
        pending.forEach((homeId, days) -> {
            ZoneId zone = zoneOf.apply(homeId);
            if (zone == null) {
                return; // a home not (yet) known to this process: its digest waits
            }
            days.forEach((day, lines) -> {
                if (!lines.isEmpty() && !done.contains(homeId + "/" + day) && !now.isBefore(dueAt(day, zone))) {
                    due.add(new Due(homeId, day, List.copyOf(lines.values())));
                }
            });
        });
        return due;
    }

    /** The digest of that home and day was handed to delivery (sent, or skipped as sent before). */
    public synchronized void done(String homeId, LocalDate day) {
        done.add(homeId + "/" + day);
    }

    private void remember(Line l) {
        pending.computeIfAbsent(l.homeId(), h -> new LinkedHashMap<>())
                .computeIfAbsent(l.day(), d -> new LinkedHashMap<>()).putIfAbsent(l.alertId(), l.text());
    }

    private static String json(Line l) {
        try {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("homeId", l.homeId());
            m.put("day", l.day().toString());
            m.put("alertId", l.alertId());
            m.put("line", l.text());
            return HearthJson.json().writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
