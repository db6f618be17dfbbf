package org.hearth.models.activity;

import java.time.Instant;

/** The resident moved from room {@code from} to room {@code to}, first seen there at {@code at}. */
public record RoomChanged(Instant at, String from, String to) implements Activity {}
