package org.hearth.backtest;

import java.util.Objects;

/**
 * One set of thresholds to try.
 *
 * @param name how the report names it (the file name, or {@code not-up.quantile=0.85} in a sweep)
 * @param thresholdsYaml the thresholds text, overlaid on the built-in defaults; null for the defaults alone
 * @param sweepValue the swept setting's value, or NaN outside a sweep
 */
public record Candidate(String name, String thresholdsYaml, double sweepValue) {
    public Candidate {
        Objects.requireNonNull(name, "name");
    }

    public static Candidate of(String name, String thresholdsYaml) {
        return new Candidate(name, thresholdsYaml, Double.NaN);
    }
}
