package org.hearth.storage.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hearth.storage.point.PointSchema;

/** QuestDB DDL for a measurement, so that it behaves like an InfluxDB measurement. */
public final class QuestDbTables {

    private QuestDbTables() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS}: tags as symbols, typed fields, deduplicated on time and tags. */
    public static String createTable(PointSchema schema) {
        List<String> columns = new ArrayList<>();
        TreeSet<String> tags = new TreeSet<>(schema.tags());
        for (String tag : tags) {
            columns.add(quote(tag) + " SYMBOL");
        }
        new TreeSet<>(schema.fields().keySet()).forEach(field -> columns.add(quote(field) + " " + switch (schema.fields().get(field)) {
            case FLOAT -> "DOUBLE";
            case INTEGER -> "LONG";
            case STRING -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
        }));
        columns.add("timestamp TIMESTAMP");
        List<String> keys = new ArrayList<>();
        keys.add("timestamp");
        tags.forEach(t -> keys.add(quote(t)));
        return "CREATE TABLE IF NOT EXISTS " + quote(schema.measurement()) + " (" + String.join(", ", columns)
                + ") TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(" + String.join(", ", keys) + ")";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "") + "\"";
    }
}
