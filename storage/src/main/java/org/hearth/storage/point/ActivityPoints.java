package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.BathroomVisit;
import org.hearth.models.activity.ContactSilence;
import org.hearth.models.activity.DoorClosed;
import org.hearth.models.activity.DoorOpened;
import org.hearth.models.activity.KettleBoil;
import org.hearth.models.activity.Motion;
import org.hearth.models.activity.ReturnedHome;
import org.hearth.models.activity.RoomChanged;
import org.hearth.models.activity.Stillness;

/**
 * Recognised activities as measurement {@code activity}, for the home dashboard's timeline. The
 * kind is the activity's type in kebab case ({@code kettle-boil}, {@code bed-exited}); rooms are
 * free names, so they are a field, not a tag. A contact's activities name the contact ({@code sensor}),
 * and a long silence a contact opened says whether the same contact ended it ({@code round_trip}): the
 * evidence from which an exit door is learned, so that an installer can see why a back door was (or
 * was not) taken for a way out.
 */
public final class ActivityPoints extends PointMapper<HomeActivity> {

    public static final String MEASUREMENT = "activity";
    private static final PointSchema SCHEMA = new PointSchema(MEASUREMENT,
            Set.of("home", "kind", "cohort"),
            Map.of("count", FieldType.INTEGER, "duration_s", FieldType.INTEGER, "room", FieldType.STRING,
                    "sensor", FieldType.STRING, "round_trip", FieldType.BOOLEAN));

    public ActivityPoints(HomeCohorts cohorts) {
        super(HomeActivity.class, SCHEMA, Retention.KEPT, cohorts);
    }

    /** {@code KettleBoil} → {@code kettle-boil}. */
    public static String kind(Activity activity) {
        return activity.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Point toPoint(HomeActivity value) {
        Activity activity = value.activity();
        Point point = homePoint(value.homeId())
                .addTag("kind", kind(activity))
                .addField("count", 1L);
        Instant end = null;
        if (activity instanceof KettleBoil k) {
            end = k.end();
        } else if (activity instanceof BathroomVisit b) {
            end = b.end();
        } else if (activity instanceof Stillness s) {
            end = s.end();
        } else if (activity instanceof ContactSilence c) {
            end = c.end();
            point.addField("sensor", PointMapper.oneLine(c.sensorId())).addField("round_trip", c.roundTrip());
        }
        if (activity instanceof ReturnedHome r) {
            point.addField("duration_s", Duration.between(r.leftAt(), r.at()).toSeconds());
        } else if (end != null) {
            point.addField("duration_s", Duration.between(activity.at(), end).toSeconds());
        }
        String room = null; // Java 17: no pattern switch yet
        if (activity instanceof Motion m) {
            room = m.room();
        } else if (activity instanceof RoomChanged c) {
            room = c.to();
        } else if (activity instanceof Stillness s) {
            room = s.room();
        } else if (activity instanceof DoorOpened d) {
            room = d.room();
            point.addField("sensor", PointMapper.oneLine(d.sensorId()));
        } else if (activity instanceof DoorClosed d) {
            room = d.room();
            point.addField("sensor", PointMapper.oneLine(d.sensorId()));
        }
        if (room != null) {
            point.addField("room", PointMapper.oneLine(room));
        }
        return PointMapper.at(point, activity.at());
    }
}
