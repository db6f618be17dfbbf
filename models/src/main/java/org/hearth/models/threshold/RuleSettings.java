package org.hearth.models.threshold;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.alert.Rule;

/**
 * One rule's sensitivity for one resident, after cohort defaults and overrides are applied.
 *
 * @param rule the rule
 * @param enabled whether the rule runs for this resident
 * @param quantile the quantile of the person's own history treated as the edge of normal
 * @param margin the minimum margin beyond that edge, in the rule's unit: minutes for time rules
 *     (written as a duration such as {@code 45m}), a count or score otherwise
 * @param params rule-specific settings (durations in minutes), see README
 */
public record RuleSettings(Rule rule, boolean enabled, double quantile, double margin, Map<String, Double> params) {

    public RuleSettings {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /**
     * The record's own format, built without {@code String.format}: Java 17 writes a record's {@code toString} through it,
     * and every home's rules build a key from their settings' text when first used (a start's first minutes, issue 18).
     */
    @Override
    public String toString() {
        return "RuleSettings[rule=" + rule + ", enabled=" + enabled + ", quantile=" + quantile + ", margin=" + margin
                + ", params=" + params + "]";
    }

    /** A rule-specific setting, or {@code fallback} when absent. */
    public double param(String name, double fallback) {
        return params.getOrDefault(name, fallback);
    }
}
