package org.hearth.models.rules;

import java.util.Objects;
import org.hearth.models.threshold.Thresholds;

/**
 * The settings every rule of one resident runs with, after cohort defaults and per-resident
 * overrides have been merged.
 *
 * @param safety the fixed safety rules' limits
 * @param thresholds the learned rules' quantiles and margins ({@code thresholds.yaml}), resolved per
 *     home by cohort, resident and the home's overrides
 */
public record RuleSettings(SafetySettings safety, Thresholds thresholds) {

    public static final RuleSettings DEFAULTS = new RuleSettings(SafetySettings.DEFAULTS, Thresholds.defaults());

    public RuleSettings {
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The given safety limits with the built-in learned thresholds. */
    public RuleSettings(SafetySettings safety) {
        this(safety, Thresholds.defaults());
    }
}
