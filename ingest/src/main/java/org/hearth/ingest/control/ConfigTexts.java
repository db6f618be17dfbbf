package org.hearth.ingest.control;

/**
 * The configuration a job starts with, as text: what {@link ConfigState} follows until the control
 * topic brings a change (the detection job's {@code DetectionJobConfig} is one).
 */
public interface ConfigTexts {

    /** The kit registry ({@code homes.yaml}). */
    String homesYaml();

    /** The thresholds ({@code thresholds.yaml}), or null for the built-in settings. */
    String thresholdsYaml();
}
