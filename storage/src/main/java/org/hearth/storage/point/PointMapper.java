package org.hearth.storage.point;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.Objects;

/**
 * Maps one Hearth record type to one measurement. Adding a measurement is one small class that
 * extends this (its type, schema and retention to the constructor, and {@link #toPoint}) and one
 * line in {@link PointMappers#standard}. Every mapper has this one shape: what they had in common
 * (type, schema, retention, the home and cohort tags) is here, what they map is theirs.
 *
 * <p>Rules for implementations: tag only low-cardinality keys (home, rule, severity, kind, cohort)
 * and pseudonymous ids; never names, phone numbers or message bodies. Start a point about a home
 * with {@link #homePoint} and set the time with {@link #at(Point, java.time.Instant)} so every point
 * is at millisecond precision.
 *
 * @param <T> the record type
 */
public abstract class PointMapper<T> implements PointEncoder<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final PointSchema schema;
    private final Retention retention;
    private final HomeCohorts cohorts;

    /**
     * @param cohorts each home's cohort, for the {@code cohort} tag of {@link #homePoint}; null for
     *     a measurement that is not about one home
     */
    protected PointMapper(Class<T> type, PointSchema schema, Retention retention, HomeCohorts cohorts) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.cohorts = cohorts;
    }

    /** The record type this maps; {@link PointMappers} dispatches on it. */
    public final Class<T> type() {
        return type;
    }

    /** The measurement, tags and fields this mapper writes. */
    public final PointSchema schema() {
        return schema;
    }

    /** Whether these points may be dropped when the server is away. */
    public final Retention retention() {
        return retention;
    }

    /** The point, with its time set through {@link #at}. */
    public abstract Point toPoint(T value);

    @Override
    public final StoredPoint encode(T value) {
        Point point = toPoint(value);
        if (point.getPrecision() != WritePrecision.MS || point.getTime() == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " must set the time with PointMapper.at");
        }
        return new StoredPoint(point.toLineProtocol(), retention);
    }

    /** A point of this measurement with no tags yet. */
    protected final Point point() {
        return Point.measurement(schema.measurement());
    }

    /** A point of this measurement about {@code homeId}: tagged with the home and its cohort. */
    protected final Point homePoint(String homeId) {
        if (cohorts == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was built without cohorts");
        }
        return point().addTag("home", homeId).addTag("cohort", cohorts.cohortOf(homeId));
    }

    /** Sets the point's time at millisecond precision, the precision every batch is written at. */
    static Point at(Point point, java.time.Instant time) {
        return point.time(time.toEpochMilli(), WritePrecision.MS);
    }

    /** Line protocol string fields are one line: newlines become spaces. */
    static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }
}
