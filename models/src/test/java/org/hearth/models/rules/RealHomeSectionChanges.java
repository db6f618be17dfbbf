package org.hearth.models.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;

/**
 * Which parts of the hot value each event changes (issue 18: an untouched part need not be decoded or written again),
 * counted over the shared real home's replay (NEARS 0102) per event kind: the state before and after each event
 * (the deadlines before it, the event, time moved to it, as {@link RulesDriver#feed}), part by part, compared by value
 * (the blobs by their bytes against the home's kit; the open days also by {@link org.hearth.models.day.DayTracker#changes},
 * which decides whether their stored bytes are written again as they were read). A tool, not a test:
 * {@code java -cp <models test classpath> org.hearth.models.rules.RealHomeSectionChanges [from-day] [dir]}.
 */
public final class RealHomeSectionChanges {

    /** The parts, as the codec writes them; the safety scalars without the last message (every event moves it). */
    static final String[] PARTS = {"last message", "safety scalars", "sensor tracks (any)", "sensor tracks (>1)",
        "offline/battery/unavailable", "learned scalars", "tracker", "open days", "open days (changes count)", "limits", "watch scalars",
        "outings", "night slots + resident oks"};

    private static final Set<String> SAFETY_APART = Set.of("lastMessage", "sensors", "offline", "lowBattery", "unavailable");
    private static final Set<String> WATCH_APART = Set.of("outingStarts", "outingMinutes", "unusualSlots", "residentOks");

    private RealHomeSectionChanges() {}

    public static void main(String[] args) throws IOException {
        int fromDay = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Path.of(args.length > 1 ? args[1] : "../shared/data/real-homes-dev/nears0102");
        Home home = KitRegistry.load(dir.resolve("homes.yaml")).homes().get(0);
        RulesDriver driver = new RulesDriver(home, RuleSettings.DEFAULTS);
        KitStrings kit = new HomeRules(home, RuleSettings.DEFAULTS).kitStrings();
        Map<String, long[]> byKind = new TreeMap<>();
        Instant first = null;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("events.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                SensorEvent e = RealHomeEvents.parse(line);
                first = first == null ? e.ts() : first;
                boolean counted = java.time.Duration.between(first, e.ts()).toDays() >= fromDay;
                Object[] before = counted ? parts(driver.state, kit) : null;
                driver.feed(List.of(e));
                if (!counted) {
                    continue;
                }
                Object[] after = parts(driver.state, kit);
                long[] c = byKind.computeIfAbsent(e.kind().name(), k -> new long[PARTS.length + 1]);
                c[0]++;
                for (int i = 0; i < PARTS.length; i++) {
                    boolean changed = i == 3 ? changedTracks(before[i], after[i]) > 1
                            : !Objects.deepEquals(before[i], after[i]);
                    if (changed) {
                        c[i + 1]++;
                    }
                }
            }
        }
        long[] all = new long[PARTS.length + 1];
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "nears0102 from day %d: share of events that change each part of the hot value%n%-14s %7s", fromDay,
                "kind", "events"));
        for (String p : PARTS) {
            out.append(String.format(Locale.ROOT, " | %s", p));
        }
        out.append('\n');
        byKind.forEach((kind, c) -> {
            row(out, kind, c);
            for (int i = 0; i < c.length; i++) {
                all[i] += c[i];
            }
        });
        row(out, "all", all);
        System.out.print(out);
    }

    /** How many of the tracks differ (a track added or gone counts as one). */
    @SuppressWarnings("unchecked")
    private static long changedTracks(Object before, Object after) {
        List<String> a = (List<String>) before;
        List<String> b = (List<String>) after;
        Set<String> in = new java.util.HashSet<>(a);
        long changed = b.stream().filter(t -> !in.contains(t)).count();
        return changed + Math.max(0, a.size() - b.size());
    }

    private static void row(StringBuilder out, String kind, long[] c) {
        out.append(String.format(Locale.ROOT, "%-14s %7d", kind, c[0]));
        for (int i = 1; i < c.length; i++) {
            out.append(String.format(Locale.ROOT, " | %5.1f %%", 100.0 * c[i] / c[0]));
        }
        out.append('\n');
    }

    /** The state's parts as values to compare, in the order of {@link #PARTS}. */
    private static Object[] parts(HomeRulesState s, KitStrings kit) {
        SafetyState safety = s.safety;
        WatchState watch = s.learned.watch;
        List<String> tracks = safety.sensors.entrySet().stream().map(t -> t.getKey() + fields(t.getValue(), Set.of()))
                .toList();
        return new Object[] {
            safety.lastMessage,
            fields(safety, SAFETY_APART),
            tracks,
            tracks, // compared below by how many differ: see changedTracks
            List.of(safety.offline.toString(), safety.lowBattery.toString(), safety.unavailable.toString()),
            fields(s.learned, Set.of("watch")) + s.learnedFor + s.lastCareDay,
            s.learned.trackerRaw(kit),
            s.learned.daysRaw(kit),
            s.learned.live == null ? -1L : s.learned.live.days.changes(), // what keeps the days' stored bytes
            s.learned.limitsRaw(),
            fields(watch, WATCH_APART),
            List.of(watch.outingStarts.toString(), watch.outingMinutes.toString()),
            List.of(watch.unusualSlots.toString(), watch.residentOks.toString()),
        };
    }

    /** The public instance fields of {@code o} but {@code apart}, as text. */
    private static String fields(Object o, Set<String> apart) {
        StringBuilder b = new StringBuilder("{");
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || apart.contains(f.getName())) {
                continue;
            }
            try {
                Object v = f.get(o);
                b.append(f.getName()).append('=').append(v instanceof byte[] a ? Arrays.toString(a) : v).append(',');
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.append('}').toString();
    }
}
