package org.hearth.models.rules;

import java.util.Objects;

/**
 * The settings every rule of one resident runs with, after cohort defaults and per-resident
 * overrides have been merged.
 *
 * @param safety the fixed safety rules' limits
 */
public record RuleSettings(SafetySettings safety) {

    public static final RuleSettings DEFAULTS = new RuleSettings(SafetySettings.DEFAULTS);

    public RuleSettings {
        Objects.requireNonNull(safety, "safety");
    }
}
