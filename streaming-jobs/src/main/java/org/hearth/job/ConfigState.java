package org.hearth.job;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration as broadcast state: the current homes and thresholds texts, replaced whole by
 * control messages. Each function keeps the parsed form of the texts it last saw, so parsing
 * happens once per change, not per event.
 */
final class ConfigState {

    static final MapStateDescriptor<String, String> DESCRIPTOR =
            new MapStateDescriptor<>("hearth-config", Types.STRING, Types.STRING);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigState.class);

    private final DetectionJobConfig initial;
    private String homesSeen;
    private String thresholdsSeen;
    private DetectionSettings parsed;

    ConfigState(DetectionJobConfig initial) {
        this.initial = initial;
    }

    /** The settings for the texts now in broadcast state (or the start configuration). */
    DetectionSettings current(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String homes = state.get(ControlMessage.Kind.HOMES.name());
        String thresholds = state.get(ControlMessage.Kind.THRESHOLDS.name());
        homes = homes == null ? initial.homesYaml() : homes;
        thresholds = thresholds == null ? initial.thresholdsYaml() : thresholds;
        // Identity, not equals: broadcast state is on the heap and hands back the same String.
        if (parsed == null || homes != homesSeen || thresholds != thresholdsSeen) {
            parsed = DetectionSettings.parse(homes, thresholds);
            homesSeen = homes;
            thresholdsSeen = thresholds;
        }
        return parsed;
    }

    /**
     * Applies a control message if its text is valid together with the other file.
     *
     * @return whether it was applied
     */
    boolean apply(BroadcastState<String, String> state, ControlMessage message) throws Exception {
        if (message.kind() == ControlMessage.Kind.AWAY) {
            return false; // an away mode is the alert lifecycle's (LifecycleDriver), not configuration
        }
        String homes = message.kind() == ControlMessage.Kind.HOMES ? message.text() : orInitial(state, ControlMessage.Kind.HOMES);
        String thresholds = message.kind() == ControlMessage.Kind.THRESHOLDS
                ? message.text() : orInitial(state, ControlMessage.Kind.THRESHOLDS);
        try {
            DetectionSettings.parse(homes, thresholds);
        } catch (RuntimeException e) {
            LOG.warn("refused a {} change from the control topic, keeping the previous one: {}",
                    message.kind(), e.getMessage());
            return false;
        }
        state.put(message.kind().name(), message.text());
        return true;
    }

    private String orInitial(BroadcastState<String, String> state, ControlMessage.Kind kind) throws Exception {
        String text = state.get(kind.name());
        if (text != null) {
            return text;
        }
        return kind == ControlMessage.Kind.HOMES ? initial.homesYaml() : initial.thresholdsYaml();
    }
}
