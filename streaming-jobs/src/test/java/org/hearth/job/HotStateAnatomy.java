package org.hearth.job;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.encoding.Varints;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.SafetyState;
import org.hearth.models.rules.WatchState;

/**
 * What the hot detector value (issue 18: target 300 bytes) is made of, part by part, on the same 28-day templates
 * {@link ScaleBench} builds: each part's share is measured by writing the value without it. A tool, not a test:
 * {@code java -cp ... org.hearth.job.HotStateAnatomy [templates]}.
 */
public final class HotStateAnatomy {

    private HotStateAnatomy() {}

    public static void main(String[] args) throws Exception {
        int templates = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ScaleBench.copies = 1;
        ScaleBench.buildTemplates(templates);
        ScaleBench.peakSeeds(ScaleBench.live.length / 2);
        report("live day's start", ScaleBench.seeds);
        report("mid live day", ScaleBench.peakSeeds);
        int loops = Integer.getInteger("anatomy.loops", 0);
        if (loops > 0) {
            perEvent(loops);
        }
        if (Boolean.getBoolean("anatomy.limits")) { // what the limits hold, for one template
            java.lang.reflect.Method m = org.hearth.models.rules.LearnedState.class.getDeclaredMethod("limits", java.util.List.class);
            m.setAccessible(true);
            java.util.List<String> rooms = ScaleBench.rules[0].home().sensors().stream()
                    .map(org.hearth.models.registry.Sensor::room).filter(java.util.Objects::nonNull).distinct().sorted().toList();
            Object limits = m.invoke(ScaleBench.seeded(0, ScaleBench.seeds[0]).rules.learned, rooms);
            System.out.println(limits);
            java.lang.reflect.Method watch = limits.getClass().getDeclaredMethod("watch");
            watch.setAccessible(true);
            Object w = watch.invoke(limits);
            java.lang.reflect.Method st = w.getClass().getDeclaredMethod("stillness");
            st.setAccessible(true);
            ((Map<?, ?>) st.invoke(w)).forEach((room, byBand) ->
                    System.out.println(room + " " + java.util.Arrays.toString((Object[]) byBand)));
        }
        System.exit(0);
    }

    private static void report(String when, byte[][] seeds) throws IOException, IllegalAccessException {
        for (int i = 0; i < seeds.length; i++) {
            DetectorState s = ScaleBench.seeded(i, seeds[i]);
            HomeRulesState r = s.rules;
            int total = seeds[i].length;
            byte[] limits = r.learned.limitsRaw();
            byte[] tracker = r.learned.trackerRaw(ScaleBench.rules[i].kitStrings()); // as the hot value holds them
            byte[] days = r.learned.daysRaw(ScaleBench.rules[i].kitStrings());
            int sensors = without(s, x -> x.rules.safety.sensors.clear());
            int others = without(s, x -> {
                x.rules.safety.offline.clear();
                x.rules.safety.lowBattery.clear();
                x.rules.safety.unavailable.clear();
            });
            int watch = without(s, x -> x.rules.learned.watch = new WatchState());
            int ids = 0;
            for (String id : r.safety.sensors.keySet()) {
                ids += 2 + id.length();
            }
            System.out.printf(Locale.ROOT, "%s, template %d: hot %d B = limits %d (%s) + tracker %d (%s) + open days %d (%s) "
                            + "+ safety sensor tracks %d (%d sensors, ids %d B) + offline/battery/unavailable %d + watch %d + rest %d; "
                            + "non-null instants %d%n",
                    when, i, total, len(limits), table(limits), len(tracker), table(tracker), len(days), table(days), sensors,
                    r.safety.sensors.size(), ids, others, watch,
                    total - len(limits) - len(tracker) - len(days) - sensors - others - watch, instants(r));
        }
    }

