package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.JSON_OVER_LIMITS;
import static org.hearth.ingest.deadletter.DeadLetterReason.MALFORMED_JSON;
import static org.hearth.ingest.deadletter.DeadLetterReason.MISSING_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Strict readers for payload fields: each failure names the field and becomes a dead letter. */
final class Fields {

    private Fields() {}

    /** Parses a payload that must be a JSON object, within the limits of {@link PayloadJson}. */
    static JsonNode object(byte[] payload) {
        JsonNode fast = PayloadScanner.read(payload);
        if (fast == null) {
            fast = PayloadTree.read(payload); // escapes, exponents, UTF-8 text: still one streaming pass
        }
        if (fast != null) {
            return fast;
        }
        // Not a well-formed object within the limits, or one the fast reader leaves to the mapper:
        // the mapper reads it and says what is wrong, as it always has.
        JsonNode node;
        try {
            node = PayloadJson.mapper().readTree(payload);
        } catch (StreamConstraintsException e) {
            throw new FieldProblem(JSON_OVER_LIMITS, "over the limits at the door: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new FieldProblem(MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FieldProblem(MALFORMED_JSON, "unreadable payload: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new FieldProblem(MALFORMED_JSON, "empty payload");
        }
        if (!node.isObject()) {
            throw new FieldProblem(WRONG_TYPE, "payload must be a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    static boolean has(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v != null && !v.isNull();
    }

    static JsonNode required(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw new FieldProblem(MISSING_FIELD, "missing field '" + field + "'");
        }
        return v;
    }

    static double number(JsonNode obj, String field) {
        JsonNode v = required(obj, field);
        if (!v.isNumber()) {
            throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    static boolean bool(JsonNode obj, String field) {
        JsonNode v = required(obj, field);
        if (!v.isBoolean()) {
            throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    static String text(JsonNode obj, String field) {
        JsonNode v = required(obj, field);
        if (!v.isTextual()) {
            throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be a string, got " + v);
        }
        return v.textValue();
    }

    /** "ON"/"OFF" (Tasmota POWER, Zigbee2MQTT state), case-insensitive. */
    static double onOff(JsonNode obj, String field) {
        String s = text(obj, field).trim();
        if (s.equalsIgnoreCase("ON")) {
            return 1;
        }
        if (s.equalsIgnoreCase("OFF")) {
            return 0;
        }
        throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be ON or OFF, got \"" + s + "\"");
    }

    /**
     * An optional whole number (battery, link quality): absent or null gives null; a fraction is
     * rounded (Zigbee2MQTT's battery is {@code batteryPercentageRemaining / 2}, e.g. 97.5, per
     * zigbee-herdsman-converters). A value that is not a finite number is never fatal: it gives
     * null and a line in {@code dropped}, so the readings beside it survive.
     */
    static Integer optionalInt(JsonNode obj, String field, List<String> dropped) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())
                || Math.abs(v.doubleValue()) > Integer.MAX_VALUE) {
            dropped.add("field '" + field + "' must be a number, got " + DeviceReadings.abbreviate(v.toString()) + "; dropped");
            return null;
        }
        return (int) Math.round(v.doubleValue());
    }

    /** A UTC instant with a zone or offset, e.g. {@code 2026-11-23T07:12:03.120Z}. */
    static Instant instant(JsonNode obj, String field) {
        String s = text(obj, field);
        Instant fast = IsoTime.offsetInstant(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be an ISO-8601 instant with offset, got \"" + s + "\"");
        }
    }

    /**
     * A device timestamp that may be local time without offset (Tasmota's {@code Time}); read in
     * the home's zone. In the autumn overlap the earlier offset wins (java.time's rule).
     */
    static Instant localOrOffsetInstant(JsonNode obj, String field, ZoneId zone) {
        JsonNode v = required(obj, field);
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.longValue());
        }
        String s = text(obj, field);
        Instant fast = IsoTime.offsetInstant(s);
        if (fast != null) {
            return fast;
        }
        LocalDateTime local = IsoTime.localDateTime(s);
        if (local != null) {
            return local.atZone(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be an ISO-8601 time, got \"" + s + "\"");
            }
        }
    }
}
