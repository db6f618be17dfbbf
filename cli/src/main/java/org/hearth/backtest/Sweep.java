package org.hearth.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.models.alert.Rule;

/**
 * A sweep over one rule's setting: {@code not-up.quantile=0.8:0.99:0.05} tries 0.80, 0.85, 0.90,
 * 0.95 (and 0.99, the end, always). Each value is written into {@code defaults.<rule>.<key>} of
 * the base thresholds; cohort and resident layers of the base still take precedence, as in a live run.
 *
 * @param rule the rule
 * @param key the setting ({@code quantile}, {@code margin}, ...)
 * @param values the values to try, ascending
 */
public record Sweep(Rule rule, String key, List<Double> values) {

    private static final Pattern SPEC = Pattern.compile("([a-z-]+)\\.([A-Za-z]+)=([0-9.]+):([0-9.]+):([0-9.]+)");
    private static final int MAX_VALUES = 50;

    /** @throws IllegalArgumentException with the expected form when the text does not parse */
    public static Sweep parse(String text) {
        Matcher m = SPEC.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--sweep must look like not-up.quantile=0.8:0.99:0.05 (rule.key=from:to:step), got '"
                    + text + "'");
        }
        Rule rule = Rule.fromWireName(m.group(1));
        BigDecimal from = new BigDecimal(m.group(3));
        BigDecimal to = new BigDecimal(m.group(4));
        BigDecimal step = new BigDecimal(m.group(5));
        if (step.signum() <= 0 || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("--sweep needs from <= to and a positive step, got '" + text + "'");
        }
        List<Double> values = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            values.add(v.doubleValue());
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("--sweep '" + text + "' gives more than " + MAX_VALUES + " values");
            }
        }
        if (values.get(values.size() - 1) < to.doubleValue()) {
            values.add(to.doubleValue());
        }
        return new Sweep(rule, m.group(2), List.copyOf(values));
    }

    /** One candidate per value, each the base thresholds with the swept setting replaced. */
    public List<Candidate> candidates(String baseYaml) {
        YAMLMapper yaml = new YAMLMapper();
        List<Candidate> out = new ArrayList<>();
        for (double value : values) {
            try {
                JsonNode base = baseYaml == null || baseYaml.isBlank() ? null : yaml.readTree(baseYaml);
                ObjectNode root = base instanceof ObjectNode o ? o : yaml.createObjectNode().put("version", 1);
                ObjectNode defaults = root.has("defaults") && root.get("defaults").isObject()
                        ? (ObjectNode) root.get("defaults") : root.putObject("defaults");
                ObjectNode ruleNode = defaults.has(rule.wireName()) && defaults.get(rule.wireName()).isObject()
                        ? (ObjectNode) defaults.get(rule.wireName()) : defaults.putObject(rule.wireName());
                ruleNode.put(key, value);
                out.add(new Candidate(label(value), yaml.writeValueAsString(root), value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the base thresholds are not valid YAML: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    /** {@code not-up.quantile=0.85}. */
    public String label(double value) {
        return rule.wireName() + "." + key + "=" + BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
