package org.hearth.ingest.source.internal.reader;

import org.hearth.ingest.source.MqttMessage;

/** A message in the reader's buffer with what it takes to acknowledge it later. */
record Received(MqttMessage message, AckHandle ack) {}
