package org.hearth.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;

/**
 * A reading's native payload ({@link NativeMessage} as {@link HearthJson#json()} writes it) for whatever instant it is
 * published at: Jackson writes the reading once, with a marker instant, and each publish splices its own instant's ISO
 * form (what Jackson writes for an {@link Instant}, {@link Instant#toString()}) where the marker was. The same bytes as
 * Jackson's for the same reading and instant ({@code StampedPayloadTest}), without a bean serialisation per reading:
 * a fifth of the end-to-end bench's feed thread at the morning peak (BENCHMARKS.md, §The bench's own publisher).
 */
final class StampedPayload {

    /** An instant no reading carries, whose rendering cannot occur elsewhere in a payload. */
    private static final Instant MARKER = Instant.parse("1970-01-02T03:04:05.678901234Z");

    private final byte[] head;
    private final byte[] tail;

    private StampedPayload(byte[] head, byte[] tail) {
        this.head = head;
        this.tail = tail;
    }

    /** The payload of {@code reading} (its home, sensor and instant aside: the topic and the publish give those). */
    static StampedPayload of(SensorEvent reading) {
        SensorEvent marked = new SensorEvent(reading.homeId(), reading.sensorId(), MARKER, reading.kind(), reading.value(),
                reading.battery(), reading.linkQuality());
        byte[] json;
        try {
            json = HearthJson.json().writeValueAsBytes(NativeMessage.of(marked));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the payload of " + reading, e);
        }
        byte[] marker = ('"' + MARKER.toString() + '"').getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(json, marker);
        if (at < 0 || indexOf(Arrays.copyOfRange(json, at + 1, json.length), marker) >= 0) {
            throw new IllegalStateException("the instant is not written once as its ISO form: " + new String(json, StandardCharsets.UTF_8));
        }
        return new StampedPayload(Arrays.copyOf(json, at + 1), Arrays.copyOfRange(json, at + marker.length - 1, json.length));
    }

    /** The payload stamped with {@code ts}. */
    byte[] at(Instant ts) {
        byte[] iso = ts.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + iso.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(iso, 0, out, head.length, iso.length);
        System.arraycopy(tail, 0, out, head.length + iso.length, tail.length);
        return out;
    }

    private static int indexOf(byte[] in, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= in.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (in[i + k] != part[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
