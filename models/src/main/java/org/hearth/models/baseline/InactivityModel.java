package org.hearth.models.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;

/**
 * How long this person is usually without any sign of life, given the room they were last seen in
 * and the time of day, and where a silence stops being believable for them: the learned part of the
 * {@code stillness} ("possible fall") rule.
 *
 * <p><b>Model.</b> Every at-home, out-of-bed silence of at least {@link DayProfile#SILENCE_MINUTES}
 * on the learned days ({@link DayProfile#silences()}) is one observation of its context (room, time
 * band of its start). Per context the excess over that minimum is modelled as exponential (a
 * survival curve {@code S(t) = exp(-(t - 10) / scale)}), with the scale estimated robustly
 * ({@link TailBudget#scale}) and shrunk towards its time band's (all rooms), and the band's towards the
 * whole home's, by {@link #SHRINK} pseudo-silences: a context seen a few times borrows from the
 * coarser one. The band, not the room, is the parent: without a bed sensor the bedroom's nights are
 * its longest silences, and a bedroom by day shrunk towards them waited three hours on a real home
 * (Floeck &amp; Litz 2009 kept one inactivity maximum per hour; Wilhelm &amp; Wahl 2024 one
 * probability per hour; here the room and the hour both count, and the tail is fitted, not its
 * maximum taken).
 *
 * <p><b>Calibration (the person's false-alert budget).</b> If the person has {@code r} such silences
 * a day and this rule may raise {@code b} false alerts per 30 days, every silence gets the same
 * probability {@code p = b / (30 r)} of outliving its limit, so over days like the learned ones the
 * rule raises {@code b} per 30 days: limit = 10 min + scale x ln(1/p). A context with long silences
 * (the bedroom at night without a bed sensor, the living room after lunch) gets a long limit; the
 * bathroom at noon, where this person is never still for long, a short one. Nothing is fixed per
 * room or per platform: a home without a bed sensor learns its nights as long bedroom silences.
 *
 * <p>Built from the baseline's window at day close (the learned part changes only then); the live
 * state it needs per event is the tracker's last sign of life and room.
 */
public final class InactivityModel {

    /** A learned silence this many times its context's limit is taken for an emergency, not learned. */
    static final double OUTLIER = 1.5;

    /** Pseudo-observations by which a context is shrunk towards its coarser one. */
    public static final double SHRINK = 10;
    /** The smallest tail scale (minutes): the resolution of the model. */
    static final double MIN_SCALE = 1;
    /** A limit is never shorter than this many minutes (twice the smallest silence modelled). */
    public static final double MIN_LIMIT = 2.0 * DayProfile.SILENCE_MINUTES;

    /** One context's learned limit. */
    public record Limit(double minutes, double usualMinutes, int silences) {}

    private final int days;
    private final double perSilence;
    private final Tail homeScale;
    private final Map<TimeBand, Tail> bandScale;
    private final Map<RoomBand, Tail> scale;
    private final Map<RoomBand, Double> usual;
    private final Map<RoomBand, Integer> counts;

    private InactivityModel(int days, double perSilence, Tail homeScale, Map<TimeBand, Tail> bandScale,
            Map<RoomBand, Tail> scale, Map<RoomBand, Double> usual, Map<RoomBand, Integer> counts) {
        this.days = days;
        this.perSilence = perSilence;
        this.homeScale = homeScale;
        this.bandScale = bandScale;
        this.scale = scale;
        this.usual = usual;
        this.counts = counts;
    }

    /**
     * The model of a window of days, calibrated so that over such days it would raise
     * {@code alertsPer30Days}; empty when the window holds no silence at all.
     */
    public static Optional<InactivityModel> of(List<DayProfile> window, double alertsPer30Days) {
        return of(window, alertsPer30Days, key -> true);
    }

    /**
     * As {@link #of(List, double)}, with the budget spread over the silences of the contexts the rule
     * judges only: silences it leaves to another rule (a bedroom at night without a bed sensor: sleep)
     * cannot raise, so they take no share of it. Their lengths still inform the coarser contexts' tails.
     */
    public static Optional<InactivityModel> of(List<DayProfile> window, double alertsPer30Days,
            java.util.function.Predicate<RoomBand> judged) {
        Map<RoomBand, List<Double>> byContext = new TreeMap<>();
        for (DayProfile d : window) {
            d.silences().forEach((key, minutes) -> {
                for (int m : minutes) {
                    byContext.computeIfAbsent(key, k -> new ArrayList<>()).add((double) Math.max(0, m - DayProfile.SILENCE_MINUTES));
                }
            });
        }
        if (byContext.isEmpty() || window.isEmpty()) {
            return Optional.empty();
        }
        InactivityModel first = fit(window.size(), byContext, alertsPer30Days, judged);
        // What the model itself would have raised, and by far, is not learned as normal: a past emergency
        // (six hours on the bathroom floor) in the window would otherwise set the bathroom's limit for four
        // weeks (on a real home: 4 h 20 min in a bathroom at noon, two weeks after such a silence there).
        // Only silences beyond OUTLIER times the limit: trimming every raised one shortened the tails of
        // normal days too (a synthetic routine's stillness raises doubled, to 1.9 per 30 days; at 1.5 times
        // they do not, and the real home finds 0.70 of its emergencies within 3 h instead of 0.85).
        Map<RoomBand, List<Double>> normal = new TreeMap<>();
        int[] trimmed = {0};
        byContext.forEach((key, v) -> {
            double limit = OUTLIER * first.limit(key.room(), key.band()).minutes() - DayProfile.SILENCE_MINUTES;
            List<Double> kept = v.stream().filter(x -> x <= limit).toList();
            trimmed[0] += v.size() - kept.size();
            if (!kept.isEmpty()) {
                normal.put(key, kept);
            }
        });
        // Nothing trimmed (the usual window, without a past emergency): the same silences would fit the same model.
        return Optional.of(normal.isEmpty() || trimmed[0] == 0 ? first : fit(window.size(), normal, alertsPer30Days, judged));
    }

