package org.hearth.simulator.emergency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.ProgressListener;

/**
 * What the inserter needs to know about a recording ({@code events.jsonl}), read in one pass: each
 * home's first and last event and the times it saw movement, every event's time (for outages), the
 * first line's time (the judge counts learning days from it) and the lines it could not read.
 * Memory is a few longs per event; the events themselves are not kept.
 */
public final class Recording {

    /**
     * One home's trace. {@code motion} holds the times of "motion on" readings, ascending;
     * {@code doorUses} the times of front-door readings and {@code inside} those of "motion on" past
     * the door ({@link Doorways}), both empty when the kit is not known.
     */
    public record HomeTrace(String homeId, Instant first, Instant last, long[] motion, long[] doorUses, long[] inside) {

        /** Whether the resident moved in {@code [at - within, at)}. */
        public boolean movedBefore(Instant at, Duration within) {
            long to = at.toEpochMilli();
            int k = firstAtOrAfter(motion, to - within.toMillis());
            return k < motion.length && motion[k] < to;
        }

        /**
         * Whether the front door was used in {@code [at - within, at)} and nothing moved past it since:
         * the resident has just gone out, or is at the door, not somewhere at home.
         */
        public boolean atTheDoor(Instant at, Duration within) {
            long to = at.toEpochMilli();
            int d = firstAtOrAfter(doorUses, to) - 1; // the last door use before {@code at}
            if (d < 0 || doorUses[d] < to - within.toMillis()) {
                return false;
            }
            int k = firstAtOrAfter(inside, doorUses[d] + 1);
            return k >= inside.length || inside[k] >= to;
        }

        private static int firstAtOrAfter(long[] times, long from) {
            int i = Arrays.binarySearch(times, from);
            int k = i >= 0 ? i : -i - 1;
            while (k > 0 && times[k - 1] == from) {
                k--; // binarySearch may land on any of several equal times
            }
            return k;
        }
    }

    private final Map<String, HomeTrace> homes;
    private final long[] times;
    private final Instant firstLine;
    private final long lines;
    private final List<String> unreadable;

    private Recording(Map<String, HomeTrace> homes, long[] times, Instant firstLine, long lines, List<String> unreadable) {
        this.homes = homes;
        this.times = times;
        this.firstLine = firstLine;
        this.lines = lines;
        this.unreadable = unreadable;
    }

    /**
     * Reads {@code events.jsonl}. Unreadable lines are counted and listed ({@code file:line:
     * reason}), not fatal; a file with no readable event is.
     *
     * @throws IllegalArgumentException when no line of the file is a readable event
     */
    public static Recording read(Path events, ProgressListener progress) throws IOException {
        return read(events, Doorways.NONE, progress);
    }

    /** Reads {@code events.jsonl}, with the homes' front doors and the motion past them from {@code doorways}. */
    public static Recording read(Path events, Doorways doorways, ProgressListener progress) throws IOException {
        ObjectMapper json = HearthJson.json();
        long size = Math.max(1, Files.size(events));
        Map<String, Builder> builders = new TreeMap<>();
        LongList times = new LongList();
        List<String> unreadable = new ArrayList<>();
        Instant firstLine = null;
        long lineNo = 0;
        long bytes = 0;
        long reported = 0;
        try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                bytes += line.length() + 1;
                if (line.isBlank()) {
                    continue;
                }
                SensorEvent e;
                try {
                    e = json.readValue(line, SensorEvent.class);
                } catch (IOException | RuntimeException ex) {
                    unreadable.add(events.getFileName() + ":" + lineNo + ": " + firstLine(ex.getMessage()));
                    continue;
                }
                if (firstLine == null) {
                    firstLine = e.ts();
                }
                long t = e.ts().toEpochMilli();
                times.add(t);
                Builder b = builders.computeIfAbsent(e.homeId(), Builder::new);
                b.first = Math.min(b.first, t);
                b.last = Math.max(b.last, t);
                b.add(e, doorways);
                if (bytes - reported > size / 100) {
                    reported = bytes;
                    progress.progress(Math.min(1.0, (double) bytes / size), times.size);
                }
            }
        }
        if (firstLine == null) {
            throw new IllegalArgumentException(events + ": no readable event in " + lineNo + " lines"
                    + (unreadable.isEmpty() ? "" : " (first problem: " + unreadable.get(0) + ")"));
        }
        Map<String, HomeTrace> traces = new TreeMap<>();
        builders.forEach((id, b) -> traces.put(id, b.build()));
        long[] sorted = times.sorted();
        return new Recording(Collections.unmodifiableMap(traces), sorted, firstLine, lineNo, List.copyOf(unreadable));
    }

    /** Builds a recording from events in memory (tests and small tools). */
    public static Recording of(List<SensorEvent> events) {
        return of(events, Doorways.NONE);
    }

    /** Builds a recording from events in memory, with the homes' doors (tests and small tools). */
    public static Recording of(List<SensorEvent> events, Doorways doorways) {
        Map<String, Builder> builders = new TreeMap<>();
        LongList times = new LongList();
        for (SensorEvent e : events) {
            long t = e.ts().toEpochMilli();
            times.add(t);
            Builder b = builders.computeIfAbsent(e.homeId(), Builder::new);
            b.first = Math.min(b.first, t);
            b.last = Math.max(b.last, t);
            b.add(e, doorways);
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one event");
        }
        Map<String, HomeTrace> traces = new TreeMap<>();
        builders.forEach((id, b) -> traces.put(id, b.build()));
        return new Recording(Collections.unmodifiableMap(traces), times.sorted(), events.get(0).ts(), events.size(), List.of());
    }

    public Map<String, HomeTrace> homes() {
        return homes;
    }

    /** The earliest event of the whole recording. */
    public Instant first() {
        return Instant.ofEpochMilli(times[0]);
    }

    /** The latest event of the whole recording. */
    public Instant last() {
        return Instant.ofEpochMilli(times[times.length - 1]);
    }

    /** The time of the file's first event line (what {@code score.py} counts learning days from). */
    public Instant firstLine() {
        return firstLine;
    }

    /** Whole days from the first event to the last (the {@code days} of {@code meta.json}). */
    public int days() {
        return (int) Duration.between(first(), last()).toDays();
    }

    public int events() {
        return times.length;
    }

    public long lines() {
        return lines;
    }

    public List<String> unreadable() {
        return unreadable;
    }

    /** Gaps of at least {@code gap} with no event from any home. */
    public List<Outage> outages(Duration gap) {
        return Outage.find(times, times.length, gap);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Builder {
        final String homeId;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final LongList motion = new LongList();
        final LongList doorUses = new LongList();
        final LongList inside = new LongList();

        Builder(String homeId) {
            this.homeId = homeId;
        }

        void add(SensorEvent e, Doorways doorways) {
            long t = e.ts().toEpochMilli();
            if (e.kind() == SensorKind.MOTION && e.isOn()) {
                motion.add(t);
                if (doorways.isInside(homeId, e.sensorId())) {
                    inside.add(t);
                }
            } else if (doorways.isFrontDoor(homeId, e.sensorId())) {
                doorUses.add(t);
            }
        }

        HomeTrace build() {
            return new HomeTrace(homeId, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), motion.sorted(),
                    doorUses.sorted(), inside.sorted());
        }
    }

    /** A growable array of longs (a boxed list would cost ~20 bytes more per event). */
    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
