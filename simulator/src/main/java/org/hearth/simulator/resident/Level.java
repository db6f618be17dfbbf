package org.hearth.simulator.resident;

/** How much a person moves during a stay, which decides what the motion sensors see. */
public enum Level {
    /** Walking, cooking, washing: motion every few seconds. */
    ACTIVE,
    /** Sitting: a fidget every few minutes. */
    SEDENTARY,
    /** Asleep: an occasional turn in bed. */
    ASLEEP,
    /** Fallen or unconscious: nothing at all. */
    MOTIONLESS
}
