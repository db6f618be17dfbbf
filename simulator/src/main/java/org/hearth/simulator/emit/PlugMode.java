package org.hearth.simulator.emit;

/** How a smart plug reports power. */
public enum PlugMode {
    /** A reading every {@code plugSampleSeconds} while drawing power, and 0 W when it stops. */
    PERIODIC,
    /** One reading when power starts and one (0 W) when it stops. */
    ON_CHANGE
}
