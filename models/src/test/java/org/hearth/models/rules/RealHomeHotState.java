package org.hearth.models.rules;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;

/**
 * The hot value (issue 18: target 300 bytes) of the shared real home (NEARS 0102, 286 days), as the job stores it
 * (the baseline in its own value): the home's events through every rule as {@link RealHomeReplayTest} drives them,
 * the state written after every {@code every}-th event from day {@code from} on, part by part. A tool, not a test:
 * {@code java -cp <models test classpath> org.hearth.models.rules.RealHomeHotState [from-day] [every]}.
 */
public final class RealHomeHotState {

    private RealHomeHotState() {}

    public static void main(String[] args) throws IOException {
        int fromDay = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Path.of(args.length > 2 ? args[2] : "../shared/data/real-homes-dev/nears0102");
        Home home = KitRegistry.load(dir.resolve("homes.yaml")).homes().get(0);
        RulesDriver driver = new RulesDriver(home, RuleSettings.DEFAULTS);
        kit = new HomeRules(home, RuleSettings.DEFAULTS).kitStrings();
        Instant first = null;
        long n = 0;
        long samples = 0;
        long[] sum = new long[8];
        long[] max = new long[8];
        // the open days' parts kept apart as the job keeps them (DetectorStore: a keyed list, read when a day closes)
        List<byte[]> dayParts = new java.util.ArrayList<>();
        driver.state.learned.useDayPartsStore(() -> List.copyOf(dayParts));
        long spills = 0;
        long folds = 0;
        long foldedBytes = 0;
        long events = 0;
        int spillOver = Integer.getInteger("spill.entries", LearnedState.SPILL_ENTRIES); // to weigh another threshold
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("events.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                SensorEvent e = RealHomeEvents.parse(line);
                first = first == null ? e.ts() : first;
                driver.feed(List.of(e));
                LearnedState learned = driver.state.learned;
                if (learned.dayPartsFolded()) {
                    folds++;
                    for (byte[] p : dayParts) {
                        foldedBytes += p.length;
                    }
                    dayParts.clear();
                    learned.dayPartsForgotten();
                }
                byte[] part = learned.spillDays(spillOver);
                if (part != null) {
                    dayParts.add(part);
                    spills++;
                }
                events++;
                if (++n % every == 0 && Duration.between(first, e.ts()).toDays() >= fromDay) {
                    long[] parts = parts(driver.state);
                    for (int i = 0; i < parts.length; i++) {
                        sum[i] += parts[i];
                        max[i] = Math.max(max[i], parts[i]);
                    }
                    samples++;
                }
            }
        }
        String[] names = {"hot", "limits", "tracker", "open days", "sensor tracks (ids included)",
            "offline/battery/unavailable", "watch", "rest"};
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "nears0102, %d samples (every %d events from day %d, codec v%d): ", samples, every, fromDay,
                HomeRulesStateCodec.VERSION));
        for (int i = 0; i < names.length; i++) {
            out.append(String.format(Locale.ROOT, "%s%s %.0f B mean / %d max", i == 0 ? "" : ", ", names[i],
                    (double) sum[i] / samples, max[i]));
        }
        out.append(String.format(Locale.ROOT, "; open days' parts kept apart (over %d entries): %d parts over %,d events "
                + "(%.3f per event), %d folds at day close, %.0f B read per fold", spillOver, spills, events,
                (double) spills / events, folds, folds == 0 ? 0.0 : (double) foldedBytes / folds));
        System.out.println(out);
    }

    /**
     * The hot value's size and its parts: limits, tracker, open days (the blobs' own bytes), then what writing the value
     * without the sensor tracks, without the offline/battery/unavailable sets, without the watch state saves, the rest.
     */
    /** The home's kit strings: the value is written against them, as the job writes it (codec version 8). */
    private static org.hearth.models.encoding.KitStrings kit;

    private static long[] parts(HomeRulesState state) throws IOException {
        HomeRulesStateCodec.writeKit(state, kit);
        HomeRulesState hot = read(write(state));
        hot.learned.baselineKeptApart(); // as the job keeps it: in its own value
        int total = write(hot).length;
        int limits = len(hot.learned.limitsRaw());
        int tracker = len(hot.learned.trackerRaw(kit)); // as the hot value holds them (codec v8)
        int days = len(hot.learned.daysRaw(kit));
        HomeRulesState noSensors = read(write(hot));
        noSensors.learned.baselineKeptApart();
        noSensors.safety.sensors.clear();
        int sensors = total - write(noSensors).length;
        int others = total - without(hot, x -> {
            x.safety.offline.clear();
            x.safety.lowBattery.clear();
            x.safety.unavailable.clear();
        });
        int watch = total - without(hot, x -> x.learned.watch = new WatchState());
        return new long[] {total, limits, tracker, days, sensors, others, watch,
            total - limits - tracker - days - sensors - others - watch};
    }

    private static int without(HomeRulesState hot, java.util.function.Consumer<HomeRulesState> cut) throws IOException {
        HomeRulesState copy = read(write(hot));
        copy.learned.baselineKeptApart();
        cut.accept(copy);
        return write(copy).length;
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static byte[] write(HomeRulesState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(s, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static HomeRulesState read(byte[] b) throws IOException {
        HomeRulesState s = HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
        HomeRulesStateCodec.resolve(s, kit, () -> null);
        HomeRulesStateCodec.writeKit(s, kit);
        return s;
    }
}
