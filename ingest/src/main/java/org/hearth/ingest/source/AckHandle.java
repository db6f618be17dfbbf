package org.hearth.ingest.source;

/**
 * What is needed to acknowledge one received message: its packet id and QoS, and the connection
 * (epoch) that received it. A PUBACK only means something on that connection: after a reconnect
 * the broker redelivers and may reuse the id for a different message, so stale handles are skipped.
 */
public record AckHandle(long epoch, int messageId, int qos) {}
