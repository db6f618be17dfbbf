package org.hearth.models.activity;

import java.time.Instant;

/**
 * The resident went out: the front door was used at {@code at} and no motion followed inside for
 * the configured "away after" time. Emitted once that time has passed.
 */
public record LeftHome(Instant at) implements Activity {}