    private static InactivityModel fit(int days, Map<RoomBand, List<Double>> byContext, double alertsPer30Days,
            java.util.function.Predicate<RoomBand> judged) {
        Map<TimeBand, List<Double>> byBand = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        int judgedSilences = 0;
        for (Map.Entry<RoomBand, List<Double>> e : byContext.entrySet()) {
            byBand.computeIfAbsent(e.getKey().band(), k -> new ArrayList<>()).addAll(e.getValue());
            all.addAll(e.getValue());
            judgedSilences += judged.test(e.getKey()) ? e.getValue().size() : 0;
        }
        Tail home = Tail.of(array(all), null);
        Map<TimeBand, Tail> bands = new HashMap<>();
        byBand.forEach((band, v) -> bands.put(band, Tail.of(array(v), home)));
        Map<RoomBand, Tail> scales = new HashMap<>();
        Map<RoomBand, Double> usual = new HashMap<>();
        Map<RoomBand, Integer> counts = new HashMap<>();
        byContext.forEach((key, v) -> {
            double[] sorted = array(v);
            scales.put(key, Tail.of(sorted, bands.get(key.band()))); // sorts it
            usual.put(key, DayProfile.SILENCE_MINUTES + Quantiles.sorted(sorted, 0.8));
            counts.put(key, v.size());
        });
        double perDay = Math.max(1, judgedSilences) / (double) days;
        double budgetPerDay = Math.max(1e-6, alertsPer30Days) / 30.0;
        double p = Math.min(1, budgetPerDay / perDay);
        return new InactivityModel(days, p, home, bands, scales, usual, counts);
    }

    /**
     * The upper tail of a context's silences (excess minutes over the modelled minimum): beyond
     * {@code u}, the 90th percentile, exponential with scale {@code scale} (the median excess over
     * {@code u} / ln 2, so that one six-hour emergency among them barely moves it). Fitted to the top
     * tenth, not to all silences: a person's silences are a mixture (sitting still a few minutes
     * between movements; now and then a nap in the chair), and a tail fitted to all of them is the
     * sitting's, short, so every nap alerted (on the simulator, 346 false alerts in living rooms).
     * Both numbers are shrunk towards the coarser context's by {@link #SHRINK} pseudo-silences.
     */
    record Tail(double u, double scale) {
        /** {@code x} is sorted in place (what else it is used for may then read it sorted). */
        static Tail of(double[] x, Tail parent) {
            java.util.Arrays.sort(x);
            double u = Quantiles.sorted(x, TOP);
            // sorted as x is (what lies beyond u, less u): its median without another sort
            double[] beyond = java.util.Arrays.stream(x).filter(v -> v > u).map(v -> v - u).toArray();
            double s = beyond.length == 0 ? MIN_SCALE : Math.max(MIN_SCALE, Quantiles.sorted(beyond, 0.5) / Math.log(2));
            if (parent == null) {
                return new Tail(u, s);
            }
            double n = x.length;
            return new Tail((u * n + SHRINK * parent.u) / (n + SHRINK),
                    (s * n + SHRINK * parent.scale) / (n + SHRINK)); // the whole context informs its tail
        }

        /** Minutes beyond the modelled minimum that a silence outlives with probability {@code p}. */
        double excessAt(double p) {
            return p >= 1 - TOP ? u : u + scale * Math.log((1 - TOP) / p);
        }
    }

    /** The quantile beyond which the tail is fitted. */
    static final double TOP = 0.9;

    private static double[] array(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The limit for a silence that began in {@code room} during {@code band}: a context never seen
     * uses its time band's scale (all rooms), a band never seen the home's.
     */
    public Limit limit(String room, TimeBand band) {
        RoomBand key = new RoomBand(room, band);
        Tail t = scale.getOrDefault(key, bandScale.getOrDefault(band, homeScale));
        double minutes = Math.max(MIN_LIMIT, DayProfile.SILENCE_MINUTES + t.excessAt(perSilence));
        return new Limit(minutes, usual.getOrDefault(key, (double) DayProfile.SILENCE_MINUTES),
                counts.getOrDefault(key, 0));
    }

    /** The chance that any one silence outlives its limit (the budget spread over the silences). */
    public double perSilence() {
        return perSilence;
    }

    /** The days the model was learned from. */
    public int days() {
        return days;
    }
}
