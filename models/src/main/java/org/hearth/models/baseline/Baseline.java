package org.hearth.models.baseline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;

/**
 * One resident's learned normal: the profiles of their most recent care days (default 28), and
 * everything rules ask of them. Keeping the days themselves (a few hundred bytes each, see
 * {@code state}) rather than running estimates makes every quantile exact, lets the window roll
 * (a slow drift is learned as old days fall out) and makes the result independent of history
 * beyond the window.
 *
 * <p>Times of day are compared on the care-day scale (minutes since the boundary), so quantiles
 * of bedtimes either side of midnight are right; answers are given back as local wall minutes.
 * Every query needs {@link #ready()} to be meaningful; before that, callers run only the fixed
 * safety rules. Not thread-safe.
 */
public final class Baseline {

    private final BaselineConfig config;
    private final TreeMap<LocalDate, DayProfile> days = new TreeMap<>();
    private final DayScorer scorer;
    private double[] looScores;
    private double[] looSurprises;
    /** Per half-hour slot, the days active in it: the night rules and their sleep windows ask each slot several times. */
    private int[] slotDays;
    /** Raised by every change, so a holder of the encoded form knows when it is stale. */
    private long version;

    public Baseline(BaselineConfig config) {
        this(config, new RobustZScorer());
    }

