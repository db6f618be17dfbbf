package org.hearth.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hearth.cli.DurationConverter;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.RuleSettings;
import org.hearth.models.rules.SafetySettings;

/**
 * The parsed configuration a detection subtask works with: the registry and, per home, its rules
 * with their settings. Built once per configuration text and cached by the functions.
 *
 * <p>Thresholds: until the models' {@code thresholds.yaml} schema lands, only an optional
 * {@code safety:} section is read ({@code stillness}, {@code hubSilence} as durations like
 * {@code 12h}, {@code batteryLow} as a percentage); everything else keeps its default.
 */
public final class DetectionSettings {

    private final KitRegistry registry;
    private final RuleSettings settings;
    private final Map<String, HomeRules> rules = new HashMap<>();
    /** By id: {@link KitRegistry#home} scans the list, and the lifecycle asks on every decision (BENCHMARKS.md). */
    private final Map<String, Home> homes = new HashMap<>();

    private DetectionSettings(KitRegistry registry, RuleSettings settings) {
        this.registry = registry;
        this.settings = settings;
        registry.homes().forEach(h -> homes.putIfAbsent(h.id(), h));
    }

    /** @throws org.hearth.models.registry.RegistryException or IllegalArgumentException on bad input */
    public static DetectionSettings parse(String homesYaml, String thresholdsYaml) {
        KitRegistry registry = new RegistryLoader().parse("homes.yaml", homesYaml);
        return new DetectionSettings(registry, thresholds(thresholdsYaml));
    }

    public KitRegistry registry() {
        return registry;
    }

    public Optional<Home> home(String homeId) {
        return Optional.ofNullable(homes.get(homeId));
    }

    /** The rules of one home, or empty when the registry does not know it. */
    public Optional<HomeRules> rules(String homeId) {
        HomeRules cached = rules.get(homeId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<HomeRules> made = home(homeId).map(h -> new HomeRules(h, settings));
        made.ifPresent(r -> rules.put(homeId, r));
        return made;
    }

    private static RuleSettings thresholds(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return RuleSettings.DEFAULTS;
        }
        JsonNode root;
        try {
            root = HearthJson.yaml().readTree(yaml);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("thresholds.yaml is not valid YAML: " + e.getMessage(), e);
        }
        SafetySettings safety = SafetySettings.DEFAULTS;
        JsonNode s = root == null ? null : root.get("safety");
        if (s != null) {
            if (s.hasNonNull("stillness")) {
                safety = safety.withStillness(duration(s, "stillness"));
            }
            if (s.hasNonNull("hubSilence")) {
                safety = safety.withHubSilence(duration(s, "hubSilence"));
            }
            if (s.hasNonNull("batteryLow")) {
                int low = s.get("batteryLow").asInt();
                safety = safety.withBattery(low, Math.max(low, safety.batteryRecovered()));
            }
        }
        return new RuleSettings(safety);
    }

    private static Duration duration(JsonNode node, String field) {
        try {
            return DurationConverter.parse(node.get(field).asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("thresholds.yaml safety." + field + ": " + e.getMessage(), e);
        }
    }
}
