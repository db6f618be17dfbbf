package org.hearth.simulator.resident;

/**
 * A person in one place from {@code start} to {@code end} (epoch milliseconds, true time).
 */
public record Stay(long start, long end, Place place, Level level) {

    public Stay {
        if (end < start) {
            throw new IllegalArgumentException("stay ends before it starts: " + start + " > " + end);
        }
    }

    public boolean contains(long t) {
        return t >= start && t < end;
    }
}
