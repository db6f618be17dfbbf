package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.DECODE_ERROR;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_TOPIC;
import static org.hearth.ingest.decode.RoutingTable.NATIVE_ROOT;

import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.source.MqttMessage;

/**
 * Routes an MQTT message by its topic to the decoder for its format and returns what it became.
 * Never throws: whatever goes wrong becomes a {@link DeadLetter} carrying the message.
 *
 * <p>Topic shapes, checked in this order: {@code hearth/{home}/{sensor}} (native); a registered
 * Zigbee2MQTT base; {@code tele/{topic}/...} and {@code stat/{topic}/...} (Tasmota);
 * {@code shellies/{id}/...} (Shelly Gen1); {@code {id}/online}, {@code {id}/status/{component}} and
 * {@code {id}/events/rpc} (Shelly Gen2+). Anything else is an unknown topic.
 */
public final class MessageDecoder {

    private final NativeDecoder nativeDecoder;
    private final Zigbee2MqttDecoder zigbee;
    private final ShellyDecoder shelly;
    private final TasmotaDecoder tasmota;
    private final RoutingTable table;

    public MessageDecoder(RoutingTable table) {
        this.table = table;
        this.nativeDecoder = new NativeDecoder(table);
        this.zigbee = new Zigbee2MqttDecoder(table);
        this.shelly = new ShellyDecoder(table);
        this.tasmota = new TasmotaDecoder(table);
    }

    public DecodeResult decode(MqttMessage message) {
        try {
            return route(message);
        } catch (FieldProblem p) {
            return DecodeResult.of(DeadLetter.of(message, p.reason, p.getMessage()));
        } catch (RuntimeException e) {
            return DecodeResult.of(DeadLetter.of(message, DECODE_ERROR, e.toString()));
        }
    }

    private DecodeResult route(MqttMessage message) {
        String topic = message.topic();
        int root = NATIVE_ROOT.length();
        if (topic.startsWith(NATIVE_ROOT) && (topic.length() == root || topic.charAt(root) == '/')) {
            // hearth/{home}/{sensor}, read by position: no segment becomes a string unless it is refused.
            int home = root + 1;
            int homeEnd = home > topic.length() ? -1 : topic.indexOf('/', home);
            if (home <= topic.length() && isReserved(topic, home, homeEnd < 0 ? topic.length() : homeEnd)) {
                // Hearth's own topics (status, control, acknowledgements, device commands) share the
                // native root and match hearth/+/+: they are not sensor data, so ignored, not dead-lettered.
                return DecodeResult.ignored();
            }
            if (homeEnd >= 0 && topic.indexOf('/', homeEnd + 1) < 0) {
                return nativeDecoder.decode(message, home, homeEnd);
            }
            throw new FieldProblem(UNKNOWN_TOPIC, "native topics read hearth/{homeId}/{sensorId}");
        }
        DeviceBinding device = table.zigbeeDeviceAt(topic);
        if (device != null) {
            return zigbee.state(message, device);
        }
        RoutingTable.ZigbeeBase base = table.zigbeeBase(topic);
        if (base != null) {
            return zigbee.decode(message, base);
        }
        String[] seg = topic.split("/", -1);
        if (seg.length == 3 && (seg[0].equals("tele") || seg[0].equals("stat"))) {
            return tasmota.decode(message, seg[0], seg[1], seg[2]);
        }
        if (seg.length >= 3 && seg[0].equals("shellies")) {
            return shelly.gen1(message, seg[1], topic.substring(seg[0].length() + seg[1].length() + 2));
        }
        if (seg.length == 2 && seg[1].equals("online")) {
            return shelly.online(message, seg[0]);
        }
        if (seg.length == 3 && seg[1].equals("status")) {
            return shelly.status(message, seg[0], seg[2]);
        }
        if (seg.length == 3 && seg[1].equals("events") && seg[2].equals("rpc")) {
            return shelly.rpc(message, seg[0]);
        }
        throw new FieldProblem(UNKNOWN_TOPIC, "no decoder for topic '" + DeviceReadings.abbreviate(topic) + "'");
    }

    /** Whether {@code topic[from, to)} is one of {@link RoutingTable#RESERVED_SEGMENTS}. */
    private static boolean isReserved(String topic, int from, int to) {
        for (String reserved : RoutingTable.RESERVED_SEGMENTS) {
            if (reserved.length() == to - from && topic.startsWith(reserved, from)) {
                return true;
            }
        }
        return false;
    }
}
