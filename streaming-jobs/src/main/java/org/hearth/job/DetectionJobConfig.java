package org.hearth.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.control.ConfigTexts;
import org.hearth.models.rules.DetectionSettings;

/**
 * What the detection job starts with. Holds the configuration files as text (the parsed registry is
 * not serializable, and text is what the control topic replaces), checked when built so that a bad
 * file fails at start with its file and line rather than inside a task.
 *
 * @param homesYaml the kit registry ({@code homes.yaml}) text
 * @param thresholdsYaml the thresholds text, or null for the defaults
 * @param escalation who is told when, per severity
 * @param urgentOnArrival whether a help press is also raised on arrival, ahead of the watermark
 *     ({@link RuleDecision#urgent()}): on live ({@code hearth run}, {@code hearth demo}), where the
 *     watermark wait would delay the text by the out-of-orderness; off in replay and backtests,
 *     which nobody waits on, so that their alerts are event-time order's alone whatever the arrival
 *     order and timing (live gives the same alerts: {@link LifecycleDriver#urgentAppliesAtOnce})
 */
public record DetectionJobConfig(String homesYaml, String thresholdsYaml, EscalationPolicy escalation,
                                 boolean urgentOnArrival) implements Serializable, ConfigTexts {

    public DetectionJobConfig {
        Objects.requireNonNull(homesYaml, "homesYaml");
        Objects.requireNonNull(escalation, "escalation");
        DetectionSettings.parse(homesYaml, thresholdsYaml); // fail fast, with file and line
    }

    /** With the help button raised on arrival (the live default). */
    public DetectionJobConfig(String homesYaml, String thresholdsYaml, EscalationPolicy escalation) {
        this(homesYaml, thresholdsYaml, escalation, true);
    }

    /** The same configuration with the urgent path on or off. */
    public DetectionJobConfig withUrgentOnArrival(boolean on) {
        return new DetectionJobConfig(homesYaml, thresholdsYaml, escalation, on);
    }

    /*
     * Flink serializes each function on its own, and most carry this configuration: the registry text goes as
     * RegistryTexts writes it (compressed once, read back as the instance this JVM holds), not once per function in
     * full (BENCHMARKS.md, the job's start). Reading it back goes through the canonical constructor, as before.
     */
    @java.io.Serial
    private Object writeReplace() {
        return new SerialForm(this);
    }

    private static final class SerialForm implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private transient DetectionJobConfig config;

        SerialForm(DetectionJobConfig config) {
            this.config = config;
        }

        @java.io.Serial
        private void writeObject(java.io.ObjectOutputStream out) throws IOException {
            org.hearth.models.registry.RegistryTexts.write(out, config.homesYaml());
            out.writeObject(config.thresholdsYaml());
            out.writeObject(config.escalation());
            out.writeBoolean(config.urgentOnArrival());
        }

        @java.io.Serial
        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            String homes = org.hearth.models.registry.RegistryTexts.read(in);
            String thresholds = (String) in.readObject();
            EscalationPolicy escalation = (EscalationPolicy) in.readObject();
            config = new DetectionJobConfig(homes, thresholds, escalation, in.readBoolean());
        }

        @java.io.Serial
        private Object readResolve() {
            return config;
        }
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
