package org.hearth.storage.point;

import com.influxdb.client.write.Point;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.DayMeasure;

/**
 * A baseline's bands as measurement {@code baseline}: for each time anchor and each daily measure
 * its 10th, 50th and 90th percentile over the learning window ({@code rise_p10}, {@code
 * kettle_boils_p90}, ...), plus how many days it holds and whether it is ready. Never the window
 * itself. Bands absent while the window has no such day.
 */
public final class BaselinePoints extends PointMapper<HomeBaseline> {

    public static final String MEASUREMENT = "baseline";
    private static final double[] QUANTILES = {0.1, 0.5, 0.9};
    private static final PointSchema SCHEMA;

    static {
        Map<String, FieldType> fields = new HashMap<>();
        for (String band : bandNames()) {
            for (double q : QUANTILES) {
                fields.put(band + suffix(q), FieldType.FLOAT);
            }
        }
        fields.put("days", FieldType.INTEGER);
        fields.put("ready", FieldType.BOOLEAN);
        SCHEMA = new PointSchema(MEASUREMENT, Set.of("home", "cohort"), fields);
    }

    public BaselinePoints(HomeCohorts cohorts) {
        super(HomeBaseline.class, SCHEMA, Retention.KEPT, cohorts);
    }

    @Override
    public Point toPoint(HomeBaseline value) {
        Baseline baseline = value.baseline();
        Point point = homePoint(value.homeId())
                .addField("days", (long) baseline.days())
                .addField("ready", baseline.ready());
        for (double q : QUANTILES) {
            for (Anchor anchor : Anchor.values()) {
                put(point, name(anchor) + suffix(q), baseline.anchorQuantile(anchor, q));
            }
            for (DayMeasure measure : DayMeasure.values()) {
                put(point, name(measure) + suffix(q), baseline.quantile(measure, q));
            }
        }
        return PointMapper.at(point, value.at());
    }

    private static void put(Point point, String field, OptionalDouble value) {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            point.addField(field, value.getAsDouble());
        }
    }

    private static String[] bandNames() {
        String[] names = new String[Anchor.values().length + DayMeasure.values().length];
        int i = 0;
        for (Anchor a : Anchor.values()) {
            names[i++] = name(a);
        }
        for (DayMeasure m : DayMeasure.values()) {
            names[i++] = name(m);
        }
        return names;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String suffix(double q) {
        return "_p" + Math.round(q * 100);
    }
}
