package org.hearth.prealert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Hub;
import org.hearth.models.registry.HubFormat;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * What Hearth publishes to ask a resident "are you OK?" when an alert enters its pre-alert window:
 * <ul>
 *   <li>always, {@code hearth/cmd/{homeId}/prealert} (QoS 1, not retained): a JSON request any
 *       home device or bridge can act on — {@code {"homeId","alertId","rule","at","until","press"}};</li>
 *   <li>where the kit can be commanded over MQTT, the help button's own device and the devices the
 *       hub lists under {@code ask} (a lamp, a chime with a light): on a Zigbee2MQTT hub
 *       {@code <base>/<device>/set} with {@code {"effect":"blink"}} (the light-effect command of
 *       Zigbee2MQTT's exposes; a device without it ignores it), on Tasmota {@code cmnd/<topic>/POWER}
 *       with {@code BLINK} (Tasmota's Power blink). Shelly and native kits get the request topic only.</li>
 * </ul>
 * No name or number is in any of them: the request carries ids and the rule.
 */
public final class PreAlertCommands {

    /** One MQTT message to publish. */
    public record Message(String topic, byte[] payload) {}

    private PreAlertCommands() {}

    /** The request topic of a home. */
    public static String requestTopic(String homeId) {
        return "hearth/cmd/" + homeId + "/prealert";
    }

    /**
     * The messages for one lifecycle event (none unless it is a {@code PRE_ALERT}).
     *
     * @param window the pre-alert window (the request says until when a press counts)
     */
    public static List<Message> of(LifecycleEvent event, Home home, Duration window) {
        if (event.type() != LifecycleEventType.PRE_ALERT) {
            return List.of();
        }
        List<Message> out = new ArrayList<>();
        Instant until = window == null ? null : event.at().plus(window);
        Map<String, String> request = new LinkedHashMap<>();
        request.put("homeId", home.id());
        request.put("alertId", event.alert().alertId());
        request.put("rule", event.alert().rule().wireName());
        request.put("at", event.at().toString());
        request.put("until", until == null ? null : until.toString());
        // what answers: the help button, else the ok-button (a remote, a switch) the home has instead
        request.put("press", home.sensorWithRole(SensorRole.HELP_BUTTON).isPresent() ? "help-button" : "ok-button");
        try {
            out.add(new Message(requestTopic(home.id()), HearthJson.json().writeValueAsBytes(request)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Optional<Sensor> button = home.sensorWithRole(SensorRole.HELP_BUTTON);
        java.util.Set<String> topics = new java.util.HashSet<>();
        for (Hub hub : home.hubs()) {
            List<String> devices = new ArrayList<>();
            if (button.isPresent() && button.get().device() != null) {
                devices.add(button.get().device());
            }
            devices.addAll(hub.ask()); // the lamps and chimes the installer listed for this hub
            for (String device : devices) {
                Message m = blink(hub, device);
                if (m != null && topics.add(m.topic())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The blink command of one device on one hub, or null where Hearth cannot command it. */
    private static Message blink(Hub hub, String device) {
        if (hub.format() == HubFormat.ZIGBEE2MQTT && hub.base() != null) {
            return new Message(hub.base() + "/" + device + "/set", "{\"effect\":\"blink\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (hub.format() == HubFormat.TASMOTA) {
            return new Message("cmnd/" + device + "/POWER", "BLINK".getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
