package org.hearth.storage.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small line-protocol reader for tests: measurement, tags, fields (with their types as written)
 * and the timestamp. Handles the escapes influxdb-client-java writes.
 */
public record LineProtocol(String measurement, Map<String, String> tags, Map<String, String> rawFields, long time) {

    public static LineProtocol parse(String line) {
        int i = 0;
        StringBuilder measurement = new StringBuilder();
        while (line.charAt(i) != ',' && line.charAt(i) != ' ') {
            if (line.charAt(i) == '\\') {
                i++;
            }
            measurement.append(line.charAt(i++));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        while (line.charAt(i) == ',') {
            i++;
            StringBuilder key = new StringBuilder();
            while (line.charAt(i) != '=') {
                if (line.charAt(i) == '\\') {
                    i++;
                }
                key.append(line.charAt(i++));
            }
            i++;
            StringBuilder value = new StringBuilder();
            while (line.charAt(i) != ',' && line.charAt(i) != ' ') {
                if (line.charAt(i) == '\\') {
                    i++;
                }
                value.append(line.charAt(i++));
            }
            tags.put(key.toString(), value.toString());
        }
        i++; // space
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            StringBuilder key = new StringBuilder();
            while (line.charAt(i) != '=') {
                if (line.charAt(i) == '\\') {
                    i++;
                }
                key.append(line.charAt(i++));
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (line.charAt(i) == '"') {
                value.append(line.charAt(i++));
                while (line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                    value.append(line.charAt(i++));
                }
                value.append(line.charAt(i++));
            } else {
                while (line.charAt(i) != ',' && line.charAt(i) != ' ') {
                    value.append(line.charAt(i++));
                }
            }
            fields.put(key.toString(), value.toString());
            if (line.charAt(i) == ' ') {
                break;
            }
            i++;
        }
        return new LineProtocol(measurement.toString(), tags, fields, Long.parseLong(line.substring(i + 1).strip()));
    }

    /** FLOAT, INTEGER, STRING or BOOLEAN, as the server will read the field. */
    public static String typeOf(String rawValue) {
        if (rawValue.startsWith("\"")) {
            return "STRING";
        }
        if (rawValue.endsWith("i")) {
            return "INTEGER";
        }
        if (rawValue.equals("true") || rawValue.equals("false")) {
            return "BOOLEAN";
        }
        Double.parseDouble(rawValue);
        return "FLOAT";
    }
}
