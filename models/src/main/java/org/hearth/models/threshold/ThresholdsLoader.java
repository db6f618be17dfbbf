package org.hearth.models.threshold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.alert.Rule;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.YamlLineIndex;
import org.hearth.models.time.Durations;

/**
 * Reads {@code thresholds.yaml} (schema in the module README). Every problem names the file, the
 * line and the field, e.g. {@code thresholds.yaml:4: defaults.not-up.quantile: must be between 0
 * and 1 (got 1.5)}; all problems are reported at once.
 */
public final class ThresholdsLoader {

    /** The resource holding the built-in defaults. */
    public static final String DEFAULT_RESOURCE = "/thresholds-default.yaml";

    private final ObjectMapper yaml = HearthJson.yaml();

    /** The built-in defaults ({@code models/src/main/resources/thresholds-default.yaml}). */
    public static Thresholds builtIn() {
        try (InputStream in = ThresholdsLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return new ThresholdsLoader().parse("thresholds-default.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Loads a file on top of the built-in defaults. */
    public Thresholds load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file));
    }

    /** Parses thresholds text on top of the built-in defaults. */
    public Thresholds parse(String fileName, String text) {
        return parse(fileName, text, builtIn());
    }

    private Thresholds parse(String fileName, String text, Thresholds base) {
        List<String> problems = new ArrayList<>();
        JsonNode tree;
        YamlLineIndex lines;
        try {
            tree = yaml.readTree(text);
            lines = new YamlLineIndex(yaml, text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ThresholdsException(List.of(fileName + ":" + line + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new ThresholdsException(List.of(fileName + ":0: " + e.getMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return base == null ? new Thresholds(Map.of(), Map.of(), Map.of()) : base;
        }
        Located at = (pointer, field, message) ->
                problems.add(fileName + ":" + lines.lineOf(pointer) + ": " + field + ": " + message);
        if (!tree.isObject()) {
            at.problem("", "(top)", "expected keys version, defaults, cohorts, residents");
            throw new ThresholdsException(problems);
        }
        Map<Rule, Map<String, Double>> defaults = new EnumMap<>(Rule.class);
        Map<String, Map<Rule, Map<String, Double>>> cohorts = new TreeMap<>();
        Map<String, Map<Rule, Map<String, Double>>> residents = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> top = tree.fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> e = top.next();
            String key = e.getKey();
            switch (key) {
                case "version" -> {
                    if (!e.getValue().canConvertToInt() || e.getValue().asInt() != 1) {
                        at.problem("/version", "version", "only version 1 is known (got " + e.getValue() + ")");
                    }
                }
                case "defaults" -> defaults = layer(e.getValue(), "/defaults", "defaults", at);
                case "cohorts", "residents" -> {
                    Map<String, Map<Rule, Map<String, Double>>> target = key.equals("cohorts") ? cohorts : residents;
                    if (!e.getValue().isObject()) {
                        at.problem("/" + key, key, "expected a map of names to rule settings");
                        continue;
                    }
                    e.getValue().fields().forEachRemaining(c -> target.put(c.getKey(),
                            layer(c.getValue(), "/" + key + "/" + c.getKey(), key + "." + c.getKey(), at)));
                }
                default -> at.problem("/" + key, key, "unknown key (one of version, defaults, cohorts, residents)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ThresholdsException(problems);
        }
        Thresholds read = new Thresholds(defaults, cohorts, residents);
        return base == null ? read : base.overlay(read);
    }

    /** Reads per-resident overrides (the {@code overrides:} map of a home in homes.yaml). */
    public static Map<Rule, Map<String, Double>> overrides(Map<String, Object> overrides, String where) {
        List<String> problems = new ArrayList<>();
        JsonNode node = HearthJson.yaml().valueToTree(overrides == null ? Map.of() : overrides);
        Map<Rule, Map<String, Double>> layer = layer(node, "", "",
                (pointer, field, message) -> problems.add(where + ": " + field + ": " + message));
        if (!problems.isEmpty()) {
            throw new ThresholdsException(problems);
        }
        return layer;
    }

    @FunctionalInterface
    interface Located {
        void problem(String pointer, String field, String message);
    }

    private static Map<Rule, Map<String, Double>> layer(JsonNode node, String pointer, String field, Located at) {
        Map<Rule, Map<String, Double>> layer = new EnumMap<>(Rule.class);
        if (node == null || node.isNull()) {
            return layer;
        }
        if (!node.isObject()) {
            at.problem(pointer, field, "expected a map of rule names to settings");
            return layer;
        }
        node.fields().forEachRemaining(r -> {
            String rp = pointer + "/" + r.getKey();
            String rf = field.isEmpty() ? r.getKey() : field + "." + r.getKey();
            Rule rule;
            try {
                rule = Rule.fromWireName(r.getKey());
            } catch (IllegalArgumentException e) {
                at.problem(rp, rf, "unknown rule '" + r.getKey() + "'");
                return;
            }
            if (!RuleKeys.tunable(rule)) {
                at.problem(rp, rf, "rule '" + r.getKey() + "' has no sensitivity settings");
                return;
            }
            if (!r.getValue().isObject()) {
                at.problem(rp, rf, "expected settings such as {quantile: 0.9, margin: 30m}");
                return;
            }
            Map<String, Double> settings = new TreeMap<>();
            r.getValue().fields().forEachRemaining(k -> {
                String kp = rp + "/" + k.getKey();
                String kf = rf + "." + k.getKey();
                if (!RuleKeys.accepts(rule, k.getKey())) {
                    at.problem(kp, kf, "unknown key (one of " + RuleKeys.keysOf(rule) + ")");
                    return;
                }
                try {
                    settings.put(k.getKey(), value(rule, k.getKey(), k.getValue()));
                } catch (IllegalArgumentException e) {
                    at.problem(kp, kf, e.getMessage());
                }
            });
            layer.put(rule, settings);
        });
        return layer;
    }

    private static double value(Rule rule, String key, JsonNode v) {
        if (key.equals("enabled")) {
            if (!v.isBoolean()) {
                throw new IllegalArgumentException("expected true or false (got " + v + ")");
            }
            return v.asBoolean() ? 1 : 0;
        }
        double x;
        if (RuleKeys.isDuration(rule, key)) {
            x = minutes(v);
        } else if (v.isNumber()) {
            x = v.asDouble();
        } else {
            throw new IllegalArgumentException("expected a number (got " + v + ")");
        }
        if (key.equals("quantile") && (x < 0 || x > 1)) {
            throw new IllegalArgumentException("must be between 0 and 1 (got " + v.asText() + ")");
        }
        if (key.equals("maxSlotProbability") && (x < 0 || x > 1)) {
            throw new IllegalArgumentException("must be between 0 and 1 (got " + v.asText() + ")");
        }
        if (x < 0 || Double.isNaN(x)) {
            throw new IllegalArgumentException("must not be negative (got " + v.asText() + ")");
        }
        return x;
    }

    /** A duration written 90s, 10m, 2h, 3d (or a bare number of minutes), in minutes. */
    static double minutes(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            if (v.isTextual()) {
                return Durations.minutes(v.asText().trim());
            }
        } catch (IllegalArgumentException notADuration) {
            // reported below, in this file's words
        }
        throw new IllegalArgumentException("expected a duration such as 90s, 30m, 2h (got " + v + ")");
    }
}
