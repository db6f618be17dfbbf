package org.hearth.models.activity;

import java.time.Instant;

/** A door contact closed; {@code frontDoor} when it is the door to the outside. */
public record DoorClosed(Instant at, String sensorId, String room, boolean frontDoor) implements Activity {}
