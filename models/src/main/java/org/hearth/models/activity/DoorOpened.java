package org.hearth.models.activity;

import java.time.Instant;

/** A door contact opened; {@code frontDoor} when it is the door to the outside. */
public record DoorOpened(Instant at, String sensorId, String room, boolean frontDoor) implements Activity {}
