package org.hearth.storage.point;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * What one mapper writes: its measurement, its tags and its fields with their types. Dashboards
 * are checked against these schemas, and each mapper's output is checked against its own. Serializable:
 * a mapper holds its schema and travels with the Flink sink.
 *
 * @param measurement the measurement name
 * @param tags tag keys (all low cardinality or pseudonymous)
 * @param fields field keys and their types
 */
public record PointSchema(String measurement, Set<String> tags, Map<String, FieldType> fields) implements Serializable {

    public PointSchema {
        tags = Set.copyOf(tags);
        fields = Map.copyOf(fields);
    }

    /** True when the name is a tag or a field of this measurement (or the time column). */
    public boolean hasColumn(String name) {
        return tags.contains(name) || fields.containsKey(name) || name.equals("_time") || name.equals("_measurement");
    }
}
