package org.hearth.models.threshold;

import java.util.List;

/** A thresholds file (or a home's overrides) that cannot be used; each problem names file, line and field. */
public final class ThresholdsException extends RuntimeException {

    private final List<String> problems;

    public ThresholdsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
