package org.hearth.models.explain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a rule fired, as expected-versus-observed that a carer can read in one SMS.
 *
 * @param expected what is usual for this person, e.g. "usually up by 08:10, 9 days in 10"
 * @param observed what happened today, e.g. "no movement since 22:41"
 * @param facts the same in named parts for templates (e.g. {@code usual=08:10}, {@code since=22:41}),
 *     kept sorted so that rendering is deterministic
 */
public record Explanation(String expected, String observed, Map<String, String> facts) {

    public Explanation {
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public static Explanation of(String expected, String observed) {
        return new Explanation(expected, observed, Map.of());
    }

    /** A named fact, or {@code fallback} when the rule did not supply it. */
    public String fact(String name, String fallback) {
        return facts.getOrDefault(name, fallback);
    }
}
