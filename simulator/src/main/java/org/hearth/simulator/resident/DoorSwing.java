package org.hearth.simulator.resident;

/** The front door opened at {@code open} and closed at {@code close} (epoch milliseconds). */
public record DoorSwing(long open, long close) {}