    /**
     * The detector's per-event path as {@code HomeDetector.onTimer} takes it on RocksDB, in one thread: each live-day
     * event of each template against the state stored after the previous one (read, care day, event, time, next
     * deadline, write; the open days' parts kept apart as {@link DetectorStore} keeps them). Prints µs per event, the
     * hot value's mean size over the live day, the parts added per event, and with {@code -XX:StartFlightRecording}
     * shows where the time goes.
     */
    private static void perEvent(int loops) {
        int templates = ScaleBench.seeds.length;
        org.hearth.models.rules.HomeRules[] own = new org.hearth.models.rules.HomeRules[templates];
        for (int i = 0; i < templates; i++) {
            own[i] = new org.hearth.models.rules.HomeRules(ScaleBench.rules[i].home(), ScaleBench.ruleSettings);
        }
        for (int loop = 0; loop < loops; loop++) {
            byte[][] stored = ScaleBench.seeds.clone();
            byte[][][] parts = ScaleBench.partSeeds.clone();
            long t0 = System.nanoTime();
            long bytes = 0;
            long added = 0;
            for (int e = 0; e < ScaleBench.live.length; e++) {
                int i = ScaleBench.liveTemplate[e];
                var event = ScaleBench.live[e];
                DetectorState s = ScaleBench.seeded(i, stored[i], parts[i]);
                own[i].enterCareDay(s.rules, event.ts());
                own[i].onEvent(s.rules, event);
                own[i].advanceTo(s.rules, event.ts());
                own[i].nextDeadline(s.rules);
                if (s.rules.learned.baselineUnsaved()) { // a day close: the baseline goes to its own value
                    s.rules.learned.baselineSaved();
                    if (loop == 0) {
                        System.out.printf("template %d learned a day at %s (live event %d of %d, the first at %s, %s)%n", i,
                                event.ts(), e, ScaleBench.live.length, ScaleBench.live[0].ts(), ScaleBench.rules[i].home().zone());
                    }
                }
                int before = s.rules.learned.dayPartsFolded() ? 0 : parts[i].length;
                parts[i] = ScaleBench.spill(i, s, parts[i]);
                added += Math.max(0, parts[i].length - before);
                stored[i] = ScaleBench.write(s);
                bytes += stored[i].length;
            }
            double us = (System.nanoTime() - t0) / 1e3 / ScaleBench.live.length;
            System.out.printf(Locale.ROOT, "per event (read, rules, write; one thread): %.1f µs over %,d events; hot value %d B mean; "
                            + "open days' parts added %.3f per event%n",
                    us, ScaleBench.live.length, bytes / ScaleBench.live.length, (double) added / ScaleBench.live.length);
        }
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** A StateCodec blob's string table: count and bytes; for the limits blob, nothing. */
    private static String table(byte[] b) throws IOException {
        if (b == null || b[0] == 'L') {
            return "-";
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        in.readByte();
        int version = in.readByte();
        int n = Varints.readInt(in);
        int bytes = 0;
        StringBuilder names = new StringBuilder();
        for (int k = 0; k < n; k++) {
            String s;
            if (version >= 3) { // a varint length and UTF-8
                byte[] utf8 = new byte[Varints.readInt(in)];
                in.readFully(utf8);
                s = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
                bytes += 1 + utf8.length;
            } else {
                s = in.readUTF();
                bytes += 2 + s.length();
            }
            names.append(k == 0 ? "" : ",").append(s);
        }
        return "strings " + n + " " + bytes + " B [" + names + "]";
    }

    private static int without(DetectorState s, java.util.function.Consumer<DetectorState> cut) {
        DetectorState copy = ScaleBench.read(ScaleBench.write(s));
        try {
            org.hearth.models.rules.HomeRulesStateCodec.resolveCopy(copy.rules, s.rules); // with the kit s was written against
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        copy.rules.learned.baselineKeptApart();
        int before = ScaleBench.write(copy).length;
        cut.accept(copy);
        return before - ScaleBench.write(copy).length;
    }

    private static int instants(HomeRulesState r) throws IllegalAccessException {
        int n = 0;
        for (Object o : new Object[] {r.safety, r.learned, r.learned.watch}) {
            for (java.lang.reflect.Field f : o.getClass().getFields()) {
                if (f.getType() == Instant.class && f.get(o) != null) {
                    n++;
                }
            }
        }
        for (SafetyState.SensorTrack t : r.safety.sensors.values()) {
            n += t.lastSeen != null ? 1 : 0;
        }
        for (Map.Entry<String, Instant> e : r.safety.offline.entrySet()) {
            n++;
        }
        return n;
    }
}
