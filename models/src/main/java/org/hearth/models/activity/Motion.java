package org.hearth.models.activity;

import java.time.Instant;

/** A motion sensor fired in {@code room}. One per "movement" reading; used for the activity profile. */
public record Motion(Instant at, String room) implements Activity {}
