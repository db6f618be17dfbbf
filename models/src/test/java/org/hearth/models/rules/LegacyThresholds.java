package org.hearth.models.rules;

import org.hearth.models.threshold.Thresholds;
import org.hearth.models.threshold.ThresholdsLoader;

/**
 * The built-in thresholds with every false-alert budget off ({@code budget: 0}): the rules' older
 * path, the {@code quantile} of the person's history plus {@code margin}, which analysts can still
 * choose. The tests written for that path (fallbacks, margins, DST) use these settings.
 */
final class LegacyThresholds {

    static final Thresholds THRESHOLDS = new ThresholdsLoader().parse("legacy.yaml", """
            version: 1
            defaults:
              no-kettle: {budget: 0}
              stillness: {budget: 0}
              night-door: {budget: 0}
              not-home: {budget: 0}
              night-activity: {budget: 0}
              unusual-routes: {budget: 0, enabled: true}
              unusual-day: {budget: 0}
              bathroom-trend: {budget: 0, enabled: true}
              kettle-trend: {budget: 0, enabled: true}
              sleep-trend: {budget: 0, enabled: true}
            """);

    static final RuleSettings SETTINGS = new RuleSettings(org.hearth.models.rules.SafetySettings.DEFAULTS, THRESHOLDS);

    private LegacyThresholds() {}
}
