package org.hearth.ingest.source;

/**
 * What is needed to acknowledge one received message: its packet id and QoS, and the connection
 * epoch that received it. Epochs are unique across all of a reader's connections (its own, several
 * when {@link MqttSourceConfig#connectionsPerReader} is above 1, and the sessions it drains) and
 * across their reconnects, so the epoch names both the connection and the link: a PUBACK only means
 * something on that link. After a reconnect the broker redelivers and may reuse the id for a
 * different message, so stale handles are skipped.
 */
public record AckHandle(long epoch, int messageId, int qos) {}
