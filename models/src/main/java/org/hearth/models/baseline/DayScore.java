package org.hearth.models.baseline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

/**
 * How unusual a whole day was, and why.
 *
 * @param score the day's score (higher is more unusual); compare with
 *     {@link Baseline#dayScoreQuantile(double)} plus the rule's margin
 * @param contributions per feature (names from {@link DayFeatures#NAMES}), how far it was from
 *     the person's usual in robust standard deviations, largest first
 */
public record DayScore(double score, Map<String, Double> contributions) {

    public DayScore {
        LinkedHashMap<String, Double> sorted = new LinkedHashMap<>();
        contributions.entrySet().stream()
                .sorted(Entry.<String, Double>comparingByValue().reversed().thenComparing(Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        contributions = Collections.unmodifiableMap(sorted);
    }

    /** The feature that contributed most, or null for an empty score. */
    public String topFeature() {
        return contributions.isEmpty() ? null : contributions.keySet().iterator().next();
    }
}
