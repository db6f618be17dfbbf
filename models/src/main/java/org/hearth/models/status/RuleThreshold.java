package org.hearth.models.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One learned rule's calibrated threshold for one resident, as the learning status shows it: what
 * the rule acts on today, the share of the person's false-alert budget it was calibrated to, and
 * whether an analyst's setting (cohort, resident, the home's overrides) is in force.
 *
 * <p>JSON, e.g. {@code {"enabled":true,"unit":"min","limits":{"morning":190.0,"night":60.0},
 * "budget":0.1,"overrides":["cohort frail: margin"]}}.
 *
 * @param enabled whether the rule runs for this resident ({@code false}: off, no limits)
 * @param unit the limits' unit: {@code min} (a duration), {@code clock} (a local time of day, in
 *     minutes after midnight: "up by 08:55" is 535), or a count's ({@code openings},
 *     {@code half-hours}, {@code bits/move}, {@code score}, {@code visits/day}, ...)
 * @param limits the threshold per context, in the rule's order: for {@code stillness} per room
 *     and time of day ("bathroom afternoon"), for {@code not-home} per time of day of the outing's
 *     start, else one value named for what it bounds ("up by", "surprise above", "weekly mean
 *     below"); empty while the rule has too little history to be calibrated
 * @param budget the rule's share of the person's false-alert budget, in alerts per 30 days;
 *     {@code 0}: not budgeted (the person's own quantile plus a margin)
 * @param overrides the analyst's settings in force for this rule, most specific last, each with
 *     its keys ("cohort frail: budget, margin"; "resident: enabled"; "home: dayCeiling"); empty
 *     (and left out of the JSON) when the rule runs on the defaults
 */
public record RuleThreshold(
        boolean enabled,
        String unit,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> limits,
        double budget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overrides) {

    public RuleThreshold {
        unit = unit == null ? "" : unit;
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** A rule switched off for this resident. */
    public static RuleThreshold off(double budget, List<String> overrides) {
        return new RuleThreshold(false, "", Map.of(), budget, overrides);
    }

    /**
     * The line {@code hearth status} prints after the rule's name, e.g. "morning 190 min, night
     * 60 min; budget 0.1/30 d; override cohort frail: margin".
     */
    public String text() {
        List<String> parts = new ArrayList<>();
        if (!enabled) {
            parts.add("off");
        } else if (limits.isEmpty()) {
            parts.add("not calibrated yet");
        } else {
            List<String> values = new ArrayList<>();
            limits.forEach((context, value) -> values.add(context + " " + value(value)));
            parts.add(String.join(", ", values));
        }
        parts.add(budget > 0 ? "budget " + number(budget) + "/30 d" : "no budget (own quantile + margin)");
        if (!overrides.isEmpty()) {
            parts.add("override " + String.join("; ", overrides));
        }
        return String.join("; ", parts);
    }

    private String value(double v) {
        if ("clock".equals(unit)) {
            int m = Math.floorMod((int) Math.round(v), 24 * 60);
            return String.format(java.util.Locale.ROOT, "%02d:%02d", m / 60, m % 60);
        }
        return unit.isEmpty() ? number(v) : number(v) + " " + unit;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
