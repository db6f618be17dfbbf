package org.hearth.storage.point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.RuleThreshold;

/**
 * One learned rule's calibrated limit in one context for one home, as the learning status carried
 * it: a {@link HomeStatus} holds every rule's threshold in one record, a dashboard wants one point
 * per rule and context, so a job flat-maps statuses through {@link #of(HomeStatus)}.
 *
 * @param homeId the home
 * @param rule the rule's wire name ("stillness")
 * @param context the limit's key ("kitchen morning", "up by"); null for a rule with no limit
 *     (switched off, or not calibrated yet)
 * @param value the limit, in {@link RuleThreshold#unit()}; null when {@code context} is
 * @param threshold the rule's whole threshold (unit, budget, enabled, overrides)
 * @param at the event time of the status
 */
public record HomeRuleThreshold(String homeId, String rule, String context, Double value, RuleThreshold threshold,
                                Instant at) {

    public HomeRuleThreshold {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(at, "at");
    }

    /**
     * A point per rule and limit of the status, in rule order then the rule's own order of
     * contexts; one point without context for a rule that is off or not calibrated, so the
     * dashboard still shows its budget and state. None while learning (no thresholds yet).
     */
    public static List<HomeRuleThreshold> of(HomeStatus status) {
        List<HomeRuleThreshold> out = new ArrayList<>();
        status.baseline().ruleThresholds().forEach((rule, threshold) -> {
            if (threshold.limits().isEmpty()) {
                out.add(new HomeRuleThreshold(status.homeId(), rule, null, null, threshold, status.updatedAt()));
            }
            threshold.limits().forEach((context, value) ->
                    out.add(new HomeRuleThreshold(status.homeId(), rule, context, value, threshold, status.updatedAt())));
        });
        return out;
    }
}
