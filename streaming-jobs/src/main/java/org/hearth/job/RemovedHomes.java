package org.hearth.job;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.registry.Home;

/**
 * A home removed from the registry ({@code hearth kit apply}) takes its keyed state with it: nothing
 * is kept forever for a home that no longer exists (a resident who moved out, a kit returned). The
 * detector and the alert lifecycle call {@link #applyAndForget} with their control messages. Timers
 * already set for a removed home still fire once, find no state and set no more.
 */
final class RemovedHomes {

    private RemovedHomes() {}

    /**
     * Applies {@code message} to the configuration and, when it is a registry that drops homes,
     * clears the given keyed states of every key that belongs to a dropped home.
     *
     * @param homeOfKey the home a key belongs to (the key itself, or the part before {@code |})
     * @return the homes removed (empty when none, or when the message was refused)
     */
    static Set<String> applyAndForget(ConfigState config, BroadcastState<String, String> broadcast, ControlMessage message,
                                      KeyedBroadcastProcessFunction<String, ?, ControlMessage, ?>.Context ctx,
                                      java.util.function.Function<String, String> homeOfKey,
                                      StateDescriptor<?, ?>... states) throws Exception {
        Set<String> before = message.kind() == ControlMessage.Kind.HOMES ? homeIds(config, broadcast) : Set.of();
        if (!config.apply(broadcast, message) || before.isEmpty()) {
            return Set.of();
        }
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(homeIds(config, broadcast));
        if (!gone.isEmpty()) {
            Predicate<String> removed = key -> gone.contains(homeOfKey.apply(key));
            for (StateDescriptor<?, ?> descriptor : states) {
                clear(ctx, descriptor, removed);
            }
        }
        return gone;
    }

    /** The home of a lifecycle key ({@code home|rule}). */
    static String homeOfLifecycleKey(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void clear(KeyedBroadcastProcessFunction<String, ?, ControlMessage, ?>.Context ctx,
                              StateDescriptor descriptor, Predicate<String> removed) throws Exception {
        ctx.applyToKeyedState(descriptor, (key, state) -> {
            if (removed.test((String) key)) {
                ((State) state).clear();
            }
        });
    }

    private static Set<String> homeIds(ConfigState config, BroadcastState<String, String> broadcast) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Home h : config.current(broadcast).registry().homes()) {
            ids.add(h.id());
        }
        return ids;
    }
}
