package org.hearth.alerts.route;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current away mode per home. Setting replaces the previous one; clearing ends it early. Kept
 * in memory; the job holds it in (broadcast) state, the command line may persist it.
 */
public final class AwayModes {

    private final Map<String, AwayMode> byHome = new HashMap<>();

    /**
     * Sets an away mode, checking who may set it.
     *
     * @throws IllegalArgumentException when the setter is neither a carer nor the installer
     */
    public void set(AwayMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (!mode.setBy().startsWith("carer-") && !mode.setBy().equals("installer")) {
            throw new IllegalArgumentException("away modes are set by a carer or the installer, not " + mode.setBy());
        }
        byHome.put(mode.homeId(), mode);
    }

    public void clear(String homeId) {
        byHome.remove(homeId);
    }

    /** The away mode in force at {@code at}, if any (an expired one is ignored). */
    public Optional<AwayMode> active(String homeId, Instant at) {
        AwayMode mode = byHome.get(homeId);
        // Not removed when expired: a replay asks about earlier event times too.
        return mode != null && mode.activeAt(at) ? Optional.of(mode) : Optional.empty();
    }
}
