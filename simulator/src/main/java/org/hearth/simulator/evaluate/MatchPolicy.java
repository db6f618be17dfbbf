package org.hearth.simulator.evaluate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.hearth.models.alert.Rule;
import org.hearth.simulator.anomaly.AnomalyType;

/**
 * Which alerts count for which label: an alert counts for a label when it is for the same home, its
 * rule is one of the label type's rules, and it was raised within the type's window after the
 * label's start ({@code start <= at <= start + window}).
 *
 * <p>Rules that no label type lists ({@link #unscored()}: battery-low and Hearth watching itself)
 * have no ground truth in a simulation; they are counted but left out of precision.
 */
public final class MatchPolicy {

    private final Map<AnomalyType, Set<Rule>> rules;
    private final Map<AnomalyType, Duration> windows;

    public MatchPolicy(Map<AnomalyType, Set<Rule>> rules, Map<AnomalyType, Duration> windows) {
        this.rules = new EnumMap<>(rules);
        this.windows = new EnumMap<>(windows);
        for (AnomalyType type : AnomalyType.values()) {
            if (!this.rules.containsKey(type) || !this.windows.containsKey(type)) {
                throw new IllegalArgumentException("no rules or window for label type " + type.wireName());
            }
        }
    }

    /** The documented default (simulator README, "Evaluation"). */
    public static MatchPolicy standard() {
        Map<AnomalyType, Set<Rule>> rules = new EnumMap<>(AnomalyType.class);
        Map<AnomalyType, Duration> windows = new EnumMap<>(AnomalyType.class);
        put(rules, windows, AnomalyType.FALL, Duration.ofHours(12), Rule.STILLNESS, Rule.HELP_BUTTON);
        put(rules, windows, AnomalyType.NOT_UP, Duration.ofHours(6), Rule.NOT_UP, Rule.STILLNESS);
        put(rules, windows, AnomalyType.NO_KETTLE, Duration.ofHours(6), Rule.NO_KETTLE);
        put(rules, windows, AnomalyType.NIGHT_WANDERING, Duration.ofHours(3), Rule.NIGHT_DOOR, Rule.NOT_HOME,
                Rule.NIGHT_ACTIVITY, Rule.UNUSUAL_ROUTES);
        put(rules, windows, AnomalyType.NOT_HOME, Duration.ofHours(12), Rule.NOT_HOME);
        put(rules, windows, AnomalyType.ILLNESS_TREND, Duration.ofDays(14), Rule.BATHROOM_TREND, Rule.SLEEP_TREND,
                Rule.NIGHT_ACTIVITY, Rule.UNUSUAL_DAY, Rule.UNUSUAL_ROUTES);
        put(rules, windows, AnomalyType.SLOW_DECLINE, Duration.ofDays(35), Rule.KETTLE_TREND, Rule.UNUSUAL_DAY);
        put(rules, windows, AnomalyType.SENSOR_OFFLINE, Duration.ofHours(6), Rule.SENSOR_OFFLINE);
        put(rules, windows, AnomalyType.HUB_OFFLINE, Duration.ofHours(2), Rule.HUB_OFFLINE);
        return new MatchPolicy(rules, windows);
    }

    private static void put(Map<AnomalyType, Set<Rule>> rules, Map<AnomalyType, Duration> windows, AnomalyType type,
                            Duration window, Rule first, Rule... more) {
        rules.put(type, EnumSet.of(first, more));
        windows.put(type, window);
    }

    public Set<Rule> rules(AnomalyType type) {
        return rules.get(type);
    }

    public Duration window(AnomalyType type) {
        return windows.get(type);
    }

    /** The label types a rule can detect. */
    public Set<AnomalyType> types(Rule rule) {
        Set<AnomalyType> types = EnumSet.noneOf(AnomalyType.class);
        rules.forEach((type, set) -> {
            if (set.contains(rule)) {
                types.add(type);
            }
        });
        return types;
    }

    /** Rules without ground truth here. */
    public Set<Rule> unscored() {
        Set<Rule> unscored = EnumSet.allOf(Rule.class);
        rules.values().forEach(unscored::removeAll);
        return unscored;
    }
}
