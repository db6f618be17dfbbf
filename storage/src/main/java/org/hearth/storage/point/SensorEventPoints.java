package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.Map;
import java.util.Set;
import org.hearth.models.event.SensorEvent;

/**
 * Raw sensor events as measurement {@code sensor_event}: the only droppable points. Battery and
 * link quality are integer fields so the sensor-health panels can chart them.
 */
public final class SensorEventPoints extends PointMapper<SensorEvent> {

    public static final String MEASUREMENT = "sensor_event";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("home", "sensor", "kind", "cohort"),
            Map.of("value", FieldType.FLOAT, "battery", FieldType.INTEGER, "link_quality", FieldType.INTEGER));

    public SensorEventPoints(HomeCohorts cohorts) {
        super(SensorEvent.class, SCHEMA, Retention.DROPPABLE, cohorts);
    }

    @Override
    public Point toPoint(SensorEvent event) {
        Point point = homePoint(event.homeId())
                .addTag("sensor", event.sensorId())
                .addTag("kind", event.kind().wireName())
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
