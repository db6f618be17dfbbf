package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;
import org.hearth.models.event.SensorEvent;

/**
 * Raw sensor events as measurement {@code sensor_event}: the only droppable points. Battery and
 * link quality are integer fields so the sensor-health panels can chart them.
 */
public final class SensorEventPoints implements PointMapper<SensorEvent> {

    public static final String MEASUREMENT = "sensor_event";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("home", "sensor", "kind", "cohort"),
            Map.of("value", FieldType.FLOAT, "battery", FieldType.INTEGER, "link_quality", FieldType.INTEGER));

    private final HomeCohorts cohorts;

    public SensorEventPoints(HomeCohorts cohorts) {
        this.cohorts = cohorts;
    }

    @Override
    public Class<SensorEvent> type() {
        return SensorEvent.class;
    }

    @Override
    public PointSchema schema() {
        return SCHEMA;
    }

    @Override
    public Retention retention() {
        return Retention.DROPPABLE;
    }

    @Override
    public Point toPoint(SensorEvent event) {
        Point point = Point.measurement(MEASUREMENT)
                .addTag("home", event.homeId())
                .addTag("sensor", event.sensorId())
                .addTag("kind", event.kind().wireName())
                .addTag("cohort", cohorts.cohortOf(event.homeId()))
                .addField("value", event.value());
        if (event.battery() != null) {
            point.addField("battery", event.battery().longValue());
        }
        if (event.linkQuality() != null) {
            point.addField("link_quality", event.linkQuality().longValue());
        }
        return PointMapper.at(point, event.ts());
    }
}
