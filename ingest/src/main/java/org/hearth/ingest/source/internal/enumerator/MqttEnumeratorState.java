package org.hearth.ingest.source.internal.enumerator;

/** The enumerator has nothing to remember: every reader gets its split when it registers. */
public record MqttEnumeratorState() {}
