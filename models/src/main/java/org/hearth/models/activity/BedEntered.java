package org.hearth.models.activity;

import java.time.Instant;

/** The resident got into bed at {@code at} and stayed longer than the entry debounce. */
public record BedEntered(Instant at) implements Activity {}
