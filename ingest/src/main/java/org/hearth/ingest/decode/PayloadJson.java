package org.hearth.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one parser every decoder reads payloads with (through {@link Fields#object}), so the limits
 * at the door hold for every format, whichever decoder a topic routes to. The payload size is
 * checked before this ({@code ValidationPolicy.maxPayloadBytes}); these bound what a small payload
 * can still make the parser do. A payload beyond them is dead-lettered as {@code json-over-limits}.
 *
 * <p>A payload object is read first by {@link PayloadTree}, which gives the same tree for less and
 * leaves everything it is not sure of (anything malformed or over a limit) to this mapper.
 *
 * <p>Real payloads are far inside them: a Shelly Gen2 RPC notification nests 4 levels, a Tasmota
 * {@code tele/SENSOR} 3, Zigbee2MQTT 2; no field name or number in them is over 40 characters.
 */
public final class PayloadJson {

    /** Objects and arrays inside each other. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Digits (and sign, point, exponent) of one number: {@code 1e400} passes and is caught as infinite later. */
    public static final int MAX_NUMBER_CHARS = 64;
    /** One string value; the payload limit (64 KiB) bounds it first unless raised. */
    public static final int MAX_STRING_CHARS = 64 * 1024;
    /** One field name. */
    public static final int MAX_NAME_CHARS = 256;
    /** Tokens in one payload (a 64 KiB array of zeros is ~32,000). */
    public static final long MAX_TOKENS = 10_000;

    /** The limits above, for every parser that reads a payload. */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxStringLength(MAX_STRING_CHARS)
            .maxNameLength(MAX_NAME_CHARS)
            .maxTokenCount(MAX_TOKENS)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
            // NaN and Infinity are not JSON; a device sending them is broken (the default, stated).
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // {"value":1,"value":"x"}: which one a reader sees differs between parsers, so refuse it.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // {"value":1} trailing: a truncated or concatenated message, not one reading.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PayloadJson() {}

    /** The limited mapper. Thread-safe; do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
