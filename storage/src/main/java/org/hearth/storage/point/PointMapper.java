package org.hearth.storage.point;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;

/**
 * Maps one Hearth record type to one measurement. Adding a measurement is one small class that
 * implements this and one line in {@link PointMappers#standard}.
 *
 * <p>Rules for implementations: tag only low-cardinality keys (home, rule, severity, kind, cohort)
 * and pseudonymous ids; never names, phone numbers or message bodies. Set the time with
 * {@link #at(Point, java.time.Instant)} so every point is at millisecond precision.
 *
 * @param <T> the record type
 */
public interface PointMapper<T> extends PointEncoder<T> {

    /** The record type this maps; {@link PointMappers} dispatches on it. */
    Class<T> type();

    /** The measurement, tags and fields this mapper writes. */
    PointSchema schema();

    /** Whether these points may be dropped when the server is away. */
    Retention retention();

    /** The point, with its time set through {@link #at}. */
    Point toPoint(T value);

    @Override
    default StoredPoint encode(T value) {
        Point point = toPoint(value);
        if (point.getPrecision() != WritePrecision.MS || point.getTime() == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " must set the time with PointMapper.at");
        }
        return new StoredPoint(point.toLineProtocol(), retention());
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
