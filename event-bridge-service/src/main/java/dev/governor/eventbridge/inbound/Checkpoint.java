package dev.governor.eventbridge.inbound;

import java.time.Instant;

/**
 * Where a subscription's relay stands: the replay id of the last event (or keepalive position) committed
 * to Kafka, in the same transaction as the events before it.
 *
 * @param subscription the subscription's name (the record key of the checkpoint topic)
 * @param channel      the Pub/Sub API channel
 * @param replayId     the replay id to resume after
 * @param committedAt  when it was written
 */
public record Checkpoint(String subscription, String channel, byte[] replayId, Instant committedAt) {}
