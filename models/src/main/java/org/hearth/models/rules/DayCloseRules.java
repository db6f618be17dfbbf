package org.hearth.models.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.hearth.models.baseline.TailBudget;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.DayMeasure;
import org.hearth.models.baseline.TransitionModel;
import org.hearth.models.baseline.TrendStats;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.Transition;
import org.hearth.models.explain.Explanation;
import org.hearth.models.explain.Explanations;
import org.hearth.models.registry.Home;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;

/**
 * The rules judged once a care day has closed: {@code unusual-routes} (warning) and the three
 * trends, {@code bathroom-trend}, {@code kettle-trend} and {@code sleep-trend} (trend severity,
 * for the daily digest). Each raises once and clears at a later close when the day (routes) or the
 * week (trends) is back within normal.
 *
 * <ul>
 * <li>{@code unusual-routes}: the closed day's route surprise against the window (bits per move,
 *     {@link Baseline#routeSurprise}) above the window's own {@code quantile} plus {@code margin}
 *     (bits). Judged before the baseline learns the day, on days with at least {@link #MIN_MOVES}
 *     moves (a day spent in one chair says nothing about routes). The explanation names the moves
 *     that contributed most surprise.
 * <li>trends: the mean of the last {@code recentDays} (default 7) against the earlier days in the
 *     window ({@link Baseline#trend}), judged after the baseline learns the day. Bathroom visits
 *     rising above the earlier {@code quantile} by more than {@code margin} visits; kettle boils
 *     falling below the earlier {@code 1 - quantile} by more than {@code margin}; time in bed falling
 *     below it by more than {@code margin} minutes. Judged only with at least the baseline's
 *     minimum days before the recent ones. Cleared when the recent mean is back inside the earlier
 *     quantile (without the margin, so that it does not flap). A lasting change rolls into the
 *     window over four weeks and becomes the new normal; it is reported while it is new.
 * </ul>
 */
final class DayCloseRules {

    /** A day with fewer room changes than this is not judged for routes. */
    static final int MIN_MOVES = 5;
    /** The smallest tail scale of route surprise, in bits per move. */
    static final double ROUTE_RESOLUTION = 0.1;
    private static final int TOP_MOVES = 2;

    private final RuleSettings routes;
    private final RuleSettings bathroomTrend;
    private final RuleSettings kettleTrend;
    private final RuleSettings sleepTrend;

    DayCloseRules(Home home, Thresholds thresholds) {
        this.routes = thresholds.settings(Rule.UNUSUAL_ROUTES, home);
        this.bathroomTrend = thresholds.settings(Rule.BATHROOM_TREND, home);
        this.kettleTrend = thresholds.settings(Rule.KETTLE_TREND, home);
        this.sleepTrend = thresholds.settings(Rule.SLEEP_TREND, home);
    }

    /** Routes: the day against the window that has not learned it yet. */
    void beforeLearning(WatchState s, Baseline baseline, DayProfile day, Instant now, List<RuleOutcome> out) {
        if (!baseline.ready() || !routes.enabled() || day.transitionCount() < MIN_MOVES) {
            return;
        }
        double surprise = baseline.routeSurprise(day);
        double limit = routesLimit(baseline);
        if (surprise > limit && !s.routesRaised) {
            s.routesRaised = true;
            TransitionModel model = baseline.routes();
            List<Transition> top = topMoves(model, day);
            List<Integer> seen = top.stream().map(model::seen).toList();
            out.add(RuleOutcome.raise(Rule.UNUSUAL_ROUTES, now,
                    Explanations.unusualRoutes(top, seen, baseline.days())));
        } else if (surprise <= limit && s.routesRaised) {
            s.routesRaised = false;
            out.add(RuleOutcome.clear(Rule.UNUSUAL_ROUTES, now, Explanation.of("usual routes between rooms",
                    "usual routes again on " + day.date())));
        }
    }

    /**
     * The route surprise (bits per move) beyond which a day is unusual: with a {@code budget}, the
     * level the window days' own surprises would cross at that rate; else their {@code quantile} plus
     * {@code margin}. Also shown in the learning status.
     */
    double routesLimit(Baseline baseline) {
        double budget = routes.param("budget", 0);
        return budget > 0
                ? TailBudget.level(baseline.routeSurprises(), baseline.days(), budget / 30.0, ROUTE_RESOLUTION)
                : baseline.routeSurpriseQuantile(routes.quantile()) + routes.margin();
    }

    /** The trend rules' settings, by rule: for the learning status. */
    RuleSettings trendSettings(Rule rule) {
        return switch (rule) {
            case BATHROOM_TREND -> bathroomTrend;
            case KETTLE_TREND -> kettleTrend;
            case SLEEP_TREND -> sleepTrend;
            default -> throw new IllegalArgumentException("not a trend: " + rule);
        };
    }

