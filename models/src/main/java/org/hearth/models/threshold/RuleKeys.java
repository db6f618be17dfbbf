package org.hearth.models.threshold;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.hearth.models.alert.Rule;

/** Which keys each behavioural rule accepts, and which of them are durations (stored in minutes). */
final class RuleKeys {

    static final Set<String> COMMON = Set.of("enabled", "quantile", "margin", "budget");
    private static final Map<Rule, Set<String>> EXTRA = new EnumMap<>(Rule.class);
    private static final Set<Rule> TIME_MARGIN = Set.of(Rule.NOT_UP, Rule.NO_KETTLE, Rule.STILLNESS,
            Rule.NOT_HOME, Rule.SLEEP_TREND);
    static final Set<String> DURATION_PARAMS = Set.of("bathroomMargin", "bathroomFallback", "fallback", "dayCeiling",
            "dayCeilingStretched");

    static {
        EXTRA.put(Rule.NOT_UP, Set.of());
        EXTRA.put(Rule.NO_KETTLE, Set.of());
        EXTRA.put(Rule.STILLNESS, Set.of("bathroomMargin", "bathroomFallback", "fallback", "minDays", "dayCeiling",
                "dayCeilingStretched"));
        EXTRA.put(Rule.NIGHT_DOOR, Set.of());
        EXTRA.put(Rule.NOT_HOME, Set.of("fallback"));
        EXTRA.put(Rule.NIGHT_ACTIVITY, Set.of("maxSlotProbability"));
        EXTRA.put(Rule.UNUSUAL_ROUTES, Set.of());
        EXTRA.put(Rule.UNUSUAL_DAY, Set.of());
        EXTRA.put(Rule.BATHROOM_TREND, Set.of("recentDays"));
        EXTRA.put(Rule.KETTLE_TREND, Set.of("recentDays"));
        EXTRA.put(Rule.SLEEP_TREND, Set.of("recentDays"));
    }

    private RuleKeys() {}

    static boolean tunable(Rule rule) {
        return EXTRA.containsKey(rule);
    }

    static boolean accepts(Rule rule, String key) {
        return COMMON.contains(key) || EXTRA.getOrDefault(rule, Set.of()).contains(key);
    }

    static boolean isDuration(Rule rule, String key) {
        return (key.equals("margin") && TIME_MARGIN.contains(rule)) || DURATION_PARAMS.contains(key);
    }

    static String keysOf(Rule rule) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(COMMON);
        all.addAll(EXTRA.getOrDefault(rule, Set.of()));
        return String.join(", ", all);
    }
}
