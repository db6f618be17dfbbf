package org.hearth.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the plain JSON hubs send, byte by byte, into the same tree as {@link PayloadJson#mapper()}'s
 * {@code readTree}: an object of ASCII names and strings without escapes, whole numbers of up to 18
 * digits, decimals without an exponent, {@code true}, {@code false}, {@code null}, and objects and
 * arrays of these a few levels deep. Zigbee2MQTT's {@code {"battery":97.5,"occupancy":true,
 * "linkquality":87,"update":{"state":"idle"}}} is all of that; so is every native message.
 *
 * <p>Why: Jackson's streaming parser ({@link PayloadTree}) took about as long as the whole tree
 * parse it was measured against, half of a Zigbee2MQTT message's decode (BENCHMARKS.md, section
 * 1): a parser, its buffers and contexts set up per payload, names looked up in its symbol table,
 * numbers copied to a text buffer and then read by {@code Double.parseDouble}. Here a name the
 * decoders read is the same {@code String} constant they look it up with, and a decimal's digits
 * become the double in one division, exact for up to 15 significant digits (both operands are exact
 * doubles and the division rounds once, as {@code Double.parseDouble} does; the usual fast path of
 * decimal parsers).
 *
 * <p>Like {@link PayloadTree}, it answers only when it is sure and gives null for anything else: any
 * byte it does not expect (an escape, a byte beyond ASCII, a control character, a byte-order mark,
 * a comment), a number with an exponent, a leading zero or more digits, a duplicate name, more than
 * {@link PayloadTree#MAX_FIELDS} fields, nesting beyond {@link #MAX_DEPTH}, more than
 * {@link #MAX_TOKENS} tokens, a long name or string, text after the object. The caller then reads
 * it as before ({@code PayloadTree}, else the mapper), so what is refused and how is unchanged;
 * every limit here is well inside the mapper's, so nothing the mapper would refuse for its limits
 * is read here. {@code PayloadScannerTest} compares both on fuzzed payloads.
 */
final class PayloadScanner {

    /** Objects and arrays inside each other (the mapper allows 32; hubs nest at most 4). */
    static final int MAX_DEPTH = 8;
    /** Names, values, starts and ends (the mapper allows 10,000). */
    static final int MAX_TOKENS = 1_000;
    /** Bytes of one name (the mapper allows 256 characters). */
    static final int MAX_NAME_BYTES = 64;
    /** Bytes of one string value (the mapper allows 64 Ki characters). */
    static final int MAX_TEXT_BYTES = 1_024;

    private static final JsonNodeFactory NODES = PayloadJson.mapper().getNodeFactory();
    private static final double[] POW10 = new double[23];
    /** 2^53: up to it, every whole number is an exact double. */
    private static final long EXACT = 1L << 53;

    /**
     * Field names the decoders read and the ones hubs send most, kept as the very {@code String}
     * constants the decoders look them up with (equal by reference, and no string made per name).
     */
    private static final List<String> KNOWN_NAMES = List.of(
            // native
            "ts", "kind", "value", "battery", "linkQuality",
            // Zigbee2MQTT
            "occupancy", "presence", "state", "contact", "power", "action", "temperature", "humidity", "linkquality",
            "last_seen", "voltage", "illuminance", "illuminance_lux", "device_temperature", "power_outage_count",
            "energy", "current", "power_on_behavior", "battery_low", "tamper", "update", "installed_version",
            "latest_version", "update_available",
            // Shelly
            "id", "src", "dst", "method", "params", "events", "event", "component", "output", "apower", "aenergy",
            "total", "by_minute", "minute_ts", "tC", "tF", "rh", "bat", "motion", "source", "switch:0", "input:0",
            // Tasmota
            "Time", "ENERGY", "Power", "POWER", "POWER1", "Switch1", "Temperature", "Humidity", "StatusTIM", "UTC",
            "Local", "Total", "Today", "Yesterday", "Voltage", "Current", "Factor", "ApparentPower", "ReactivePower");
    private static final int NAME_SLOTS = 256;
    private static final String[] NAMES = new String[NAME_SLOTS];

    static {
        POW10[0] = 1;
        for (int k = 1; k < POW10.length; k++) {
            POW10[k] = POW10[k - 1] * 10; // exact up to 10^22
        }
        for (String name : KNOWN_NAMES) {
            int slot = name.hashCode() & (NAME_SLOTS - 1);
            while (NAMES[slot] != null) {
                slot = (slot + 1) & (NAME_SLOTS - 1);
            }
            NAMES[slot] = name;
        }
    }

    private final byte[] in;
    private int at;
    private int tokens;

    private PayloadScanner(byte[] in) {
        this.in = in;
    }

    /** The payload's object as the mapper would read it, or null: read it the general way. */
    static ObjectNode read(byte[] payload) {
        PayloadScanner s = new PayloadScanner(payload);
        if (s.skipSpace() != '{') {
            return null;
        }
        s.at++;
        ObjectNode root = s.object(1);
        // The mapper refuses text after the value (FAIL_ON_TRAILING_TOKENS); white space is allowed.
        return root != null && s.skipSpace() < 0 ? root : null;
    }

    /** The byte at the first non-blank position from here (JSON's four blanks), or -1 at the end. */
    private int skipSpace() {
        byte[] b = in;
        for (int i = at; i < b.length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                at = i;
                return c & 0xFF;
            }
        }
        at = b.length;
        return -1;
    }

    /** The object whose '{' was just passed, or null. */
    private ObjectNode object(int depth) {
        if (depth > MAX_DEPTH || ++tokens > MAX_TOKENS) {
            return null;
        }
        FieldArray.Builder fields = new FieldArray.Builder();
        int c = skipSpace();
        if (c == '}') {
            at++;
            return fields.node(NODES);
        }
        while (true) {
            if (c != '"' || fields.full()) {
                return null;
            }
            at++;
            String name = name();
            if (name == null || fields.has(name)) {
                return null; // a duplicate: the mapper refuses it, in its words
            }
            if (skipSpace() != ':') {
                return null;
            }
            at++;
            JsonNode value = value(skipSpace(), depth);
            if (value == null) {
                return null;
            }
            fields.add(name, value);
            c = skipSpace();
            if (c == ',') {
                at++;
                c = skipSpace();
            } else if (c == '}') {
                at++;
                return fields.node(NODES);
            } else {
                return null;
            }
        }
    }

    /** The array whose '[' was just passed, or null. */
    private ArrayNode array(int depth) {
        if (depth > MAX_DEPTH || ++tokens > MAX_TOKENS) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        int c = skipSpace();
        if (c == ']') {
            at++;
            return array;
        }
        while (true) {
            JsonNode value = value(c, depth);
            if (value == null) {
                return null;
            }
            array.add(value);
            c = skipSpace();
            if (c == ',') {
                at++;
                c = skipSpace();
            } else if (c == ']') {
                at++;
                return array;
            } else {
                return null;
            }
        }
    }

    /** The value starting with byte {@code c} at the current position, or null. */
    private JsonNode value(int c, int depth) {
        if (++tokens > MAX_TOKENS) {
            return null;
        }
        switch (c) {
            case '"':
                at++;
                String text = text();
                return text == null ? null : NODES.textNode(text);
            case '{':
                at++;
                return object(depth + 1);
            case '[':
                at++;
                return array(depth + 1);
            case 't':
                return word("true") ? NODES.booleanNode(true) : null;
            case 'f':
                return word("false") ? NODES.booleanNode(false) : null;
            case 'n':
                return word("null") ? NODES.nullNode() : null;
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number() : null;
        }
    }

    /** Whether {@code word} is here (then passed); what follows it is checked by the caller. */
    private boolean word(String word) {
        int n = word.length();
        if (at + n > in.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += n;
        return true;
    }

    /**
     * A number in JSON's grammar without an exponent: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}, at most
     * 18 digits. A whole number is an int node when it fits an int, else a long node, as the mapper
     * types it; a decimal a double node, when its digits fit 2^53 and it has at most 22 after the point
     * (then {@code digits / 10^k} is exact before one rounding: {@code Double.parseDouble}'s value).
     */
    private JsonNode number() {
        byte[] b = in;
        int i = at;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= b.length || b[i] < '0' || b[i] > '9') {
            return null;
        }
        long digits = 0;
        int count = 0;
        if (b[i] == '0') {
            i++;
            count = 1;
        } else {
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (++count > 18) {
                    return null;
                }
                digits = digits * 10 + (b[i++] - '0');
            }
        }
        int fraction = 0;
        if (i < b.length && b[i] == '.') {
            i++;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (++count > 18) {
                    return null;
                }
                digits = digits * 10 + (b[i++] - '0');
                fraction++;
            }
            if (fraction == 0) {
                return null; // "1." is not JSON
            }
        }
        if (i < b.length && ((b[i] >= '0' && b[i] <= '9') || b[i] == 'e' || b[i] == 'E' || b[i] == '.')) {
            return null; // a leading zero ("01"), an exponent: the general way
        }
        at = i;
        if (fraction == 0) {
            long v = negative ? -digits : digits;
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        if (digits > EXACT || fraction >= POW10.length) {
            return null;
        }
        double v = digits / POW10[fraction];
        return NODES.numberNode(negative ? -v : v);
    }

    /** A name whose opening quote was just passed (then the closing one is passed too), or null. */
    private String name() {
        byte[] b = in;
        int start = at;
        int hash = 0;
        int i = start;
        for (;; i++) {
            if (i >= b.length || i - start > MAX_NAME_BYTES) {
                return null;
            }
            int c = b[i];
            if (c == '"') {
                break;
            }
            if (c < ' ' || c == '\\') { // negative: a byte beyond ASCII
                return null;
            }
            hash = 31 * hash + c; // String.hashCode of the same characters
        }
        at = i + 1;
        int length = i - start;
        for (int slot = hash & (NAME_SLOTS - 1); NAMES[slot] != null; slot = (slot + 1) & (NAME_SLOTS - 1)) {
            String known = NAMES[slot];
            if (known.hashCode() == hash && known.length() == length && sameChars(known, b, start)) {
                return known;
            }
        }
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean sameChars(String known, byte[] b, int from) {
        for (int i = 0; i < known.length(); i++) {
            if (known.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** A string value whose opening quote was just passed (then the closing one too), or null. */
    private String text() {
        byte[] b = in;
        int start = at;
        for (int i = start;; i++) {
            if (i >= b.length || i - start > MAX_TEXT_BYTES) {
                return null;
            }
            int c = b[i];
            if (c == '"') {
                at = i + 1;
                return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (c < ' ' || c == '\\') { // negative: a byte beyond ASCII, read as UTF-8 the general way
                return null;
            }
        }
    }
}
