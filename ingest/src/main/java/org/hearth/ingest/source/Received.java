package org.hearth.ingest.source;


/** A message in the reader's buffer with what it takes to acknowledge it later. */
record Received(MqttMessage message, AckHandle ack) {}
