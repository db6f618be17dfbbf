package org.hearth.ingest.control;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.models.rules.DetectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry follower: the current {@code homes.yaml} and {@code thresholds.yaml} texts as
 * broadcast state ({@link #DESCRIPTOR}), replaced whole by control messages, and their parsed form.
 * Every function that needs the registry or the thresholds follows the control topic through this
 * class and this descriptor (ingest's decoder, detection, the pre-alert gate, the lifecycle, alert
 * addressing, status publishing), so all of them accept and refuse the same changes.
 *
 * <p>A change is parsed once in each function: {@link #apply} parses and validates it (the registry
 * together with the thresholds, and the registry's routing table, so that a registry ingest could not
 * route is refused everywhere, not only by ingest) and keeps the parsed form for {@link #current};
 * a thresholds change keeps the parsed registry. A function builds one in {@code open()}.
 */
public final class ConfigState {

    public static final MapStateDescriptor<String, String> DESCRIPTOR =
            new MapStateDescriptor<>("hearth-config", Types.STRING, Types.STRING);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigState.class);

    private final ConfigTexts initial;
    private String homesSeen;
    private String thresholdsSeen;
    private DetectionSettings parsed;

    public ConfigState(ConfigTexts initial) {
        this.initial = initial;
    }

    /** The settings for the texts now in broadcast state (or the start configuration). */
    public DetectionSettings current(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String homes = orInitial(state, ControlMessage.Kind.HOMES);
        String thresholds = orInitial(state, ControlMessage.Kind.THRESHOLDS);
        // Identity, not equals: broadcast state is on the heap and hands back the same String.
        if (parsed == null || homes != homesSeen || thresholds != thresholdsSeen) {
            remember(homes, thresholds, DetectionSettings.parse(homes, thresholds));
        }
        return parsed;
    }

    /**
     * Applies a registry or thresholds change if it is valid together with the other file; an away
     * mode is not configuration (the lifecycle keeps it) and is not applied.
     *
     * @return whether it was applied
     */
    public boolean apply(BroadcastState<String, String> state, ControlMessage message) throws Exception {
        if (message.kind() == ControlMessage.Kind.AWAY) {
            return false;
        }
        boolean newRegistry = message.kind() == ControlMessage.Kind.HOMES;
        String homes = newRegistry ? message.text() : orInitial(state, ControlMessage.Kind.HOMES);
        String thresholds = newRegistry ? orInitial(state, ControlMessage.Kind.THRESHOLDS) : message.text();
        DetectionSettings next;
        try {
            next = !newRegistry && parsed != null && homes == homesSeen
                    ? DetectionSettings.withThresholds(parsed.registry(), thresholds)
                    : DetectionSettings.parse(homes, thresholds);
            if (newRegistry) {
                RoutingTables.of(next.registry()); // two homes claiming one device: ingest could not route it
            }
        } catch (RuntimeException e) {
            LOG.warn("refused a {} change from the control topic, keeping the previous one: {}",
                    message.kind(), e.getMessage());
            return false;
        }
        state.put(message.kind().name(), message.text());
        remember(homes, thresholds, next);
        return true;
    }

    private void remember(String homes, String thresholds, DetectionSettings settings) {
        parsed = settings;
        homesSeen = homes;
        thresholdsSeen = thresholds;
    }

    private String orInitial(ReadOnlyBroadcastState<String, String> state, ControlMessage.Kind kind) throws Exception {
        String text = state.get(kind.name());
        if (text != null) {
            return text;
        }
        return kind == ControlMessage.Kind.HOMES ? initial.homesYaml() : initial.thresholdsYaml();
    }
}