    /** The day's moves by the surprise they contributed (count times bits), most first. */
    static List<Transition> topMoves(TransitionModel model, DayProfile day) {
        List<Map.Entry<Transition, Integer>> moves = new ArrayList<>(day.transitions().entrySet());
        moves.sort(Comparator.comparingDouble((Map.Entry<Transition, Integer> e) ->
                -e.getValue() * -Math.log(model.probability(e.getKey()))).thenComparing(Map.Entry::getKey));
        return moves.stream().limit(TOP_MOVES).map(Map.Entry::getKey).toList();
    }

    /** Trends: the last week, the closed day included, against the weeks before. */
    void afterLearning(WatchState s, Baseline baseline, DayProfile day, Instant now, List<RuleOutcome> out) {
        if (!baseline.ready()) {
            return;
        }
        s.bathroomTrendRaised = trend(baseline, bathroomTrend, DayMeasure.BATHROOM_VISITS, true,
                s.bathroomTrendRaised, now, out);
        s.kettleTrendRaised = trend(baseline, kettleTrend, DayMeasure.KETTLE_BOILS, false,
                s.kettleTrendRaised, now, out);
        s.sleepTrendRaised = trend(baseline, sleepTrend, DayMeasure.TIME_IN_BED, false,
                s.sleepTrendRaised, now, out);
    }

    /**
     * The budget-calibrated edge of a weekly mean: the level the means of every run of
     * {@code recentDays} consecutive earlier days would cross (upwards when rising, downwards when
     * falling) at {@code budget} alerts per 30 days. A person whose weeks vary a lot (bathroom
     * visits that a sensor sometimes misses) gets a wide edge; a steady one a narrow edge, never
     * narrower than the measure's {@code resolution} (its smallest meaningful spread). Empty
     * with fewer than two earlier weeks.
     */
    static OptionalDouble weeklyEdge(double[] byDay, int recentDays, boolean rising, double budget,
            double resolution) {
        int prior = byDay.length - recentDays;
        if (recentDays < 1 || prior < 2 * recentDays) {
            return OptionalDouble.empty();
        }
        double[] means = new double[prior - recentDays + 1];
        for (int i = 0; i < means.length; i++) {
            double sum = 0;
            for (int j = i; j < i + recentDays; j++) {
                sum += byDay[j];
            }
            means[i] = rising ? sum / recentDays : -sum / recentDays;
        }
        // Overlapping runs: about one independent week per recentDays runs, one run a day
        double level = TailBudget.level(means, means.length, budget / 30.0, resolution);
        return OptionalDouble.of(rising ? level : -level);
    }

    /**
     * The weekly mean beyond which a trend is raised (above it when {@code rising}, else below): with
     * a {@code budget} the {@link #weeklyEdge}, else the earlier days' {@code quantile} (its
     * {@code 1 - quantile} when falling) plus (minus) {@code margin}. Empty while there are too few
     * earlier days to judge. Also shown in the learning status.
     */
    static OptionalDouble trendEdge(Baseline baseline, RuleSettings settings, DayMeasure measure, boolean rising) {
        TrendStats t = baseline.trend(measure, (int) settings.param("recentDays", 7), settings.quantile());
        if (t.priorDays() < baseline.config().minDays()) {
            return OptionalDouble.empty();
        }
        double budget = settings.param("budget", 0);
        if (budget > 0) {
            return weeklyEdge(baseline.values(measure), t.recentDays(), rising, budget, measure.minSpread());
        }
        return OptionalDouble.of(rising ? t.priorHigh() + settings.margin() : t.priorLow() - settings.margin());
    }

    /** Returns whether the trend is raised afterwards. */
    private static boolean trend(Baseline baseline, RuleSettings settings, DayMeasure measure, boolean rising,
            boolean raised, Instant now, List<RuleOutcome> out) {
        if (!settings.enabled()) {
            return raised;
        }
        TrendStats t = baseline.trend(measure, (int) settings.param("recentDays", 7), settings.quantile());
        OptionalDouble edge = trendEdge(baseline, settings, measure, rising);
        if (edge.isEmpty()) {
            return raised;
        }
        boolean beyond = rising ? t.recentMean() > edge.getAsDouble() : t.recentMean() < edge.getAsDouble();
        boolean back = rising ? t.recentMean() <= t.priorHigh() : t.recentMean() >= t.priorLow();
        if (beyond && !raised) {
            out.add(RuleOutcome.raise(settings.rule(), now, Explanations.trend(t)));
            return true;
        }
        if (back && raised) {
            out.add(RuleOutcome.clear(settings.rule(), now, Explanations.trendBack(t)));
            return false;
        }
        return raised;
    }
}