    public Baseline(BaselineConfig config, DayScorer scorer) {
        this.config = Objects.requireNonNull(config, "config");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /**
     * Learns a closed day. A day already present (a re-run) is replaced; the oldest days beyond
     * the window are forgotten.
     */
    public void add(DayProfile day) {
        version++;
        days.put(day.date(), day);
        while (days.size() > config.windowDays()) {
            days.pollFirstEntry();
        }
        looScores = null;
        looSurprises = null;
        slotDays = null;
    }

    public void addAll(Collection<DayProfile> profiles) {
        profiles.forEach(this::add);
    }

    /** Changes whenever the learned days change (never otherwise). */
    public long version() {
        return version;
    }

    /** Whether enough days have been learned for personal rules. */
    public boolean ready() {
        return days.size() >= config.minDays();
    }

    public int days() {
        return days.size();
    }

    public BaselineConfig config() {
        return config;
    }

    /** The window, oldest first. */
    public List<DayProfile> window() {
        return List.copyOf(days.values());
    }

    /** The last learned care day, if any. */
    public Optional<CareDay> lastDay() {
        return days.isEmpty() ? Optional.empty() : Optional.of(new CareDay(days.lastKey()));
    }

    // ---- time anchors -------------------------------------------------------------------

    /** The anchor's values on the care-day scale, for the days that had it. */
    private double[] careMinutes(Anchor anchor) {
        return days.values().stream().mapToInt(anchor::of).filter(m -> m >= 0)
                .mapToDouble(m -> CareDay.careMinute(m, config.boundary())).toArray();
    }

    /**
     * The anchor's values on the care-day scale, for the days that had it, with the days known to
     * have had it no earlier than a local minute ({@code atLeast}) counted as in
     * {@link #expect(Anchor, double, double, java.util.Map)}: what a rule calibrates its deadline on.
     */
    public double[] anchorCareMinutes(Anchor anchor, java.util.Map<LocalDate, Integer> atLeast) {
        return atLeast.isEmpty() ? careMinutes(anchor) : careMinutes(anchor, atLeast);
    }

    private double[] careMinutes(Anchor anchor, java.util.Map<LocalDate, Integer> atLeast) {
        List<Double> out = new ArrayList<>(days.size());
        for (DayProfile d : days.values()) {
            int m = anchor.of(d);
            Integer floor = atLeast.get(d.date());
            if (m < 0 && floor == null) {
                continue;
            }
            int care = m < 0 ? -1 : CareDay.careMinute(m, config.boundary());
            if (floor != null) {
                care = Math.max(care, CareDay.careMinute(floor, config.boundary()));
            }
            out.add((double) care);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The q-quantile of the anchor as a local wall minute (e.g. q = 0.9: "usually by"). */
    public OptionalDouble anchorQuantile(Anchor anchor, double q) {
        double[] v = careMinutes(anchor);
        if (v.length == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(CareDay.localMinute((int) Math.round(Quantiles.of(v, q)), config.boundary()));
    }

    /** Share of window days on which the anchor happened at or before this local minute. */
    public double shareByMinute(Anchor anchor, int localMinute) {
        return Quantiles.shareAtOrBelow(careMinutes(anchor), CareDay.careMinute(localMinute, config.boundary()));
    }

    /**
     * The usual time at quantile {@code q} and the deadline {@code marginMinutes} after it, for
     * "not up by", "no kettle by"; empty when the window never saw the anchor.
     */
    public Optional<AnchorExpectation> expect(Anchor anchor, double q, double marginMinutes) {
        return expect(anchor, q, marginMinutes, java.util.Map.of());
    }

    /**
     * As {@link #expect(Anchor, double, double)}, with some days known to have had the anchor no
     * earlier than a local minute ({@code atLeast}, by care day): the resident said "I'm OK" at that
     * minute with the anchor not yet seen. Such a day counts with the later of its own value and that
     * minute; a day without the anchor at all (no kettle that morning, usually left out) counts with
     * the minute. So a situation the resident keeps calling normal moves the deadline later.
     */
    public Optional<AnchorExpectation> expect(Anchor anchor, double q, double marginMinutes,
            java.util.Map<LocalDate, Integer> atLeast) {
        double[] v = atLeast.isEmpty() ? careMinutes(anchor) : careMinutes(anchor, atLeast);
        if (v.length == 0) {
            return Optional.empty();
        }
        int usualCare = (int) Math.round(Quantiles.of(v, q));
        int deadlineCare = (int) Math.min(1439, Math.round(usualCare + marginMinutes));
        return Optional.of(new AnchorExpectation(anchor, CareDay.localMinute(usualCare, config.boundary()),
                CareDay.localMinute(deadlineCare, config.boundary()), Quantiles.shareAtOrBelow(v, usualCare),
                v.length));
    }

    // ---- counts and durations -----------------------------------------------------------

    public double[] values(DayMeasure measure) {
        return days.values().stream().mapToDouble(measure::of).toArray();
    }

    /** The q-quantile of a count or duration (durations in minutes). */
    public OptionalDouble quantile(DayMeasure measure, double q) {
        double[] v = values(measure);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Quantiles.of(v, q));
    }

    /** Share of window days with the measure at or below {@code x}. */
    public double shareAtOrBelow(DayMeasure measure, double x) {
        return Quantiles.shareAtOrBelow(values(measure), x);
    }

    /**
     * The q-quantile, in seconds, of the daily longest stillness in {@code room} during
     * {@code band}, over the days on which the resident was still there at all; empty when fewer
     * than {@code minDays} such days (callers fall back to a cohort default).
     */
    public OptionalDouble stillnessQuantile(String room, TimeBand band, double q, int minDays) {
        RoomBand key = new RoomBand(room, band);
        double[] v = days.values().stream().map(d -> d.stillness().get(key)).filter(Objects::nonNull)
                .mapToDouble(Integer::doubleValue).toArray();
        return v.length < Math.max(1, minDays) ? OptionalDouble.empty() : OptionalDouble.of(Quantiles.of(v, q));
    }

    /** The recent {@code recentDays} against the days before them. */
    public TrendStats trend(DayMeasure measure, int recentDays, double q) {
        double[] v = values(measure);
        int recent = Math.min(recentDays, v.length);
        double[] prior = java.util.Arrays.copyOfRange(v, 0, v.length - recent);
        double mean = 0;
        for (int i = v.length - recent; i < v.length; i++) {
            mean += v[i] / recent;
        }
        return prior.length == 0
                ? new TrendStats(measure, recent, mean, Double.NaN, Double.NaN, Double.NaN, 0)
                : new TrendStats(measure, recent, mean, Quantiles.of(prior, 1 - q), Quantiles.median(prior),
                        Quantiles.of(prior, q), prior.length);
    }

    // ---- activity profile ---------------------------------------------------------------

    /** Probability that the resident is active in local half-hour slot {@code slot} (0-47). */
    public double slotProbability(int slot) {
        if (days.isEmpty()) {
            return 0;
        }
        if (slotDays == null) {
            int[] counts = new int[DayProfile.SLOTS];
            for (DayProfile d : days.values()) {
                for (int s = 0; s < counts.length; s++) {
                    if (d.active(s)) {
                        counts[s]++;
                    }
                }
            }
            slotDays = counts;
        }
        return (double) slotDays[slot] / days.size();
    }

    // ---- routes -------------------------------------------------------------------------

    /** The room-transition model of the whole window. */
    public TransitionModel routes() {
        return new TransitionModel(days.values());
    }

    /** How surprising a day's routes are against the window (bits per move). */
    public double routeSurprise(DayProfile day) {
        return new TransitionModel(others(day.date())).surprise(day);
    }

    /**
     * The q-quantile of the window days' own route surprise, each scored against the other days:
     * the edge of normal for the unusual-routes rule.
     */
    public double routeSurpriseQuantile(double q) {
        if (looSurprises == null) {
            looSurprises = TransitionModel.leaveOneOutSurprises(days.values()); // each day against the others
        }
        return Quantiles.of(looSurprises, q);
    }

    // ---- whole day ----------------------------------------------------------------------

    /** How unusual a whole day is against the window (the day itself left out), and why. */
    public DayScore scoreDay(DayProfile day) {
        List<double[]> window = new ArrayList<>();
        for (DayProfile d : others(day.date())) {
            window.add(DayFeatures.of(d, config.boundary()));
        }
        return scorer.score(window, DayFeatures.of(day, config.boundary()));
    }

    /** The q-quantile of the window days' own scores (each left out of its reference). */
    public double dayScoreQuantile(double q) {
        if (looScores == null) {
            looScores = days.values().stream().mapToDouble(d -> scoreDay(d).score()).toArray();
        }
        return Quantiles.of(looScores, q);
    }

    /** The window days' own day scores, each against the others (for the unusual-day budget). */
    public double[] dayScores() {
        dayScoreQuantile(0.5);
        return looScores.clone();
    }

    /** The window days' own route surprises, each against the others (for the unusual-routes budget). */
    public double[] routeSurprises() {
        routeSurpriseQuantile(0.5);
        return looSurprises.clone();
    }

    private List<DayProfile> others(LocalDate date) {
        List<DayProfile> out = new ArrayList<>(days.size());
        for (DayProfile d : days.values()) {
            if (!d.date().equals(date)) {
                out.add(d);
            }
        }
        return out;
    }
}
