package org.hearth.models.threshold;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;

/**
 * Sensitivity settings: defaults, per-cohort settings and per-resident settings, each a partial
 * map of rule to keys. A resident's settings for a rule are resolved key by key, most specific
 * first: the home's {@code overrides:} in homes.yaml, then {@code residents.<id>}, then
 * {@code cohorts.<cohort>}, then {@code defaults} (the built-in file under any loaded one).
 */
public final class Thresholds {

    private final Map<Rule, Map<String, Double>> defaults;
    private final Map<String, Map<Rule, Map<String, Double>>> cohorts;
    private final Map<String, Map<Rule, Map<String, Double>>> residents;
    /**
     * A rule's settings for the homes that set nothing of their own (no resident layer for the rule, no home
     * overrides), by rule and cohort: every such home of a cohort shares one instance. Each home's rules hold about
     * a dozen of them; built per home they were most of the ~4 KB of heap a home's rules keep (BENCHMARKS.md), i.e.
     * gigabytes at a million homes. Safe to share: these settings are immutable, as is this object.
     */
    private final Map<CohortRule, RuleSettings> cohortOnly = new ConcurrentHashMap<>();

    private record CohortRule(Rule rule, String cohort) {}

    Thresholds(Map<Rule, Map<String, Double>> defaults, Map<String, Map<Rule, Map<String, Double>>> cohorts,
            Map<String, Map<Rule, Map<String, Double>>> residents) {
        this.defaults = copy(defaults);
        Map<String, Map<Rule, Map<String, Double>>> c = new TreeMap<>();
        cohorts.forEach((k, v) -> c.put(k, copy(v)));
        this.cohorts = Collections.unmodifiableMap(c);
        Map<String, Map<Rule, Map<String, Double>>> r = new TreeMap<>();
        residents.forEach((k, v) -> r.put(k, copy(v)));
        this.residents = Collections.unmodifiableMap(r);
    }

    /** The built-in defaults. */
    public static Thresholds defaults() {
        return ThresholdsLoader.builtIn();
    }

    private static Map<Rule, Map<String, Double>> copy(Map<Rule, Map<String, Double>> layer) {
        Map<Rule, Map<String, Double>> out = new EnumMap<>(Rule.class);
        layer.forEach((rule, keys) -> out.put(rule, Map.copyOf(keys)));
        return Collections.unmodifiableMap(out);
    }

    /** These settings with {@code top}'s keys laid over them. */
    Thresholds overlay(Thresholds top) {
        Map<String, Map<Rule, Map<String, Double>>> c = new TreeMap<>(cohorts);
        top.cohorts.forEach((k, v) -> c.merge(k, v, Thresholds::merge));
        Map<String, Map<Rule, Map<String, Double>>> r = new TreeMap<>(residents);
        top.residents.forEach((k, v) -> r.merge(k, v, Thresholds::merge));
        return new Thresholds(merge(defaults, top.defaults), c, r);
    }

    private static Map<Rule, Map<String, Double>> merge(Map<Rule, Map<String, Double>> under,
            Map<Rule, Map<String, Double>> over) {
        Map<Rule, Map<String, Double>> out = new EnumMap<>(Rule.class);
        under.forEach((rule, keys) -> out.put(rule, new HashMap<>(keys)));
        over.forEach((rule, keys) -> out.computeIfAbsent(rule, x -> new HashMap<>()).putAll(keys));
        return out;
    }

    /** A resident's settings for a rule, given their cohort (null = defaults) and home overrides. */
    public RuleSettings settings(Rule rule, String cohort, String residentId, Map<String, Object> homeOverrides,
            String where) {
        Map<String, Double> keys = new HashMap<>(defaults.getOrDefault(rule, Map.of()));
        if (cohort != null) {
            keys.putAll(cohorts.getOrDefault(cohort, Map.of()).getOrDefault(rule, Map.of()));
        }
        if (residentId != null) {
            keys.putAll(residents.getOrDefault(residentId, Map.of()).getOrDefault(rule, Map.of()));
        }
        keys.putAll(ThresholdsLoader.overrides(homeOverrides, where).getOrDefault(rule, Map.of()));
        boolean enabled = keys.getOrDefault("enabled", 1.0) >= 0.5;
        double quantile = keys.getOrDefault("quantile", 0.9);
        double margin = keys.getOrDefault("margin", 0.0);
        Map<String, Double> params = new TreeMap<>(keys);
        params.keySet().removeAll(java.util.Set.of("enabled", "quantile", "margin")); // budget stays a param
        return new RuleSettings(rule, enabled, quantile, margin, params);
    }

    /**
     * A home's resident's settings for a rule (cohort, resident id and {@code overrides:} from the
     * registry).
     *
     * @throws ThresholdsException when the home's overrides name unknown rules or keys
     */
    public RuleSettings settings(Rule rule, Home home) {
        boolean ownLayer = home.residentId() != null && residents.getOrDefault(home.residentId(), Map.of()).containsKey(rule);
        if (!ownLayer && home.overrides().isEmpty()) {
            return cohortOnly.computeIfAbsent(new CohortRule(rule, home.cohort()),
                    k -> settings(rule, home.cohort(), null, Map.of(), "cohort " + home.cohort()));
        }
        return settings(rule, home.cohort(), home.residentId(), home.overrides(), "homes.yaml: home " + home.id()
                + ", overrides");
    }

    /**
     * The analyst's settings in force for a home's resident and rule, beyond the defaults, least
     * specific first, each with the keys it sets: "cohort frail: bathroomMargin, budget, margin",
     * "resident: enabled", "home: dayCeiling" (the home's {@code overrides:} in homes.yaml). Empty
     * when the rule runs on the defaults. The resident is not named (the status carries ids and
     * rule names only, and the home's id already says whose it is).
     *
     * @throws ThresholdsException when the home's overrides name unknown rules or keys
     */
    public java.util.List<String> overrides(Rule rule, Home home) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (home.cohort() != null) {
            keys("cohort " + home.cohort(), cohorts.getOrDefault(home.cohort(), Map.of()).get(rule), out);
        }
        if (home.residentId() != null) {
            keys("resident", residents.getOrDefault(home.residentId(), Map.of()).get(rule), out);
        }
        if (!home.overrides().isEmpty()) { // most homes set none: no tree to build (the status asks per rule)
            keys("home", ThresholdsLoader.overrides(home.overrides(), "homes.yaml: home " + home.id() + ", overrides")
                    .get(rule), out);
        }
        return out;
    }

    private static void keys(String layer, Map<String, Double> keys, java.util.List<String> out) {
        if (keys != null && !keys.isEmpty()) {
            out.add(layer + ": " + String.join(", ", new java.util.TreeSet<>(keys.keySet())));
        }
    }

    /** Cohorts named in the file. */
    public java.util.Set<String> cohorts() {
        return cohorts.keySet();
    }
}
