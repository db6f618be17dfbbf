package org.hearth.models.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.threshold.Thresholds;
import org.hearth.models.threshold.ThresholdsException;
import org.hearth.models.threshold.ThresholdsLoader;
import org.hearth.models.time.Durations;

/**
 * The parsed configuration a detection subtask works with: the registry and, per home, its rules
 * with their settings. Built once per configuration text and cached by the functions (ingest's
 * {@code ConfigState}, the one registry follower, holds it).
 *
 * <p>Thresholds: the models' {@code thresholds.yaml} format ({@code version}, {@code defaults},
 * {@code cohorts}, {@code residents}; see {@link ThresholdsLoader}) laid over the built-in defaults,
 * for the learned rules. An optional {@code safety:} section ({@code stillness}, {@code hubSilence}
 * as durations like {@code 12h}, {@code batteryLow} as a percentage) sets the fixed safety rules'
 * limits; it is read first and removed before the rest is parsed.
 */
public final class DetectionSettings {

    private final KitRegistry registry;
    private final RuleSettings settings;
    private final Map<String, HomeRules> rules = new HashMap<>();

    private DetectionSettings(KitRegistry registry, RuleSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** @throws org.hearth.models.registry.RegistryException or IllegalArgumentException on bad input */
    public static DetectionSettings parse(String homesYaml, String thresholdsYaml) {
        KitRegistry registry = new RegistryLoader().parse("homes.yaml", homesYaml);
        return new DetectionSettings(registry, thresholds("thresholds.yaml", thresholdsYaml));
    }

    /** The parsed {@code registry} with another thresholds text (a thresholds change keeps the registry). */
    public static DetectionSettings withThresholds(KitRegistry registry, String thresholdsYaml) {
        return new DetectionSettings(registry, thresholds("thresholds.yaml", thresholdsYaml));
    }

    /**
     * Parses a thresholds file as the job will ({@code hearth thresholds apply} validates with it).
     *
     * @param file the file's name, for messages ("t.yaml:4: ...")
     * @throws IllegalArgumentException naming the file, line and field of the first problem
     */
    public static RuleSettings parseThresholds(String file, String yaml) {
        return thresholds(file, yaml);
    }

    public KitRegistry registry() {
        return registry;
    }

    /** The settings every home's rules are built with (before per-home overrides). */
    public RuleSettings settings() {
        return settings;
    }

    /** The registry's own look-up by id (its index, built once per parsed registry: each function holds its own parse). */
    public Optional<Home> home(String homeId) {
        return registry.home(homeId);
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

    private static RuleSettings thresholds(String file, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return RuleSettings.DEFAULTS;
        }
        JsonNode root;
        try {
            root = HearthJson.yaml().readTree(yaml);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        SafetySettings safety = SafetySettings.DEFAULTS;
        JsonNode s = root instanceof ObjectNode o ? o.remove("safety") : null;
        if (s != null) {
            if (s.hasNonNull("stillness")) {
                safety = safety.withStillness(duration(file, s, "stillness"));
            }
            if (s.hasNonNull("hubSilence")) {
                safety = safety.withHubSilence(duration(file, s, "hubSilence"));
            }
            if (s.hasNonNull("batteryLow")) {
                int low = s.get("batteryLow").asInt();
                safety = safety.withBattery(low, Math.max(low, safety.batteryRecovered()));
            }
        }
        Thresholds learned = Thresholds.defaults();
        if (root instanceof ObjectNode o && !o.isEmpty()) {
            try {
                // without a safety section the text is parsed as written, so problems name its lines
                String rest = s == null ? yaml : HearthJson.yaml().writeValueAsString(o);
                learned = new ThresholdsLoader().parse(file, rest);
            } catch (ThresholdsException | java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new RuleSettings(safety, learned);
    }

    private static Duration duration(String file, JsonNode node, String field) {
        try {
            return Durations.parse(node.get(field).asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " safety." + field + ": " + e.getMessage(), e);
        }
    }
}
