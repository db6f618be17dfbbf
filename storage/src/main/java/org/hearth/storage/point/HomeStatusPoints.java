package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;
import org.hearth.models.status.HomeStatus;

/**
 * A home's learning status as measurement {@code home_status}, so dashboards can show who is still
 * learning and for how long. Usual times as local minutes of the day (absent while unknown); open
 * alerts and silent sensors as counts and as comma-separated rule names / sensor ids (ids only).
 */
public final class HomeStatusPoints extends PointMapper<HomeStatus> {

    public static final String MEASUREMENT = "home_status";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT, Set.of("home", "cohort", "state"), Map.of(
            "days_learned", FieldType.INTEGER,
            "days_needed", FieldType.INTEGER,
            "rise_minute", FieldType.INTEGER,
            "bedtime_minute", FieldType.INTEGER,
            "first_kettle_minute", FieldType.INTEGER,
            "open_alerts", FieldType.INTEGER,
            "open_alert_rules", FieldType.STRING,
            "silent_sensors", FieldType.INTEGER,
            "silent_sensor_ids", FieldType.STRING));

    public HomeStatusPoints(HomeCohorts cohorts) {
        super(HomeStatus.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(HomeStatus s) {
        Point point = homePoint(s.homeId())
                .addTag("state", s.state().wireName())
                .addField("days_learned", (long) s.daysLearned())
                .addField("days_needed", (long) s.daysNeeded())
                .addField("open_alerts", (long) s.openAlerts().size())
                .addField("open_alert_rules", String.join(",", s.openAlerts()))
                .addField("silent_sensors", (long) s.silentSensors().size())
                .addField("silent_sensor_ids", PointMapper.oneLine(String.join(",", s.silentSensors())));
        minute(point, "rise_minute", s.baseline().usualRise());
        minute(point, "bedtime_minute", s.baseline().usualBedtime());
        minute(point, "first_kettle_minute", s.baseline().usualFirstKettle());
        return PointMapper.at(point, s.updatedAt());
    }

    private static void minute(Point point, String field, java.time.LocalTime t) {
        if (t != null) {
            point.addField(field, (long) (t.getHour() * 60 + t.getMinute()));
        }
    }
}
