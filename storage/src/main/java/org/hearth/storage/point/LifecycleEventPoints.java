package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.hearth.alerts.lifecycle.LifecycleEvent;

/**
 * Each step of an alert's life (raised, notified, escalated, acknowledged, resolved, cancelled,
 * suppressed) as measurement {@code alert_event}, at the step's event time. {@code
 * seconds_since_raised} is what the analysts' "time to acknowledge" and "escalations" panels read.
 * The text and the recipients' numbers are never stored: only how many were texted.
 */
public final class LifecycleEventPoints extends PointMapper<LifecycleEvent> {

    public static final String MEASUREMENT = "alert_event";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("home", "rule", "severity", "type", "cohort"),
            Map.of("alert_id", FieldType.STRING, "step", FieldType.INTEGER, "recipients", FieldType.INTEGER,
                    "seconds_since_raised", FieldType.INTEGER, "reason", FieldType.STRING, "count", FieldType.INTEGER));

    public LifecycleEventPoints(HomeCohorts cohorts) {
        super(LifecycleEvent.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(LifecycleEvent event) {
        var alert = event.alert();
        Point point = homePoint(alert.homeId())
                .addTag("rule", alert.rule().wireName())
                .addTag("severity", alert.severity().wireName())
                .addTag("type", event.type().wireName())
                .addField("alert_id", alert.alertId())
                .addField("step", (long) event.step())
                .addField("recipients", (long) event.recipients().size())
                .addField("seconds_since_raised", Math.max(0, Duration.between(alert.at(), event.at()).toSeconds()))
                .addField("count", 1L);
        if (event.reason() != null) {
            point.addField("reason", PointMapper.oneLine(event.reason()));
        }
        return PointMapper.at(point, event.at());
    }
}
