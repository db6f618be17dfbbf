package org.hearth.live.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hostile classes of issue 19, each message built to give exactly one dead letter on
 * {@link HostileInputLiveTest}'s registry (single-sensor devices, so a bad reading is not
 * multiplied per sensor), and none an event.
 */
final class HostileMessages {

    record Message(String kind, String topic, byte[] payload) {}

    static final String FLOOD_TOPIC = "hearth/h1/pir-kitchen";

    private static final List<String> NATIVE = List.of("hearth/h1/pir-hall", "hearth/h1/bed", "hearth/h1/kitchen-plug",
            "hearth/h1/front-door", "hearth/h2/pir-lounge", "hearth/h2/bed");
    /** Motion sensors: a payload saying "motion" gets past the kind check to the check it is aimed at. */
    private static final List<String> MOTION = List.of("hearth/h1/pir-hall", "hearth/h2/pir-lounge");

    private HostileMessages() {}

    /** About 1,700 messages per unit of scale; {@code scale} multiplies every class. */
    static List<Message> build(int scale, Instant now, long seed) {
        Random random = new Random(seed);
        List<Message> out = new ArrayList<>();
        String ts = "\"ts\":\"" + now + "\"";
        for (int i = 0; i < 200 * scale; i++) {
            out.add(text("surrogate", MOTION.get(i % MOTION.size()), "{" + ts + ",\"kind\":\"motion\",\"value\":\"\\ud800\"}"));
        }
        for (int i = 0; i < 500 * scale; i++) {
            byte[] bytes = new byte[1 + random.nextInt(512)];
            random.nextBytes(bytes);
            bytes[0] = (byte) '{'; // never a whole JSON object: random bytes after an opening brace
            out.add(new Message("random-bytes", NATIVE.get(i % NATIVE.size()), bytes));
        }
        String valid = "{" + ts + ",\"kind\":\"motion\",\"value\":1,\"battery\":80}";
        for (int i = 0; i < 300 * scale; i++) {
            out.add(text("truncated-json", NATIVE.get(i % NATIVE.size()), valid.substring(0, random.nextInt(valid.length() - 1))));
        }
        for (int i = 0; i < 50 * scale; i++) {
            out.add(text("nan", MOTION.get(i % MOTION.size()), "{" + ts + ",\"kind\":\"motion\",\"value\":" + (i % 2 == 0 ? "NaN" : "-Infinity") + "}"));
        }
        List<String> huge = List.of("1e400", "-1e400", "1" + "0".repeat(200), "1,\"battery\":18446744073709551666");
        for (int i = 0; i < 100 * scale; i++) {
            out.add(text("huge-number", MOTION.get(i % MOTION.size()), "{" + ts + ",\"kind\":\"heartbeat\",\"value\":" + huge.get(i % huge.size()) + "}"));
        }
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        for (int i = 0; i < 50 * scale; i++) {
            out.add(text("deep-nesting", NATIVE.get(i % NATIVE.size()), "{" + ts + ",\"kind\":\"motion\",\"value\":1,\"x\":" + deep + "}"));
        }
        byte[] mega = new byte[1_000_000];
        Arrays.fill(mega, (byte) 'A');
        System.arraycopy("{\"pad\":\"".getBytes(StandardCharsets.US_ASCII), 0, mega, 0, 8);
        for (int i = 0; i < 5 * scale; i++) {
            out.add(new Message("1mb-payload", NATIVE.get(i % NATIVE.size()), mega));
        }
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F}};
        for (int i = 0; i < 200 * scale; i++) {
            byte[] head = ("{" + ts + ",\"kind\":\"").getBytes(StandardCharsets.US_ASCII);
            byte[] bad = invalid[i % invalid.length];
            byte[] tail = "\",\"value\":1}".getBytes(StandardCharsets.US_ASCII);
            byte[] p = Arrays.copyOf(head, head.length + bad.length + tail.length);
            System.arraycopy(bad, 0, p, head.length, bad.length);
            System.arraycopy(tail, 0, p, head.length + bad.length, tail.length);
            out.add(new Message("invalid-utf8", NATIVE.get(i % NATIVE.size()), p));
        }
        for (int i = 0; i < 50 * scale; i++) {
            out.add(text("absurd-topic", i % 2 == 0 ? "hearth/h1/" + "x".repeat(300 + i % 700) : "hearth/nohome-" + i % 7 + "/pir", valid));
        }
        List<String> times = List.of("+999999999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "1999-12-31T23:59:59Z");
        for (int i = 0; i < 100 * scale; i++) {
            out.add(text("absurd-time", MOTION.get(i % MOTION.size()), "{\"ts\":\"" + times.get(i % times.size()) + "\",\"kind\":\"motion\",\"value\":1}"));
        }
        for (int i = 0; i < 50 * scale; i++) {
            out.add(text("hub-formats", "zigbee2mqtt/h2/lounge_pir", "{\"occupancy\":\"\\ud800\",\"linkquality\":" + (i % 2 == 0 ? "1e400" : "NaN") + "}"));
            out.add(text("hub-formats", "shellyplus1pm-a8032ab12345/status/switch:0", "{\"id\":0,\"apower\":1e400,\"output\":true}"));
            out.add(text("hub-formats", "tele/tasmota_5E2B10/SENSOR", "{\"Time\":\"\\udfff\",\"ENERGY\":{\"Power\":" + "[".repeat(64) + "}}"));
        }
        return out;
    }

    /** A device that floods: truncated JSON as fast as the broker takes it, on one topic, {@code size} messages. */
    static List<Message> flood(int size, Instant now) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(text("flood", FLOOD_TOPIC, "{\"ts\":\"" + now.plusMillis(i) + "\",\"kind\":\"motion\",\"value\":"));
        }
        return out;
    }

    private static Message text(String kind, String topic, String payload) {
        return new Message(kind, topic, payload.getBytes(StandardCharsets.UTF_8));
    }
}
