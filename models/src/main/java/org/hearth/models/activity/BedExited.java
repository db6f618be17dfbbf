package org.hearth.models.activity;

import java.time.Instant;

/** The resident got out of bed at {@code at} and stayed out longer than the lift debounce. */
public record BedExited(Instant at) implements Activity {}
