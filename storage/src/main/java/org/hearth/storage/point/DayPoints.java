package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hearth.models.day.DayProfile;

/**
 * Closed care days as measurement {@code day_profile}: the anchors in local minutes (absent when
 * the day did not show them), the daily counts, and the anomaly score with its top feature once
 * the baseline is ready. The home dashboard draws these against the {@code baseline} bands.
 */
public final class DayPoints extends PointMapper<HomeDay> {

    public static final String MEASUREMENT = "day_profile";
    private static final PointSchema SCHEMA;

    static {
        Map<String, FieldType> fields = new HashMap<>();
        for (String f : new String[] {"rise_minute", "first_kettle_minute", "bedtime_minute", "kettle_boils",
                "bathroom_day", "bathroom_night", "night_bed_exits", "night_door_openings", "out_of_home_minutes",
                "time_in_bed_minutes", "longest_bathroom_seconds", "active_slots"}) {
            fields.put(f, FieldType.INTEGER);
        }
        fields.put("day_score", FieldType.FLOAT);
        fields.put("top_feature", FieldType.STRING);
        SCHEMA = new PointSchema(MEASUREMENT, Set.of("home", "cohort"), fields);
    }

    public DayPoints(HomeCohorts cohorts) {
        super(HomeDay.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(HomeDay day) {
        DayProfile p = day.profile();
        Point point = homePoint(day.homeId())
                .addField("kettle_boils", (long) p.kettleBoils())
                .addField("bathroom_day", (long) p.bathroomDay())
                .addField("bathroom_night", (long) p.bathroomNight())
                .addField("night_bed_exits", (long) p.nightBedExits())
                .addField("night_door_openings", (long) p.nightDoorOpenings())
                .addField("out_of_home_minutes", (long) p.outOfHomeMinutes())
                .addField("time_in_bed_minutes", (long) p.timeInBedMinutes())
                .addField("longest_bathroom_seconds", (long) p.longestBathroomSeconds())
                .addField("active_slots", (long) Long.bitCount(p.activeSlots()));
        p.rise().ifPresent(m -> point.addField("rise_minute", (long) m));
        p.firstKettle().ifPresent(m -> point.addField("first_kettle_minute", (long) m));
        p.bedtime().ifPresent(m -> point.addField("bedtime_minute", (long) m));
        if (day.score() != null) {
            point.addField("day_score", day.score().score());
            if (day.score().topFeature() != null) {
                point.addField("top_feature", day.score().topFeature());
            }
        }
        return PointMapper.at(point, day.closedAt());
    }
}
