package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;
import org.hearth.models.alert.Alert;

/**
 * Alerts raised, as measurement {@code alert} at the alert's event time. The SMS text is never
 * stored (it carries the resident's alias); {@code expected} and {@code observed} are the plain
 * facts without names. {@code count} is always 1 so that volumes are a sum.
 */
public final class AlertPoints extends PointMapper<Alert> {

    public static final String MEASUREMENT = "alert";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("home", "rule", "severity", "cohort"),
            Map.of("alert_id", FieldType.STRING, "resident", FieldType.STRING, "count", FieldType.INTEGER,
                    "expected", FieldType.STRING, "observed", FieldType.STRING));

    public AlertPoints(HomeCohorts cohorts) {
        super(Alert.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(Alert alert) {
        Point point = homePoint(alert.homeId())
                .addTag("rule", alert.rule().wireName())
                .addTag("severity", alert.severity().wireName())
                .addField("alert_id", alert.alertId())
                .addField("resident", alert.residentId() == null ? alert.homeId() : alert.residentId())
                .addField("count", 1L)
                .addField("expected", PointMapper.oneLine(alert.expected()))
                .addField("observed", PointMapper.oneLine(alert.observed()));
        return PointMapper.at(point, alert.at());
    }
}
