package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;

/**
 * A learned rule's calibrated threshold for a home as measurement {@code rule_threshold}: one point
 * per rule and context, so a single-home dashboard can show what each rule acts on today beside
 * its alerts. {@code value} is in {@code unit} ("min"; "clock" = local minutes after midnight; a
 * count's unit); {@code budget} is the rule's share of the false-alert budget in alerts per 30
 * days (0: not budgeted); {@code overrides} lists the analyst settings in force ("cohort frail:
 * margin"), cohort names and setting keys only.
 */
public final class RuleThresholdPoints extends PointMapper<HomeRuleThreshold> {

    public static final String MEASUREMENT = "rule_threshold";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT, Set.of("home", "cohort", "rule", "context"),
            Map.of(
                    "value", FieldType.FLOAT,
                    "unit", FieldType.STRING,
                    "budget", FieldType.FLOAT,
                    "enabled", FieldType.BOOLEAN,
                    "overridden", FieldType.BOOLEAN,
                    "overrides", FieldType.STRING));

    public RuleThresholdPoints(HomeCohorts cohorts) {
        super(HomeRuleThreshold.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(HomeRuleThreshold t) {
        Point point = homePoint(t.homeId()).addTag("rule", t.rule());
        if (t.context() != null && !t.context().isBlank()) {
            point.addTag("context", PointMapper.oneLine(t.context()));
        }
        if (t.value() != null) {
            point.addField("value", t.value().doubleValue());
        }
        if (!t.threshold().unit().isEmpty()) {
            point.addField("unit", t.threshold().unit());
        }
        point.addField("budget", t.threshold().budget())
                .addField("enabled", t.threshold().enabled())
                .addField("overridden", !t.threshold().overrides().isEmpty());
        if (!t.threshold().overrides().isEmpty()) {
            point.addField("overrides", PointMapper.oneLine(String.join("; ", t.threshold().overrides())));
        }
        return PointMapper.at(point, t.at());
    }
}
