package org.hearth.simulator.resident;

/** One kettle boil: the plug draws {@code watts} from {@code start} for {@code durationMs}. */
public record Boil(long start, long durationMs, double watts) {

    public long end() {
        return start + durationMs;
    }
}
