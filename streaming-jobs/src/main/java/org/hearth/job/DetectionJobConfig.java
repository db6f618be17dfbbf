package org.hearth.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.control.ConfigTexts;
import org.hearth.models.registry.RegistryText;
import org.hearth.models.rules.DetectionSettings;

/**
 * What the detection job starts with. Holds the configuration files as text (the parsed registry is
 * not serializable, and text is what the control topic replaces), checked when built so that a bad
 * file fails at start with its file and line rather than inside a task.
 *
 * @param registry the kit registry ({@code homes.yaml}) text; Flink serializes each function on its own, and most
 *     carry this configuration: the text travels as {@link RegistryText} writes it (compressed once, read back as the
 *     instance this JVM holds), not once per function in full (BENCHMARKS.md, the job's start)
 * @param thresholdsYaml the thresholds text, or null for the defaults
 * @param escalation who is told when, per severity
 * @param urgentOnArrival whether a help press is also raised on arrival, ahead of the watermark
 *     ({@link RuleDecision#urgent()}): on live ({@code hearth run}, {@code hearth demo}), where the
 *     watermark wait would delay the text by the out-of-orderness; off in replay and backtests,
 *     which nobody waits on, so that their alerts are event-time order's alone whatever the arrival
 *     order and timing (live gives the same alerts: {@link LifecycleDriver#urgentAppliesAtOnce})
 */
public record DetectionJobConfig(RegistryText registry, String thresholdsYaml, EscalationPolicy escalation,
                                 boolean urgentOnArrival) implements Serializable, ConfigTexts {

    public DetectionJobConfig {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(escalation, "escalation");
        DetectionSettings.parse(registry.text(), thresholdsYaml); // fail fast, with file and line (also when read back)
    }

    public DetectionJobConfig(String homesYaml, String thresholdsYaml, EscalationPolicy escalation, boolean urgentOnArrival) {
        this(RegistryText.of(homesYaml), thresholdsYaml, escalation, urgentOnArrival);
    }

    /** With the help button raised on arrival (the live default). */
    public DetectionJobConfig(String homesYaml, String thresholdsYaml, EscalationPolicy escalation) {
        this(homesYaml, thresholdsYaml, escalation, true);
    }

    /** The same configuration with the urgent path on or off. */
    public DetectionJobConfig withUrgentOnArrival(boolean on) {
        return new DetectionJobConfig(registry, thresholdsYaml, escalation, on);
    }

    /** The kit registry's text. */
    @Override
    public String homesYaml() {
        return registry.text();
    }

    /** Reads both files; {@code thresholds} may be null. */
    public static DetectionJobConfig load(Path homes, Path thresholds) throws IOException {
        return new DetectionJobConfig(Files.readString(homes),
                thresholds == null ? null : Files.readString(thresholds), EscalationPolicy.defaults());
    }

    public static DetectionJobConfig of(String homesYaml) {
        return new DetectionJobConfig(homesYaml, null, EscalationPolicy.defaults());
    }
}
